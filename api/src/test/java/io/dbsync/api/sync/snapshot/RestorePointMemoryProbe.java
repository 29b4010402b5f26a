package io.dbsync.api.sync.snapshot;

import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.List;

/**
 * By hand, not a test: streams one large restore point to S3Mock through {@link S3SnapshotStore}
 * and prints the peak heap, to show memory is bounded by one part. From the repository root:
 *
 * <pre>
 * mvn -B -ntp -q -pl api dependency:copy@copy-s3mock
 * mvn -B -ntp -q -pl api -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx24m -Ds3mock.jar=api/target/s3mock/s3mock.jar -cp "$(cat /tmp/cp.txt):api/target/classes:api/target/test-classes" \
 *     io.dbsync.api.sync.snapshot.RestorePointMemoryProbe 300 8     # archive MB, part MB
 * </pre>
 *
 * Measured 2026-11-27 (Java 17, G1): 300 MB with 8 MiB parts ran in {@code -Xmx24m} and not in
 * 20m; with 16 MiB parts in 32m and not in 28m; 30 MB needed the same heap as 300 MB. About 11 MB
 * of the heap is taken before the upload starts (the SDK, the client).
 */
public final class RestorePointMemoryProbe {
    private RestorePointMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 300;
        int partBytes = args.length > 1 ? Integer.parseInt(args[1]) * 1024 * 1024 : S3Options.DEFAULT_PART_BYTES;
        try (S3MockServer server = S3MockServer.start()) {
            server.client().createBucket(request -> request.bucket("probe"));
            try (S3SnapshotStore store = S3MockServer.store(server.endpoint(), new SnapshotUri.S3("probe", "restore-points"), partBytes)) {
                RestorePoints restorePoints = new RestorePoints(store, Clock.systemUTC());
                System.gc();
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
                long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long started = System.nanoTime();
                RestorePoint point;
                try (RestorePointUpload upload = restorePoints.begin("probe", "probe", ArchiveWriter.Compression.GZIP_FAST)) {
                    point = upload.complete(SnapshotSamples.writeArchive(upload.stream(), megabytes * 1024 * 1024, 1,
                            ArchiveWriter.Compression.GZIP_FAST));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.out.printf("case=restore-point-memory archiveMB=%.1f partMB=%d maxHeapMB=%d heapBeforeMB=%.1f "
                                + "peakHeapMB=%.1f seconds=%.1f MBps=%.1f%n", point.bytes() / 1048576.0, partBytes / 1048576,
                        Runtime.getRuntime().maxMemory() / 1048576, before / 1048576.0, peak / 1048576.0, seconds,
                        point.bytes() / 1048576.0 / seconds);
            }
        }
    }
}
