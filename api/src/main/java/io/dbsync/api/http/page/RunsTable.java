package io.dbsync.api.http.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The last runs, newest first: what each did, how long it took, who started it, and why a run was refused or failed. */
final class RunsTable {
    private RunsTable() {
    }

    static void render(List<JsonNode> runs, StringBuilder out) {
        out.append("<section id=\"runs\"><h2>Last ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs")
                .append("</h2>");
        if (runs.isEmpty()) {
            out.append("<p>No runs yet. Start one with <code>POST /syncdb</code> or <code>dbsync sync</code>.</p></section>");
            return;
        }
        out.append("<table><thead><tr><th>started</th><th>status</th><th>mode</th><th class=\"num\">documents</th>")
                .append("<th class=\"num\">bytes</th><th class=\"num\">duration</th><th>who</th><th>why</th></tr></thead><tbody>");
        for (JsonNode run : runs) {
            String status = run.path("status").asText();
            out.append("<tr class=\"run\" data-status=\"").append(Html.text(status)).append("\">")
                    .append(Html.element("td", "time", Formats.instant(Instants.of(run.path("startedAt")))))
                    .append("<td><span class=\"badge ").append(Html.text(status)).append("\">").append(Html.text(status))
                    .append("</span></td>").append(Html.cell(mode(run)))
                    .append(Html.numberCell(Formats.count(run.path("documents").asLong())))
                    .append(Html.numberCell(Formats.bytes(run.path("bytes").asLong())))
                    .append(Html.numberCell(Formats.duration(run.path("durationMs").asLong())))
                    .append(Html.cell(run.path("triggeredBy").asText()))
                    .append("<td class=\"why\">").append(why(run)).append("</td></tr>");
        }
        out.append("</tbody></table></section>");
    }

    /** {@code delta}, or {@code full (auto)} when the mode that ran is not the one asked for. */
    private static String mode(JsonNode run) {
        String mode = run.path("mode").asText();
        String requested = run.path("requestedMode").asText(mode);
        return mode.equals(requested) ? mode : mode + " (" + requested + ")";
    }

    /** A refusal's reason and message, a failure's error, or whether the guard was forced. */
    private static String why(JsonNode run) {
        StringBuilder why = new StringBuilder();
        JsonNode refusal = run.path("refusal");
        if (refusal.isTextual()) {
            why.append("<strong class=\"refusal\">").append(Html.text(refusal.asText().replace('_', ' '))).append("</strong> ");
        }
        if (run.path("error").isTextual()) {
            why.append("<span class=\"error\">").append(Html.text(run.path("error").asText())).append("</span>");
        }
        if (run.path("forced").asBoolean()) {
            why.append(why.length() == 0 ? "" : " ").append("<span class=\"muted\">forced</span>");
        }
        return why.toString();
    }
}
