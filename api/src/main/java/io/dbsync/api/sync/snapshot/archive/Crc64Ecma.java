package io.dbsync.api.sync.snapshot.archive;

import java.nio.ByteBuffer;

/**
 * CRC-64 exactly as Go's {@code hash/crc64} computes it with {@code MakeTable(crc64.ECMA)}, the
 * checksum mongodump writes in each namespace's EOF block: the ECMA-182 polynomial in reflected form
 * ({@code 0xC96C5795D7870F42}), register inverted before and after (the CRC-64/XZ parameters).
 * Written here because the JDK has only CRC-32 variants and this package depends on nothing else.
 * Not thread-safe; one instance per stream.
 */
public final class Crc64Ecma {
    private static final long REFLECTED_POLYNOMIAL = 0xC96C5795D7870F42L;
    private static final long[] TABLE = table();

    private long crc;

    private static long[] table() {
        long[] table = new long[256];
        for (int i = 0; i < 256; i++) {
            long value = i;
            for (int bit = 0; bit < 8; bit++) {
                value = (value & 1) == 1 ? (value >>> 1) ^ REFLECTED_POLYNOMIAL : value >>> 1;
            }
            table[i] = value;
        }
        return table;
    }

    /** The checksum of {@code bytes} in one call. */
    public static long of(byte[] bytes) {
        Crc64Ecma crc = new Crc64Ecma();
        crc.update(bytes, 0, bytes.length);
        return crc.value();
    }

    public void update(byte[] bytes, int offset, int length) {
        long value = ~crc;
        for (int i = offset; i < offset + length; i++) {
            value = TABLE[(int) ((value ^ bytes[i]) & 0xFF)] ^ (value >>> 8);
        }
        crc = ~value;
    }

    /** Adds the bytes between the buffer's position and limit; the buffer itself is not moved. */
    public void update(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            update(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            return;
        }
        long value = ~crc;
        for (int i = buffer.position(); i < buffer.limit(); i++) {
            value = TABLE[(int) ((value ^ buffer.get(i)) & 0xFF)] ^ (value >>> 8);
        }
        crc = ~value;
    }

    /** The checksum so far, as the unsigned 64-bit value Go's {@code Sum64} returns. */
    public long value() {
        return crc;
    }

    /** The checksum as 16 lower-case hex digits, as people compare it. */
    public static String hex(long crc) {
        return String.format("%016x", crc);
    }
}
