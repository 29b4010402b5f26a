package io.dbsync.api.http.page;

import com.fasterxml.jackson.databind.JsonNode;

/** The run going now, collection by collection, from its {@code live} figures. */
final class LiveProgress {
    /** How often the page reloads itself while a run is going (a meta refresh: it works with JavaScript off). */
    static final int REFRESH_SECONDS = 5;

    private LiveProgress() {
    }

    static void render(JsonNode run, StringBuilder out) {
        out.append("<section id=\"live\"><h2>Run in progress</h2><p>Run <code>").append(Html.text(run.path("runId").asText()))
                .append("</code>, ").append(Html.text(run.path("mode").asText())).append(", started by ")
                .append(Html.text(run.path("triggeredBy").asText())).append(", running for ")
                .append(Html.text(Formats.duration(run.path("durationMs").asLong()))).append(": ")
                .append(Html.text(Formats.count(run.path("documents").asLong()))).append(" documents, ")
                .append(Html.text(Formats.bytes(run.path("bytes").asLong())))
                .append(" so far. This page reloads every ").append(REFRESH_SECONDS).append(" seconds.</p>");
        JsonNode live = run.path("live");
        if (live.isEmpty()) {
            out.append("<p class=\"muted\">The run is planning: no collection started yet.</p></section>");
            return;
        }
        out.append("<table><thead><tr><th>collection</th><th>state</th><th class=\"num\">documents</th>")
                .append("<th class=\"num\">of about</th><th class=\"num\">bytes</th><th>progress</th></tr></thead><tbody>");
        for (JsonNode collection : live) {
            long documents = collection.path("documents").asLong();
            long estimated = collection.path("estimatedDocuments").asLong();
            out.append("<tr class=\"live-collection\">").append(Html.cell(collection.path("name").asText()))
                    .append(Html.cell(collection.path("state").asText()))
                    .append(Html.numberCell(Formats.count(documents))).append(Html.numberCell(Formats.count(estimated)))
                    .append(Html.numberCell(Formats.bytes(collection.path("bytes").asLong()))).append("<td>")
                    .append(bar(collection.path("state").asText(), documents, estimated)).append("</td></tr>");
        }
        out.append("</tbody></table></section>");
    }

    /** A native progress bar: a staged collection is done whatever the estimate said. */
    private static String bar(String state, long documents, long estimated) {
        long max = Math.max(1, Math.max(documents, estimated));
        long value = "staged".equals(state) ? max : documents;
        long percent = value * 100 / max;
        return "<progress value=\"" + value + "\" max=\"" + max + "\">" + percent + " %</progress> " + percent + " %";
    }
}
