package io.dbsync.api.sync.snapshot.archive;

/**
 * What one namespace holds in an archive: documents, their raw bytes, and the CRC-64 (ECMA) over
 * those bytes in archive order, as an unsigned 64-bit value in a {@code long}.
 */
public record NamespaceFigures(Namespace namespace, long documents, long bytes, long crc) {
    public String crcHex() {
        return Crc64Ecma.hex(crc);
    }
}
