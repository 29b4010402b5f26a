package io.dbsync.api.sync.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A streaming upload of one object: write to it, then {@link #complete()} (the object appears
 * whole under its key) or {@link #abort()} (nothing stays behind). The SHA-256 and the size are
 * computed on the way through.
 *
 * <p>{@link #close()} neither completes nor aborts: an {@code ArchiveWriter} closes its target
 * when it is done writing, and the caller decides afterwards. An upload that is never completed
 * must be aborted. A failed write leaves the upload failed: it can then only be aborted.
 */
public abstract class ObjectUpload extends OutputStream {
    private enum State { OPEN, COMPLETED, FAILED, ABORTED }

    private final String key;
    private final MessageDigest sha256;
    private long size;
    private State state = State.OPEN;

    protected ObjectUpload(String key) {
        this.key = SnapshotStore.checkKey(key);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public final String key() {
        return key;
    }

    /** Bytes written so far. */
    public final synchronized long size() {
        return size;
    }

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        try {
            send(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        sha256.update(bytes, offset, length);
        size += length;
    }

    /** Finishes the object; afterwards it is listed and readable under {@link #key()}. */
    public final synchronized UploadedObject complete() throws IOException {
        requireOpen();
        try {
            finish();
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        state = State.COMPLETED;
        return new UploadedObject(key, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * Removes whatever was sent, unless the upload completed. Never throws: returns false when the
     * clean-up itself failed (the store's own expiry of incomplete uploads is the backstop) and
     * may be called again to retry.
     */
    public final synchronized boolean abort() {
        if (state == State.COMPLETED || state == State.ABORTED) {
            return state == State.ABORTED;
        }
        state = State.FAILED;
        if (discard()) {
            state = State.ABORTED;
            return true;
        }
        return false;
    }

    public final synchronized boolean isCompleted() {
        return state == State.COMPLETED;
    }

    /** Does nothing (nothing is buffered here): see the class comment. */
    @Override
    public void close() {
        // completion and abort are explicit decisions of the caller
    }

    private void requireOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("the upload of " + key + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Takes bytes towards the object (buffering is the subclass's business). */
    protected abstract void send(byte[] bytes, int offset, int length) throws IOException;

    /** Sends what is buffered and makes the object visible under its key. */
    protected abstract void finish() throws IOException;

    /** Removes everything sent so far; false (and a log line) when that failed. Never throws. */
    protected abstract boolean discard();
}
