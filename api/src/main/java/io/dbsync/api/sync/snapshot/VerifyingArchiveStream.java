package io.dbsync.api.sync.snapshot;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A restore point's archive as it is read, checked against its manifest: more bytes than recorded
 * fail at once, and at the end of the object the size and SHA-256 must match, else
 * {@link RestorePointDamagedException} naming the restore point. The end is reached by reading to
 * it, or by {@link #verifyToEnd()}, which a restore calls once the archive reader is done (a gzip
 * reader may stop just before the end) and before it changes anything for good.
 */
public final class VerifyingArchiveStream extends FilterInputStream {
    private final RestorePoint point;
    private final MessageDigest sha256;
    private long count;
    private boolean verified;

    VerifyingArchiveStream(InputStream in, RestorePoint point) {
        super(in);
        this.point = point;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            verifyEnd();
            return -1;
        }
        count += n;
        if (count > point.bytes()) {
            throw damaged("the archive is longer than the " + point.bytes() + " bytes its manifest records");
        }
        sha256.update(buffer, offset, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int read = read(scratch, 0, scratch.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads whatever is left and checks size and SHA-256; throws {@link RestorePointDamagedException} if they differ. */
    public void verifyToEnd() throws IOException {
        byte[] rest = new byte[8192];
        while (read(rest, 0, rest.length) >= 0) {
            // read to the end: the check happens there
        }
    }

    /** Bytes read so far (the offset in the stored object). */
    public long position() {
        return count;
    }

    private void verifyEnd() {
        if (verified) {
            return;
        }
        if (count != point.bytes()) {
            throw damaged("the archive ends after " + count + " of the " + point.bytes() + " bytes its manifest records");
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(point.manifest().archive().sha256())) {
            throw damaged("the archive's SHA-256 is " + actual + ", its manifest records " + point.manifest().archive().sha256());
        }
        verified = true;
    }

    private RestorePointDamagedException damaged(String problem) {
        return new RestorePointDamagedException(point.id(), problem);
    }
}
