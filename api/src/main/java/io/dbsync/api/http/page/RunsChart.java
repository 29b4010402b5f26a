package io.dbsync.api.http.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Duration (bars, coloured by status, left scale) and documents written (line, right scale) over
 * the last runs, newest on the right, as inline SVG: a few rects and a polyline need no chart
 * library, no script and no external file. Each bar and point has a {@code <title>} tooltip.
 */
final class RunsChart {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 240;
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 16;
    private static final int BOTTOM = 30;
    /** Room for this many runs, newest at the right edge, so a bar keeps its width as runs accumulate. */
    static final int SLOTS = 30;

    private RunsChart() {
    }

    static void render(List<JsonNode> newestFirst, StringBuilder out) {
        out.append("<section id=\"chart\"><h2>Duration and documents</h2>");
        if (newestFirst.isEmpty()) {
            out.append("<p class=\"muted\">The chart appears after the first run.</p></section>");
            return;
        }
        List<JsonNode> runs = new ArrayList<>(newestFirst);
        Collections.reverse(runs);
        long maxDuration = Math.max(1, runs.stream().mapToLong(run -> run.path("durationMs").asLong()).max().orElse(1));
        long maxDocuments = Math.max(1, runs.stream().mapToLong(run -> run.path("documents").asLong()).max().orElse(1));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        int slots = Math.max(SLOTS, runs.size());
        double slot = plotWidth / slots;
        out.append("<svg id=\"runs-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Duration and documents of the last ").append(runs.size())
                .append(" runs\" xmlns=\"http://www.w3.org/2000/svg\">");
        axes(maxDuration, maxDocuments, out);
        StringBuilder line = new StringBuilder();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            long duration = run.path("durationMs").asLong();
            long documents = run.path("documents").asLong();
            double barHeight = Math.max(1, duration * plotHeight / maxDuration);
            double x = LEFT + (slots - runs.size() + i) * slot;
            String tip = Formats.instant(Instants.of(run.path("startedAt"))) + ": " + run.path("status").asText() + ", "
                    + Formats.duration(duration) + ", " + Formats.count(documents) + " documents, by "
                    + run.path("triggeredBy").asText();
            out.append("<rect class=\"bar ").append(Html.text(run.path("status").asText())).append("\" x=\"")
                    .append(number(x + slot * 0.15)).append("\" y=\"").append(number(TOP + plotHeight - barHeight))
                    .append("\" width=\"").append(number(slot * 0.7)).append("\" height=\"").append(number(barHeight))
                    .append("\"><title>").append(Html.text(tip)).append("</title></rect>");
            double cx = x + slot / 2;
            double cy = TOP + plotHeight - documents * plotHeight / maxDocuments;
            line.append(line.length() == 0 ? "" : " ").append(number(cx)).append(',').append(number(cy));
            points.append("<circle class=\"point\" cx=\"").append(number(cx)).append("\" cy=\"").append(number(cy))
                    .append("\" r=\"3\"><title>").append(Html.text(tip)).append("</title></circle>");
        }
        out.append("<polyline class=\"documents\" points=\"").append(line).append("\"/>").append(points);
        out.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 8).append("\">older</text>")
                .append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"end\">newest</text></svg>");
        legend(out);
        out.append("</section>");
    }

    private static void axes(long maxDuration, long maxDocuments, StringBuilder out) {
        int bottom = HEIGHT - BOTTOM;
        out.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(bottom).append("\"/>")
                .append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\"/>")
                .append("<line class=\"axis\" x1=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\"/>");
        out.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(TOP + 10).append("\" text-anchor=\"end\">")
                .append(Html.text(Formats.duration(maxDuration))).append("</text>")
                .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(bottom).append("\" text-anchor=\"end\">0</text>")
                .append("<text class=\"documents-scale\" x=\"").append(WIDTH - RIGHT + 6).append("\" y=\"").append(TOP + 10)
                .append("\">").append(Html.text(Formats.count(maxDocuments))).append("</text>")
                .append("<text class=\"documents-scale\" x=\"").append(WIDTH - RIGHT + 6).append("\" y=\"").append(bottom)
                .append("\">0</text>");
    }

    private static void legend(StringBuilder out) {
        out.append("<p class=\"legend\">Bars: duration (left scale) — <span class=\"key completed\"></span>completed ")
                .append("<span class=\"key failed\"></span>failed <span class=\"key refused\"></span>refused ")
                .append("<span class=\"key running\"></span>running. Line: documents written (right scale).</p>");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
