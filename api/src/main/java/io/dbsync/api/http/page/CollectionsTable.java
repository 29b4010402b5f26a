package io.dbsync.api.http.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The collections of the newest run that wrote any: how each was brought up to date, and whether it verified. */
final class CollectionsTable {
    private CollectionsTable() {
    }

    static void render(Optional<JsonNode> lastRun, StringBuilder out) {
        out.append("<section id=\"collections\"><h2>Collections of the last completed run</h2>");
        if (lastRun.isEmpty()) {
            out.append("<p>No run has written any collection yet.</p></section>");
            return;
        }
        JsonNode run = lastRun.get();
        out.append("<p class=\"muted\">Run <code>").append(Html.text(run.path("runId").asText())).append("</code>, started ")
                .append(Html.text(Formats.instant(Instants.of(run.path("startedAt"))))).append(" by ")
                .append(Html.text(run.path("triggeredBy").asText())).append(".</p>");
        out.append("<table><thead><tr><th>collection</th><th>type</th><th>method</th><th class=\"num\">documents</th>")
                .append("<th class=\"num\">deleted</th><th class=\"num\">bytes</th><th class=\"num\">indexes</th>")
                .append("<th class=\"num\">duration</th><th>verified</th></tr></thead><tbody>");
        for (JsonNode collection : run.path("collections")) {
            boolean verified = collection.path("verified").asBoolean();
            String method = collection.path("method").asText();
            if (collection.path("reason").isTextual()) {
                method += " — " + collection.path("reason").asText();
            }
            out.append("<tr class=\"collection\">").append(Html.cell(collection.path("name").asText()))
                    .append(Html.cell(collection.path("type").asText())).append(Html.cell(method))
                    .append(Html.numberCell(Formats.count(collection.path("documents").asLong())))
                    .append(Html.numberCell(Formats.count(collection.path("deleted").asLong())))
                    .append(Html.numberCell(Formats.bytes(collection.path("bytes").asLong())))
                    .append(Html.numberCell(Formats.count(collection.path("indexes").asLong())))
                    .append(Html.numberCell(Formats.duration(collection.path("durationMs").asLong())))
                    .append(Html.element("td", verified ? "ok" : "bad", (verified ? "✓ " : "✗ ")
                            + collection.path("verification").asText()))
                    .append("</tr>");
        }
        out.append("</tbody></table>");
        lines("Kept on the standby (gone from the source)", run.path("keptOnTarget"), out);
        lines("Dropped from the standby (dropMissing)", run.path("droppedOnTarget"), out);
        out.append("</section>");
    }

    private static void lines(String title, JsonNode names, StringBuilder out) {
        if (names.isEmpty()) {
            return;
        }
        out.append("<p>").append(Html.text(title)).append(": ");
        boolean first = true;
        for (JsonNode name : names) {
            out.append(first ? "" : ", ").append(Html.element("code", null, name.asText()));
            first = false;
        }
        out.append("</p>");
    }
}
