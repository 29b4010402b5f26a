package io.dbsync.bench.wire;

import java.util.function.LongSupplier;

/**
 * Finds the wire-protocol messages in one direction of one TCP connection, fed with whatever chunks
 * the socket returns (a message may be split anywhere, or several may share a chunk). It keeps the
 * first {@link #PREFIX_BYTES} bytes of each message, enough for the header and the command's name and
 * collection, decodes them into a {@link WireMessage} when the message's last byte has passed, and
 * skips the rest. Not thread-safe: one parser per direction per connection, fed by that direction's
 * reader thread.
 */
public final class WireMessageParser {
    /** Bytes kept of each message: the header, flag bits and the command document's first elements. */
    public static final int PREFIX_BYTES = 512;

    /** Receives each complete message and the clock reading when its first byte was fed. */
    @FunctionalInterface
    public interface Listener {
        void message(WireMessage message, long firstByteNanos);
    }

    private final Listener listener;
    private final LongSupplier clock;
    private final byte[] prefix = new byte[PREFIX_BYTES];
    private int prefixFill;
    private long remaining = WireMessage.HEADER_BYTES; // bytes of the current message still to come
    private boolean lengthKnown;
    private long firstByteNanos;
    private boolean broken;

    public WireMessageParser(Listener listener, LongSupplier clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** Reads {@code count} bytes of the stream. */
    public void feed(byte[] chunk, int offset, int count) {
        int at = offset;
        int end = offset + count;
        while (at < end && !broken) {
            if (prefixFill == 0 && !lengthKnown) {
                firstByteNanos = clock.getAsLong();
            }
            int take = (int) Math.min(remaining, end - at);
            int keep = Math.min(take, PREFIX_BYTES - prefixFill);
            System.arraycopy(chunk, at, prefix, prefixFill, keep);
            prefixFill += keep;
            at += take;
            remaining -= take;
            if (!lengthKnown && prefixFill >= 4) {
                // Until the header is complete every byte read is in the prefix, so prefixFill is what was read.
                int length = (prefix[0] & 0xff) | (prefix[1] & 0xff) << 8 | (prefix[2] & 0xff) << 16 | (prefix[3] & 0xff) << 24;
                if (length < WireMessage.HEADER_BYTES) {
                    broken = true; // not the wire protocol: stop rather than count garbage
                    return;
                }
                lengthKnown = true;
                remaining = length - prefixFill;
            }
            if (lengthKnown && remaining == 0) {
                WireMessage message = WireMessage.decode(prefix, prefixFill);
                prefixFill = 0;
                lengthKnown = false;
                remaining = WireMessage.HEADER_BYTES;
                listener.message(message, firstByteNanos);
            }
        }
    }

    /** The stream was not the wire protocol (a message shorter than its own header); nothing more is read. */
    public boolean broken() {
        return broken;
    }
}
