package io.dbsync.api.cli;

import io.dbsync.api.sync.CollectionProgress;
import java.util.List;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Progress for output that is not a terminal (a log file, a pipe, CI): one line per collection that
 * moved, every {@code every}, with documents, bytes, percent of the estimate, rate and ETA; and one
 * line when a collection is done.
 */
final class PlainProgress implements ProgressDisplay {
    private final PrintWriter out;
    private final Clock clock;
    private final Duration every;
    private final Map<String, Long> previousDocuments = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private Instant previousAt;

    PlainProgress(PrintWriter out, Clock clock, Duration every) {
        this.out = out;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public void update(List<CollectionProgress> live) {
        Instant now = clock.instant();
        if (previousAt != null && Duration.between(previousAt, now).compareTo(every) < 0) {
            return;
        }
        double seconds = previousAt == null ? 0 : Duration.between(previousAt, now).toMillis() / 1000.0;
        for (CollectionProgress collection : live) {
            long before = previousDocuments.getOrDefault(collection.name(), 0L);
            if (collection.state().equals("staged") && done.add(collection.name())) {
                out.println("done " + collection.name() + ": " + collection.documents() + " documents, "
                        + Figures.bytes(collection.bytes()));
            } else if (collection.state().equals("copying") && (collection.documents() > before || previousAt == null)) {
                out.println(line(collection, seconds > 0 ? (collection.documents() - before) / seconds : 0));
            }
            previousDocuments.put(collection.name(), collection.documents());
        }
        out.flush();
        previousAt = now;
    }

    static String line(CollectionProgress collection, double rate) {
        StringBuilder line = new StringBuilder("progress ").append(collection.name()).append(": ")
                .append(collection.documents());
        long estimate = collection.estimatedDocuments();
        if (estimate > 0) {
            line.append('/').append(estimate).append(" documents (")
                    .append(Math.min(100, collection.documents() * 100 / estimate)).append(" %)");
        } else {
            line.append(" documents");
        }
        line.append(", ").append(Figures.bytes(collection.bytes()));
        line.append(String.format(Locale.ROOT, ", %.0f documents/s", rate));
        if (rate > 0 && estimate > collection.documents()) {
            line.append(", ETA ").append(Figures.duration(Duration.ofMillis((long) ((estimate - collection.documents()) / rate * 1000))));
        }
        return line.toString();
    }

    @Override
    public void close() {
        out.flush();
    }
}
