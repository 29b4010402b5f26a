package io.dbsync.api.sync.snapshot;

import io.dbsync.api.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where restore points are kept, from {@code SNAPSHOT_URI}: {@code s3://bucket/prefix} or
 * {@code file:///absolute/dir}. Error messages name the variable, never its value (it could carry
 * credentials a user pasted by mistake).
 */
public sealed interface SnapshotUri {

    /** An S3 bucket and a key prefix without leading or trailing slash (empty: the bucket's root). */
    record S3(String bucket, String prefix) implements SnapshotUri {
        @Override
        public String toString() {
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        }
    }

    /** A local directory, absolute. */
    record Directory(Path path) implements SnapshotUri {
        @Override
        public String toString() {
            return path.toUri().toString();
        }
    }

    /** S3's rules for bucket names (the virtual-hosted ones; dots allowed, no IP addresses). */
    Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    /** Key segments dbsync writes: no empty segments, no dot segments, printable ASCII without specials. */
    Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9!_.*'()-]+");

    /**
     * Parses the value of {@code variable}.
     *
     * @throws ConfigException naming {@code variable} when the value is not a usable location
     */
    static SnapshotUri parse(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(variable + " is not set");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(variable + " is not a valid URI: use s3://bucket/prefix or file:///directory");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(variable + " must not carry credentials, a query or a fragment:"
                    + " S3 credentials come from the AWS default provider chain");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return switch (scheme) {
            case "s3" -> s3(variable, uri);
            case "file" -> directory(variable, uri);
            default -> throw new ConfigException(variable + " must start with s3:// or file:///");
        };
    }

    private static S3 s3(String variable, URI uri) {
        String bucket = uri.getHost();
        if (uri.isOpaque() || bucket == null || uri.getPort() != -1) {
            throw new ConfigException(variable + " names no S3 bucket: use s3://bucket/prefix");
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()) {
            throw new ConfigException(variable + " names an invalid S3 bucket: 3 to 63 lower-case letters, digits,"
                    + " dots and hyphens, starting and ending with a letter or digit");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = path.replaceAll("^/+", "").replaceAll("/+$", "");
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (!PREFIX_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                    throw new ConfigException(variable + " has an unusable key prefix: use letters, digits and"
                            + " !_.*'()- between single slashes");
                }
            }
        }
        return new S3(bucket, prefix);
    }

    private static Directory directory(String variable, URI uri) {
        String host = uri.getHost();
        if (uri.isOpaque() || (host != null && !host.isEmpty() && !host.equals("localhost")) || uri.getPort() != -1) {
            throw new ConfigException(variable + " must be a local directory: file:///absolute/path");
        }
        try {
            Path path = Path.of(new URI("file", null, uri.getPath(), null)).normalize();
            if (uri.getPath() == null || uri.getPath().isEmpty() || !path.isAbsolute() || path.getNameCount() == 0) {
                throw new ConfigException(variable + " must name an absolute directory: file:///absolute/path");
            }
            return new Directory(path);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ConfigException(variable + " must name an absolute directory: file:///absolute/path");
        }
    }
}
