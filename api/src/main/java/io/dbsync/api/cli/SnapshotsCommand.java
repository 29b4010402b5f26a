package io.dbsync.api.cli;

import io.dbsync.api.config.SnapshotConfig;
import io.dbsync.api.sync.snapshot.DamagedRestorePoint;
import io.dbsync.api.sync.snapshot.RestorePoint;
import io.dbsync.api.sync.snapshot.RestorePointCatalog;
import io.dbsync.api.sync.snapshot.RestorePoints;
import io.dbsync.api.sync.snapshot.SnapshotSettings;
import io.dbsync.api.sync.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code dbsync snapshots}: the restore points in {@code SNAPSHOT_URI}, newest first, and any that are damaged. */
@Command(name = "snapshots", description = "List the restore points in SNAPSHOT_URI, newest first.",
        footer = "Exit codes: 0 listed (damaged ones are listed too), 1 the store could not be read, 2 bad configuration.")
public final class SnapshotsCommand implements Callable<Integer> {
    private final CliContext context;

    public SnapshotsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        try (SnapshotStore store = SnapshotSettings.from(SnapshotConfig.fromEnv(context.env())).openStore()) {
            RestorePoints points = new RestorePoints(store, context.clock());
            print(points.location(), points.list(), context.out());
            return ExitCodes.COMPLETED;
        }
    }

    static void print(String location, RestorePointCatalog catalog, PrintWriter out) {
        out.println(catalog.complete().size() + " restore point" + (catalog.complete().size() == 1 ? "" : "s") + " in "
                + location + (catalog.complete().isEmpty() ? "" : ", newest first:"));
        if (!catalog.complete().isEmpty()) {
            out.printf("%-50s  %-20s  %10s  %11s  %12s%n", "ID", "CREATED (UTC)", "SIZE", "COLLECTIONS", "DOCUMENTS");
        }
        for (RestorePoint point : catalog.complete()) {
            out.printf("%-50s  %-20s  %10s  %11d  %12d%n", point.id(), point.createdAt().toString().replace('T', ' ')
                    .replaceAll("\\.\\d+", ""), Figures.bytes(point.bytes()), point.collections(), point.documents());
        }
        for (DamagedRestorePoint damaged : catalog.damaged()) {
            out.println("DAMAGED " + damaged.id() + ": " + damaged.problem());
        }
        if (!catalog.orphanArchives().isEmpty()) {
            out.println(catalog.orphanArchives().size() + " archive(s) without a manifest (uploads that never completed;"
                    + " retention removes them after an hour)");
        }
        out.flush();
    }
}
