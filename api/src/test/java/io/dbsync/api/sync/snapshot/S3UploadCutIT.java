package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Reliability case 29, the store's half: the S3 connection is cut in the middle of a multipart
 * upload (a TCP proxy between the SDK and S3Mock drops everything after the second part began and
 * refuses new connections). The upload fails, no manifest is written, nothing is listed, and the
 * multipart upload is aborted once S3 can be reached.
 */
@ExtendWith(S3MockExtension.class)
class S3UploadCutIT {
    static final int PART = S3Options.MIN_PART_BYTES;

    S3Client s3;
    CuttingProxy proxy;
    S3SnapshotStore store;
    RestorePoints restorePoints;
    String bucket;

    @BeforeEach
    void start(S3MockServer server, TestInfo test) throws IOException {
        s3 = server.client();
        bucket = ("cut-" + test.getTestMethod().orElseThrow().getName().toLowerCase()).substring(0, 30);
        s3.createBucket(request -> request.bucket(bucket));
        proxy = new CuttingProxy(server.port());
        store = S3MockServer.store(proxy.endpoint(), new SnapshotUri.S3(bucket, "restore-points"), PART);
        restorePoints = new RestorePoints(store, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
        proxy.close();
        s3.close();
    }

    @Test
    void aCutMidUploadFailsTheUploadWhichIsAbortedOnceS3IsBackAndNothingIsListed() throws Exception {
        RestorePointUpload upload = restorePoints.begin("run-29", "src", ArchiveWriter.Compression.NONE);
        proxy.cutAfter(PART + PART / 2);

        assertThatThrownBy(() -> SnapshotSamples.writeArchive(upload.stream(), 4L * PART, 29, ArchiveWriter.Compression.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("could not send part 2 of " + upload.id());
        long cutAt = proxy.whenCut().get(30, TimeUnit.SECONDS);
        assertThat(inProgress()).as("the server still holds the parts that arrived").hasSize(1);
        assertThatThrownBy(() -> upload.complete(List.of())).isInstanceOf(IOException.class).hasMessageContaining("failed");

        proxy.restore();
        boolean aborted = upload.abort();

        System.out.printf("case=s3-cut-mid-upload cutAtBytes=%d aborted=%s incompleteListed=%d uploadsLeft=%d%n", cutAt, aborted,
                restorePoints.list().complete().size() + restorePoints.list().orphanArchives().size(), inProgress().size());
        assertThat(aborted).isTrue();
        assertThat(inProgress()).isEmpty();
        assertThat(s3.listObjectsV2(request -> request.bucket(bucket)).contents()).isEmpty();
        assertThat(restorePoints.list()).isEqualTo(new RestorePointCatalog(List.of(), List.of(), List.of()));
    }

    @Test
    void anAbortWhileS3IsUnreachableReportsItAndCanBeRetried() throws Exception {
        RestorePointUpload upload = restorePoints.begin("run-30", "src", ArchiveWriter.Compression.NONE);
        proxy.cutAfter(PART + PART / 2);
        assertThatThrownBy(() -> SnapshotSamples.writeArchive(upload.stream(), 4L * PART, 30, ArchiveWriter.Compression.NONE))
                .isInstanceOf(IOException.class);
        proxy.whenCut().get(30, TimeUnit.SECONDS);

        assertThat(upload.abort()).as("S3 cannot be reached").isFalse();
        proxy.restore();
        assertThat(restorePoints.list().complete()).as("still nothing listed").isEmpty();
        assertThat(inProgress()).as("left for the bucket's rule on incomplete uploads").hasSize(1);

        assertThat(upload.abort()).isTrue();
        assertThat(inProgress()).isEmpty();
    }

    private List<MultipartUpload> inProgress() {
        return s3.listMultipartUploads(request -> request.bucket(bucket)).uploads();
    }
}
