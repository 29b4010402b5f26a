package io.dbsync.api.http.page;

/**
 * The operator's status page: freshness, the standby's state, a run in progress, a chart and a
 * table of the last runs, and the last completed run's collections. One self-contained HTML
 * document: inline CSS and SVG, no script, no external asset; while a run is going a meta refresh
 * reloads it, which works with JavaScript off.
 */
public final class StatusPage {
    /**
     * Sent with the page: nothing but its own inline styles may load or run, so even a value that
     * escaped the escaping could not execute.
     */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
                    + "frame-ancestors 'none'";

    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;\
            padding:16px 20px;color:#1d2329;background:#f6f7f9}
            h1{font-size:22px;margin:0}h2{font-size:17px;margin:0 0 8px}header{display:flex;justify-content:space-between;\
            align-items:baseline;margin-bottom:12px}
            section{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:12px 16px;margin:12px 0;overflow-x:auto}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}.cards section{margin:0}
            .state{font-size:20px;font-weight:600;margin:4px 0}.ok{color:#1b7a2f}.warn{color:#b25e00}.bad{color:#b3261e}
            .muted{color:#5c6670;font-size:13px}code{font-size:13px;background:#eef1f4;padding:0 3px;border-radius:3px}
            table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:4px 8px;\
            border-bottom:1px solid #e6e9ed;vertical-align:top}th{background:#f0f2f5;font-weight:600}.num{text-align:right;\
            white-space:nowrap}.time{white-space:nowrap}
            .badge{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
            .badge.completed,.key.completed{background:#2e7d32}.badge.failed,.key.failed{background:#c62828}
            .badge.refused,.key.refused{background:#ef6c00}.badge.running,.key.running{background:#1565c0}
            .key{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}.why{max-width:420px;font-size:13px}
            .refusal{color:#b25e00}.error{color:#b3261e}.legend{font-size:13px;color:#5c6670;margin:4px 0 0}
            svg{width:100%;height:auto;max-height:300px}svg text{font-size:11px;fill:#5c6670}
            .axis{stroke:#9aa4ae;stroke-width:1}.bar.completed{fill:#2e7d32}.bar.failed{fill:#c62828}
            .bar.refused{fill:#ef6c00}.bar.running{fill:#1565c0}.documents{fill:none;stroke:#6a1b9a;stroke-width:2}
            .point{fill:#6a1b9a}.documents-scale{fill:#6a1b9a}progress{width:140px;vertical-align:middle}
            footer{font-size:13px;color:#5c6670;margin-top:16px}
            """;

    private StatusPage() {
    }

    public static String render(StatusView view) {
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>dbsync status</title>");
        view.running().ifPresent(run -> out.append("<meta http-equiv=\"refresh\" content=\"")
                .append(LiveProgress.REFRESH_SECONDS).append("\">"));
        out.append("<style>").append(STYLE).append("</style></head><body>");
        out.append("<header><h1>dbsync</h1><span class=\"muted\">as of ").append(Html.text(Formats.instant(view.now())))
                .append("</span></header>");
        SummarySection.render(view, out);
        view.running().ifPresent(run -> LiveProgress.render(run, out));
        RunsChart.render(view.runs(), out);
        RunsTable.render(view.runs(), out);
        CollectionsTable.render(view.lastWithCollections(), out);
        out.append("<footer>The same as JSON: <a href=\"/runs?limit=30\">/runs</a> · <a href=\"/health\">/health</a> · ")
                .append("<a href=\"/metrics\">/metrics</a> · the API's contract: <a href=\"/openapi.json\">/openapi.json</a>")
                .append("</footer></body></html>");
        return out.toString();
    }
}
