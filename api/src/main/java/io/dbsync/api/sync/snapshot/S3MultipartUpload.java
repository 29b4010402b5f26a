package io.dbsync.api.sync.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One object streamed to S3 in parts of a fixed size. Memory: the one part being filled, which is
 * also what the SDK sends from (handed over as a re-readable stream, never copied); the writer
 * waits while a full part goes up. The multipart upload is created with the first full part, so
 * an object smaller than a part goes up as one PutObject and leaves nothing to abort.
 *
 * <p>Each part carries a CRC32 that S3 checks on arrival; the whole object's SHA-256 is computed
 * by {@link ObjectUpload} and kept in the restore point's manifest.
 */
final class S3MultipartUpload extends ObjectUpload {
    private static final Logger LOG = LoggerFactory.getLogger(S3MultipartUpload.class);

    private final S3Client s3;
    private final String bucket;
    private final String objectKey;
    private final String location;
    private final byte[] part;
    private final List<CompletedPart> sent = new ArrayList<>();
    private int filled;
    private String uploadId;

    S3MultipartUpload(S3Client s3, String bucket, String objectKey, String key, int partBytes, String location) {
        super(key);
        this.s3 = s3;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.location = location;
        this.part = new byte[partBytes];
    }

    @Override
    protected void send(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int chunk = Math.min(length, part.length - filled);
            System.arraycopy(bytes, offset, part, filled, chunk);
            filled += chunk;
            offset += chunk;
            length -= chunk;
            if (filled == part.length) {
                sendPart();
            }
        }
    }

    @Override
    protected void finish() throws IOException {
        try {
            if (uploadId == null) {
                s3.putObject(request -> request.bucket(bucket).key(objectKey).serverSideEncryption(S3SnapshotStore.ENCRYPTION)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32), body());
            } else {
                if (filled > 0) {
                    sendPart();
                }
                s3.completeMultipartUpload(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId)
                        .multipartUpload(upload -> upload.parts(sent)));
            }
        } catch (SdkException e) {
            throw failure("complete", e);
        }
        LOG.info("event=snapshot_upload_completed store={} key={} parts={} bytes={}", location, key(), sent.size(), size());
    }

    @Override
    protected boolean discard() {
        if (uploadId == null) {
            return true;
        }
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId));
            LOG.info("event=snapshot_upload_aborted store={} key={} parts={}", location, key(), sent.size());
            return true;
        } catch (SdkException e) {
            LOG.warn("event=snapshot_upload_abort_failed store={} key={} parts={} error=\"{}\" note=\"the bucket's rule for"
                    + " incomplete multipart uploads removes it\"", location, key(), sent.size(), e.getMessage());
            return false;
        }
    }

    private void sendPart() throws IOException {
        int number = sent.size() + 1;
        if (number > S3Options.MAX_PARTS) {
            throw new IOException("the object " + key() + " in " + location + " would need more than " + S3Options.MAX_PARTS
                    + " parts of " + part.length + " bytes: raise the part size");
        }
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(objectKey)
                        .serverSideEncryption(S3SnapshotStore.ENCRYPTION).checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
            }
            UploadPartResponse response = s3.uploadPart(request -> request.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .partNumber(number).contentLength((long) filled).checksumAlgorithm(ChecksumAlgorithm.CRC32), body());
            sent.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumCRC32(response.checksumCRC32()).build());
        } catch (SdkException e) {
            throw failure("send part " + number + " of", e);
        }
        filled = 0;
    }

    /** The filled part as a body the SDK may read more than once (signing, retries) without a copy. */
    private RequestBody body() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length, "application/octet-stream");
    }

    private IOException failure(String action, SdkException e) {
        return new IOException("could not " + action + " " + key() + " in " + location + ": " + e.getMessage(), e);
    }
}
