package io.dbsync.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.sync.CollectionProgress;
import io.dbsync.api.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator sees while a run goes: bars on a terminal, plain lines elsewhere. */
class ProgressDisplayTest {

    private static List<CollectionProgress> running(List<CollectionProgress> live) {
        return live;
    }

    @Test
    void plainLinesSayDocumentsPercentBytesRateAndEta() {
        StringWriter text = new StringWriter();
        MutableClock clock = new MutableClock();
        PlainProgress plain = new PlainProgress(new PrintWriter(text), clock, Duration.ofSeconds(5));

        plain.update(running(List.of(new CollectionProgress("orders", "copying", 1_000, 1_000_000, 10_000, 10_000_000))));
        clock.advance(Duration.ofSeconds(2));
        plain.update(running(List.of(new CollectionProgress("orders", "copying", 1_500, 1_500_000, 10_000, 10_000_000))));
        clock.advance(Duration.ofSeconds(3));
        plain.update(running(List.of(new CollectionProgress("orders", "copying", 6_000, 6_000_000, 10_000, 10_000_000),
                new CollectionProgress("users", "staged", 40, 4_096, 40, 4_096))));

        assertThat(text.toString().lines()).containsExactly(
                "progress orders: 1000/10000 documents (10 %), 976.6 KB, 0 documents/s",
                "progress orders: 6000/10000 documents (60 %), 5.7 MB, 1000 documents/s, ETA 4.0 s",
                "done users: 40 documents, 4.0 KB");
    }

    @Test
    void aTerminalGetsOneBarPerCollectionRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (TerminalProgress bars = new TerminalProgress(terminal)) {
            bars.update(running(List.of(new CollectionProgress("orders", "copying", 2_500, 250_000, 10_000, 1_000_000),
                    new CollectionProgress("users", "copying", 10, 1_000, 40, 4_000))));
            bars.update(running(List.of(new CollectionProgress("orders", "copying", 5_000, 500_000, 10_000, 1_000_000),
                    new CollectionProgress("users", "staged", 40, 4_000, 40, 4_000))));
        }
        String shown = bytes.toString(StandardCharsets.UTF_8);

        assertThat(shown).contains("orders").contains("users").contains("50%").contains("100%").contains("docs")
                .contains("488.3 KB").contains("done");
        assertThat(shown).as("cursor moves: the bars are redrawn in place").contains("\u001b[");
    }
}
