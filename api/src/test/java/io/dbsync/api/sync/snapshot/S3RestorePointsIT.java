package io.dbsync.api.sync.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.sync.snapshot.archive.ArchiveWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Restore points through {@link S3SnapshotStore} against a real S3-compatible server (S3Mock, its own process). */
@ExtendWith(S3MockExtension.class)
class S3RestorePointsIT {
    static final int PART = S3Options.MIN_PART_BYTES;
    static final Instant NOW = Instant.parse("2026-11-27T10:15:00Z");

    S3Client s3;
    WireLog wire = new WireLog();
    S3SnapshotStore store;
    RestorePoints restorePoints;
    String bucket;

    @BeforeEach
    void createBucket(S3MockServer server, TestInfo test) {
        s3 = server.client();
        bucket = ("rp-" + test.getTestMethod().orElseThrow().getName().toLowerCase()).substring(0, 30);
        s3.createBucket(request -> request.bucket(bucket));
        store = S3MockServer.store(server.endpoint(), new SnapshotUri.S3(bucket, "restore-points"), PART, wire);
        restorePoints = new RestorePoints(store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
        s3.close();
    }

    @Test
    void streamsAnArchiveOfSeveralPartsAndReadsBackTheSameBytesWithItsChecksumVerified() throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        RestorePoint written;
        try (RestorePointUpload upload = restorePoints.begin("run-7", "cluster0.example.net/shop", ArchiveWriter.Compression.GZIP)) {
            List<ManifestCollection> collections = SnapshotSamples.writeArchive(new FileRestorePointsTest.Tee(upload.stream(), copy),
                    13L * 1024 * 1024, 11, ArchiveWriter.Compression.GZIP);
            written = upload.complete(collections);
        }

        assertThat(keys()).containsExactlyInAnyOrder("restore-points/20261127T101500Z-run7.archive.gz",
                "restore-points/20261127T101500Z-run7.manifest.json");
        HeadObjectResponse archive = s3.headObject(request -> request.bucket(bucket).key("restore-points/" + written.manifest().archive().key()));
        assertThat(archive.eTag()).as("a multipart object of three parts").endsWith("-3\"");
        assertThat(wire.requests()).filteredOn(WireLog.Request::isUploadPart).extracting(WireLog.Request::contentLength)
                .as("5 MiB parts, the last smaller").startsWith((long) PART, (long) PART).hasSize(3);
        assertThat(wire.requests()).filteredOn(request -> request.isCreateMultipartUpload() || request.isPutObject())
                .as("the multipart upload and the manifest").hasSize(2)
                .allSatisfy(request -> assertThat(request.encryption()).contains("AES256"));
        assertThat(s3.headObject(request -> request.bucket(bucket).key("restore-points/20261127T101500Z-run7.manifest.json"))
                .serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.listMultipartUploads(request -> request.bucket(bucket)).uploads()).isEmpty();

        RestorePoint listed = restorePoints.find(RestorePoints.LATEST);
        assertThat(listed).isEqualTo(written);
        assertThat(listed.bytes()).isEqualTo(copy.size()).isGreaterThan(2L * PART);
        try (InputStream in = restorePoints.open(listed)) {
            assertThat(in.readAllBytes()).isEqualTo(copy.toByteArray());
        }
        try (VerifyingArchiveStream in = restorePoints.open(listed)) {
            assertThat(SnapshotSamples.documentsIn(in)).isEqualTo(listed.documents()).isEqualTo(13L * 1024 * 1024 / (64 * 1024));
            in.verifyToEnd();
        }
    }

    @Test
    void sendsAnArchiveSmallerThanAPartInOnePieceLeavingNoUploadOpen() throws IOException {
        RestorePoint written = SnapshotSamples.writeRestorePoint(restorePoints, "run-8", 300_000, 12);

        assertThat(s3.listMultipartUploads(request -> request.bucket(bucket)).uploads()).isEmpty();
        assertThat(restorePoints.list().complete()).containsExactly(written);
        try (VerifyingArchiveStream in = restorePoints.open(written)) {
            assertThat(SnapshotSamples.documentsIn(in)).isEqualTo(written.documents());
            in.verifyToEnd();
        }
    }

    @Test
    void refusesAnArchiveWithAFlippedByteNamingTheRestorePoint() throws IOException {
        RestorePoint point = SnapshotSamples.writeRestorePoint(restorePoints, "run-9", 600_000, 13);
        String key = "restore-points/" + point.manifest().archive().key();
        byte[] bytes = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
        bytes[bytes.length / 3] ^= 0x40;
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(bytes));

        assertThat(restorePoints.list().complete()).as("same size: only reading can tell").containsExactly(point);
        assertThatThrownBy(() -> {
            try (InputStream in = restorePoints.open(point)) {
                in.readAllBytes();
            }
        }).isInstanceOf(RestorePointDamagedException.class)
                .hasMessageStartingWith("restore point " + point.id() + " is damaged: the archive's SHA-256 is ");
    }

    @Test
    void reportsAManifestWhoseArchiveIsMissingAsDamaged() throws IOException {
        RestorePoint point = SnapshotSamples.writeRestorePoint(restorePoints, "run-10", 100_000, 14);
        s3.deleteObject(request -> request.bucket(bucket).key("restore-points/" + point.manifest().archive().key()));

        RestorePointCatalog catalog = restorePoints.list();
        assertThat(catalog.complete()).isEmpty();
        assertThat(catalog.damaged()).containsExactly(new DamagedRestorePoint(point.id(),
                "its archive " + point.manifest().archive().key() + " is missing"));
        assertThatThrownBy(() -> restorePoints.find(point.id())).isInstanceOf(RestorePointDamagedException.class);
        assertThatThrownBy(() -> restorePoints.find(RestorePoints.LATEST)).isInstanceOf(RestorePointNotFoundException.class)
                .hasMessage("there is no complete restore point in s3://" + bucket + "/restore-points (1 damaged)");
    }

    @Test
    void listsOnlyUnderItsPrefixAndDeletesManifestAndArchive() throws IOException {
        s3.putObject(request -> request.bucket(bucket).key("elsewhere/20261127T101500Z-x.manifest.json"), RequestBody.fromString("{}"));
        RestorePoint point = SnapshotSamples.writeRestorePoint(restorePoints, "run-11", 100_000, 15);

        assertThat(restorePoints.list()).isEqualTo(new RestorePointCatalog(List.of(point), List.of(), List.of()));
        restorePoints.delete(point.id());

        assertThat(keys()).containsExactly("elsewhere/20261127T101500Z-x.manifest.json");
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }
}
