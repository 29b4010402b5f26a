package io.dbsync.api.sync.mongo;

/** The operation counters of the two clients: to the source and to the standby. */
public record Operations(OperationCounter source, OperationCounter standby) {

    public static Operations uncounted() {
        return new Operations(new OperationCounter(), new OperationCounter());
    }

    /** Both totals now, as {@code [source, standby]}. */
    public long[] totals() {
        return new long[] {source.total(), standby.total()};
    }
}
