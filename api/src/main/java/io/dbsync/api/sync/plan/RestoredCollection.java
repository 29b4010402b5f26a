package io.dbsync.api.sync.plan;

import java.util.List;

/**
 * One collection a restore put in place: what the archive held for it (documents, raw bytes, its
 * CRC-64 in hex), the indexes built, and the archive's options the destination refused.
 *
 * @param type {@code collection}, {@code view} or {@code timeseries}, as the archive's prelude says
 */
public record RestoredCollection(String name, String type, long documents, long bytes, String crc, int indexes,
                                 List<String> droppedOptions) {
    public RestoredCollection {
        droppedOptions = List.copyOf(droppedOptions);
    }
}
