package io.dbsync.api.sync.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the staging collections a run writes on the target before swapping them in. Each run
 * has its own ({@code <name>__dbsync_staging_<run>}): a run that lost its lock but is still writing
 * (a stalled or partitioned instance) can then only write into its own staging, never into the
 * one the new lock holder will swap in. A name that would not fit the standby's namespace limit
 * (Atlas's shared tiers: 95 bytes for {@code db.collection}) is shortened and made unique by a hash
 * of the whole name: {@code <prefix>~<hash>__dbsync_staging_<run>}, still recognisable and cleaned up
 * like any other.
 */
public final class StagingNames {
    public static final String MARKER = "__dbsync_staging";
    private static final int HASH_CHARS = 8;

    private StagingNames() {
    }

    /** The run's short tag, taken from its id. */
    public static String runTag(String runId) {
        return runId.replace("-", "").substring(0, 8);
    }

    public static String stagingFor(String collection, String runTag) {
        return collection + MARKER + "_" + runTag;
    }

    /** The staging name of {@code collection}, at most {@code maxBytes} UTF-8 bytes long. */
    public static String stagingFor(String collection, String runTag, int maxBytes) {
        String plain = stagingFor(collection, runTag);
        if (utf8Length(plain) <= maxBytes) {
            return plain;
        }
        String suffix = "~" + hash(collection) + MARKER + "_" + runTag;
        int room = maxBytes - utf8Length(suffix);
        if (room < 1) {
            throw new IllegalArgumentException("the standby's namespace limit leaves no room for a staging name of '"
                    + collection + "'");
        }
        return prefix(collection, room) + suffix;
    }

    public static boolean isStaging(String collection) {
        return collection.contains(MARKER);
    }

    /** Namespaces a run never copies: the server's own and dbsync's staging collections. */
    public static boolean isSkipped(String collection) {
        return collection.startsWith("system.") || isStaging(collection);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest leading part of {@code text} of at most {@code maxBytes} bytes, cut between characters. */
    private static String prefix(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(new String(Character.toChars(codePoint)));
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
