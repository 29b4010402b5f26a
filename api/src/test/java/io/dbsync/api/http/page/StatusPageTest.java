package io.dbsync.api.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbsync.api.store.StandbyStates;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The page's rendering from results shaped like {@code /runs}'s, without servers. */
class StatusPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String HOSTILE = "<script>alert(1)</script>\"'&";
    private static final StandbyStates.State OK = new StandbyStates.State(null, null, null, null, null);

    private static JsonNode run(String status, long durationMs, long documents, String extra) {
        try {
            return JSON.readTree("{\"runId\":\"2b4257db-f03d-4d87-b2da-014131201fc7\",\"status\":\"" + status
                    + "\",\"mode\":\"full\",\"requestedMode\":\"auto\",\"triggeredBy\":\"alice\",\"forced\":false,"
                    + "\"startedAt\":\"2026-11-27T11:00:00Z\",\"durationMs\":" + durationMs + ",\"documents\":" + documents
                    + ",\"bytes\":2048" + extra + "}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String render(StandbyStates.State standby, String standbyName, JsonNode... runs) {
        return StatusPage.render(new StatusView(NOW, Optional.of(NOW.minusSeconds(600)), Duration.ofMinutes(1440), false,
                standbyName, standby, List.of(runs)));
    }

    @Test
    void escapesEveryValueFromTheUsersDatabaseAndRequests() {
        String hostileJson = JSON.valueToTree(HOSTILE).toString();
        JsonNode failed = run("failed", 1200, 0, ",\"error\":" + hostileJson + ",\"triggeredBy\":" + hostileJson);
        JsonNode completed = run("completed", 800, 5, ",\"collections\":[{\"name\":" + hostileJson
                + ",\"type\":\"collection\",\"method\":\"copy\",\"reason\":" + hostileJson + ",\"documents\":5,\"deleted\":0,"
                + "\"bytes\":100,\"indexes\":1,\"durationMs\":20,\"verified\":true,\"verification\":\"count\"}],"
                + "\"keptOnTarget\":[" + hostileJson + "]");
        StandbyStates.State diverged = new StandbyStates.State(null, null, null, NOW, HOSTILE);

        String html = render(diverged, "diverged", failed, completed);

        assertThat(html).doesNotContain("<script").doesNotContain(HOSTILE)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;&amp;");
        // Only the page's own markup is left once every escaped value is taken out.
        assertThat(html.replace("&lt;script&gt;", "")).doesNotContain("alert(1)</script>");
    }

    @Test
    void chartsOneBarAndOnePointPerRunScaledToTheLongestAndLargest() {
        String html = render(OK, "ok", run("completed", 1000, 50, ""), run("refused", 250, 0, ""),
                run("completed", 500, 100, ""));

        Matcher bars = Pattern.compile("<rect class=\"bar (\\w+)\" x=\"[\\d.]+\" y=\"[\\d.]+\" width=\"[\\d.]+\" height=\"([\\d.]+)\"")
                .matcher(html);
        List<String> heights = bars.results().map(result -> result.group(1) + "=" + result.group(2)).toList();
        assertThat(heights).containsExactly("completed=97.0", "refused=48.5", "completed=194.0"); // oldest first
        assertThat(Pattern.compile("<circle class=\"point\"").matcher(html).results().count()).isEqualTo(3);
        assertThat(html).contains(">1.0 s</text>").contains(">100</text>");
    }

    @Test
    void reloadsItselfOnlyWhileARunIsGoing() {
        JsonNode running = run("running", 3000, 10, ",\"live\":[{\"name\":\"orders\",\"state\":\"copying\","
                + "\"documents\":10,\"bytes\":500,\"estimatedDocuments\":40,\"estimatedBytes\":2000}]");

        String during = render(OK, "ok", running);
        String after = render(OK, "ok", run("completed", 3000, 40, ""));

        assertThat(during).contains("<meta http-equiv=\"refresh\" content=\"5\">")
                .contains("<progress value=\"10\" max=\"40\">25 %</progress>");
        assertThat(after).doesNotContain("http-equiv=\"refresh\"").doesNotContain("id=\"live\"");
        assertThat(after).doesNotContainIgnoringCase("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    @Test
    void writesDurationsAndSizesShortly() {
        assertThat(Formats.duration(350)).isEqualTo("350 ms");
        assertThat(Formats.duration(4_200)).isEqualTo("4.2 s");
        assertThat(Formats.duration(185_000)).isEqualTo("3 min 05 s");
        assertThat(Formats.duration(Duration.ofMinutes(127).toMillis())).isEqualTo("2 h 07 min");
        assertThat(Formats.bytes(999)).isEqualTo("999 B");
        assertThat(Formats.bytes(1_645_586)).isEqualTo("1.6 MB");
        assertThat(Formats.count(12_350)).isEqualTo("12,350");
    }
}
