package io.dbsync.api.cli;

import io.dbsync.api.sync.CollectionProgress;
import java.util.List;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on an interactive terminal: one bar per collection (me.tongfei:progressbar, redrawn in
 * place with ANSI cursor moves), showing documents against the source's estimate, the percent, the
 * rate and the ETA, and the bytes so far.
 */
final class TerminalProgress implements ProgressDisplay {
    private final PrintStream terminal;
    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();

    TerminalProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public void update(List<CollectionProgress> live) {
        for (CollectionProgress collection : live) {
            if (collection.state().equals("queued")) {
                continue;
            }
            ProgressBar bar = bars.computeIfAbsent(collection.name(), name -> new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(Math.max(1, collection.estimatedDocuments()))
                    .setUnit(" docs", 1)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new InteractiveConsoleProgressBarConsumer(terminal))
                    .build());
            bar.maxHint(Math.max(collection.estimatedDocuments(), collection.documents()));
            bar.stepTo(collection.documents());
            bar.setExtraMessage(" " + Figures.bytes(collection.bytes()) + (collection.state().equals("staged") ? " done" : ""));
        }
    }

    @Override
    public void close() {
        bars.values().forEach(ProgressBar::close);
    }
}
