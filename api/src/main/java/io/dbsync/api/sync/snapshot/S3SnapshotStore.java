package io.dbsync.api.sync.snapshot;

import io.dbsync.api.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Objects under {@code s3://bucket/prefix/}, through the AWS SDK for Java v2 with the JDK's own
 * HTTP client (the SDK's url-connection transport: no extra jars; it streams a request body of
 * known length, so a part is never copied). Large objects go up as streaming multipart uploads
 * ({@link S3MultipartUpload}); every object is stored with SSE-S3 (AES256), as the bucket's policy expects. Listing asks only
 * for {@code prefix/}, which is all the writer's IAM policy allows.
 *
 * <p>SDK failures surface as {@link IOException}s whose message names the store and the key,
 * never a credential.
 */
public final class S3SnapshotStore implements SnapshotStore {
    static final ServerSideEncryption ENCRYPTION = ServerSideEncryption.AES256;

    private final S3Client s3;
    private final SnapshotUri.S3 location;
    private final int partBytes;

    /** A store on an existing client (which it closes on {@link #close()}). */
    public S3SnapshotStore(S3Client s3, SnapshotUri.S3 location, int partBytes) {
        this.s3 = s3;
        this.location = location;
        if (partBytes < S3Options.MIN_PART_BYTES || partBytes > S3Options.MAX_PART_BYTES) {
            throw new IllegalArgumentException("an S3 part must be 5 MiB to 512 MiB, not " + partBytes + " bytes");
        }
        this.partBytes = partBytes;
    }

    /** A store with credentials and region from the AWS default provider chains (or {@code options}). */
    public static S3SnapshotStore create(SnapshotUri.S3 location, S3Options options) {
        return new S3SnapshotStore(client(options, DefaultCredentialsProvider.builder().build()), location, options.partBytes());
    }

    /**
     * An S3 client on the JDK's HTTP client.
     *
     * @throws ConfigException when the client cannot be set up (no region found, most often)
     */
    public static S3Client client(S3Options options, AwsCredentialsProvider credentials) {
        return client(options, credentials, List.of());
    }

    /** The same, with interceptors that see every request (tests check what goes on the wire). */
    static S3Client client(S3Options options, AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials)
                .forcePathStyle(options.pathStyle())
                .overrideConfiguration(override -> interceptors.forEach(override::addExecutionInterceptor));
        options.endpoint().ifPresent(builder::endpointOverride);
        options.region().map(Region::of).ifPresent(builder::region);
        try {
            return builder.build();
        } catch (SdkException e) {
            throw new ConfigException("the S3 client for restore points cannot be set up (" + e.getMessage()
                    + "); an AWS region is needed: set AWS_REGION or SNAPSHOT_S3_REGION");
        }
    }

    @Override
    public ObjectUpload upload(String key) {
        return new S3MultipartUpload(s3, location.bucket(), objectKey(SnapshotStore.checkKey(key)), key, partBytes, location());
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        String objectKey = objectKey(SnapshotStore.checkKey(key));
        try {
            s3.putObject(request -> request.bucket(location.bucket()).key(objectKey).serverSideEncryption(ENCRYPTION),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public List<StoredObject> list() throws IOException {
        String prefix = location.prefix().isEmpty() ? "" : location.prefix() + "/";
        List<StoredObject> objects = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(location.bucket()).prefix(prefix)).contents()) {
                String key = object.key().substring(prefix.length());
                if (KEY.matcher(key).matches()) {
                    objects.add(new StoredObject(key, object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw failure("list", "", e);
        }
        return objects;
    }

    @Override
    public InputStream open(String key) throws IOException {
        String objectKey = objectKey(SnapshotStore.checkKey(key));
        try {
            return s3.getObject(request -> request.bucket(location.bucket()).key(objectKey));
        } catch (NoSuchKeyException e) {
            throw new MissingObjectException(key, location());
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(SnapshotStore.checkKey(key));
        try {
            s3.deleteObject(request -> request.bucket(location.bucket()).key(objectKey));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public String location() {
        return location.toString();
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        return location.prefix().isEmpty() ? key : location.prefix() + "/" + key;
    }

    private IOException failure(String action, String key, SdkException e) {
        return new IOException("could not " + action + " " + (key.isEmpty() ? "" : "'" + key + "' ") + "in " + location()
                + ": " + e.getMessage(), e);
    }
}
