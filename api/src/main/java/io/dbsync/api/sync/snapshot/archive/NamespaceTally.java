package io.dbsync.api.sync.snapshot.archive;

import java.nio.ByteBuffer;

/** Running figures of one namespace while an archive is written or read. */
final class NamespaceTally {
    private final Namespace namespace;
    private final Crc64Ecma crc = new Crc64Ecma();
    private long documents;
    private long bytes;
    private int blocks;
    private boolean ended;

    NamespaceTally(Namespace namespace) {
        this.namespace = namespace;
    }

    void add(ByteBuffer document) {
        crc.update(document);
        documents++;
        bytes += document.remaining();
    }

    void add(byte[] document) {
        crc.update(document, 0, document.length);
        documents++;
        bytes += document.length;
    }

    void blockOpened() {
        blocks++;
    }

    int blocks() {
        return blocks;
    }

    long crc() {
        return crc.value();
    }

    boolean ended() {
        return ended;
    }

    NamespaceFigures end() {
        ended = true;
        return figures();
    }

    NamespaceFigures figures() {
        return new NamespaceFigures(namespace, documents, bytes, crc.value());
    }
}
