package io.dbsync.api.testing;

/** Reads one sample from the Prometheus text that {@code GET /metrics} returns. */
public final class MetricsText {
    private MetricsText() {
    }

    /** The value of {@code sample} — a name with its labels as printed, e.g. {@code dbsync_password_checks_total{kind="bcrypt"}}. */
    public static long value(String scrape, String sample) {
        return scrape.lines()
                .filter(line -> line.startsWith(sample + " "))
                .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample + " in /metrics:\n" + scrape));
    }
}
