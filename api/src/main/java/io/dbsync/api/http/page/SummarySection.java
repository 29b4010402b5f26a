package io.dbsync.api.http.page;

import io.dbsync.api.store.StandbyStates;

/** Freshness (the last success against the window) and the standby's state: the page's first answers. */
final class SummarySection {
    private SummarySection() {
    }

    static void render(StatusView view, StringBuilder out) {
        out.append("<div class=\"cards\">");
        freshness(view, out);
        standby(view, out);
        out.append("</div>");
    }

    private static void freshness(StatusView view, StringBuilder out) {
        out.append("<section id=\"freshness\" class=\"card\"><h2>Freshness</h2>");
        out.append("<p id=\"freshness-state\" class=\"state ").append(view.stale() ? "bad\">Stale" : "ok\">Fresh")
                .append("</p>");
        if (view.lastSuccessAt().isPresent()) {
            out.append("<p>Last successful run: ").append(Html.text(Formats.instant(view.lastSuccessAt().get())))
                    .append(" (").append(Html.text(Formats.ago(view.lastSuccessAt().get(), view.now()))).append(")</p>");
        } else {
            out.append("<p>No run has completed yet.</p>");
        }
        out.append("<p class=\"muted\">Stale when no run completed within ")
                .append(Html.text(Formats.duration(view.freshnessWindow().toMillis())))
                .append(" (<code>SYNC_MAX_STALENESS_MINUTES</code>).</p></section>");
    }

    private static void standby(StatusView view, StringBuilder out) {
        StandbyStates.State state = view.standbyState();
        String css = switch (view.standby()) {
            case "ok" -> "ok";
            case "paused" -> "warn";
            default -> "bad";
        };
        out.append("<section id=\"standby\" class=\"card\"><h2>Standby</h2>");
        out.append("<p id=\"standby-state\" class=\"state ").append(css).append("\">").append(Html.text(view.standby()))
                .append("</p>");
        if (state.paused()) {
            out.append("<p id=\"standby-paused\">Paused by ").append(Html.element("strong", null, state.pausedBy()))
                    .append(" at ").append(Html.text(Formats.instant(state.pausedAt()))).append(": ")
                    .append(Html.text(state.pausedReason())).append("</p>")
                    .append("<p class=\"muted\">Every run is refused until <code>dbsync resume</code>.</p>");
        }
        if (state.diverged()) {
            out.append("<p id=\"standby-diverged\">Diverged since ").append(Html.text(Formats.instant(state.divergedAt())))
                    .append(": ").append(Html.text(state.divergedDetail())).append("</p>");
        }
        if (!state.paused() && !state.diverged()) {
            out.append("<p>Runs may write the standby: nobody else wrote it since dbsync's last run.</p>");
        }
        out.append("</section>");
    }
}
