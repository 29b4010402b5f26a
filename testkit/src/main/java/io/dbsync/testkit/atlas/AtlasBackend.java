package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.dbsync.testkit.DelegatingBackend;
import io.netty.channel.Channel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A mongo-java-server backend that behaves like an Atlas shared-tier cluster ({@link AtlasProfile}):
 * an in-memory backend whose every byte is accounted, behind a gate that applies Atlas's limits.
 * What each part rests on — Atlas's docs, replies seen from Atlas, or an assumption — is said below
 * and, for each error text, in {@code AtlasErrors}.
 *
 * <p><b>Storage quota.</b> Documented: 512 MB on M0, 5 GB on Flex, counted as the uncompressed BSON of
 * all documents plus index bytes, over all databases; a write for which there is no space fails with
 * code 8000 ("you are over your space quota, using 513 MB of 512 MB", a write error in the docs'
 * example). Modelled: a write that would grow the total past the quota is refused, and so is every
 * later one that would grow it; inserts and upserts per document (the rest of an unordered batch is
 * still tried), updates and findAndModify per statement, createIndexes whole. Deletes, drops and
 * shrinking updates always work and free space. The message names the usage the refused write would
 * have reached, in whole MB rounded down. Assumed: the index bytes ({@code BsonMeasure}); that the
 * crossing write itself is refused (Atlas samples its usage, and users report "516 MB of 512 MB", so
 * Atlas lets a little past the line: this profile is the stricter one); that {@code create}, renames and
 * empty indexes cost nothing; that {@code admin}, {@code local} (the oplog) and {@code config} do not count.
 *
 * <p><b>Names and counts.</b> Documented limits: a new collection is refused when its database name is
 * over 38 bytes, its namespace over 95 bytes, 500 collections exist, or it would be the 101st database.
 *
 * <p><b>Nesting.</b> Documented limit of 50 levels, counted as mongod counts for storage (top-level
 * fields are level 1; empty documents and arrays add no level); code and text assumed from mongod.
 *
 * <p><b>Refused commands and options.</b> Documented: the unsupported-commands list, {@code create}
 * with {@code storageEngine}, {@code find} with {@code noCursorTimeout}, {@code dbStats} on and writes
 * to {@code local}/{@code config}. Not modelled: aggregate's {@code maxTimeMS} cap and ignored
 * {@code allowDiskUse}, {@code $where}, the 10 GB-a-week transfer limit.
 *
 * <p><b>Operations per second.</b> Documented: 100 on M0, 500 on Flex; excess operations are queued,
 * not refused, in order per connection. Counted, as decided here: one operation per command message
 * (find, getMore, each insert/update/delete batch the driver sends, createIndexes, dbStats,
 * listCollections …); the driver's handshake, heartbeats, authentication and endSessions are not
 * counted and never wait. Which of these Atlas counts, and whether it counts a batch of N inserted
 * documents as 1 or N, is not documented: {@link OperationCounts#insertedDocuments()} gives the
 * per-document figure too. The handshake announces a real server's {@code maxWriteBatchSize} of
 * 100,000 (mongo-java-server's own is 1,000), so the driver splits batches, and the count grows, as
 * against Atlas.
 *
 * <p>Write commands run one at a time (a server-wide lock), so that quota and count checks cannot be
 * raced; reads run concurrently as in mongo-java-server. mongo-java-server's insert reply counts
 * refused documents as inserted; the profile corrects it ({@code InsertReply}).
 */
public final class AtlasBackend extends DelegatingBackend {
    static final int REAL_SERVER_MAX_WRITE_BATCH_SIZE = 100_000;

    private final AtlasProfile profile;
    private final StorageLedger ledger;
    private final CommandGate gate = new CommandGate();
    private final NamespaceLimits limits;
    private final StorageStatsCommands stats;
    private final OperationCounters counters = new OperationCounters();
    private final OperationBudget budget;
    private final ReentrantLock writeLock = new ReentrantLock();

    AtlasBackend(AtlasProfile profile) {
        this(profile, new StorageLedger(profile.quotaBytes()));
    }

    private AtlasBackend(AtlasProfile profile, StorageLedger ledger) {
        super(new AccountedMemoryBackend(ledger, profile.maxNestingDepth()));
        this.profile = profile;
        this.ledger = ledger;
        this.limits = new NamespaceLimits(profile, ledger);
        this.stats = new StorageStatsCommands(ledger);
        this.budget = profile.opsPerSecond() == 0 ? null : new OperationBudget(profile.opsPerSecond(), System::nanoTime);
    }

    public AtlasProfile profile() {
        return profile;
    }

    /** Bytes counted against the quota now: BSON of all documents plus estimated index bytes, all databases. */
    public long usedBytes() {
        return ledger.usedBytes();
    }

    /** The operations counted so far, and the waits the budget imposed. */
    public OperationCounts operations() {
        return counters.snapshot();
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        return handleCommand(message.getChannel(), message.getDatabaseName(), Commands.firstKey(query), query);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        ThrottleHandler.installOn(channel, budget, counters);
        counters.record(command, query);
        gate.check(database, command, query);
        String key = Commands.key(command);
        if (key.equals("dbstats")) {
            return stats.dbStats(database, query);
        }
        if (key.equals("collstats")) {
            return stats.collStats(database, query, command);
        }
        if (!Commands.isWrite(command, query)) {
            Document response = delegate.handleCommand(channel, database, command, query);
            if (key.equals("ismaster")) {
                // a real server's batch limit (mongo-java-server says 1,000), so that the driver splits an
                // insertMany as it would for Atlas and the operations count matches
                response.put("maxWriteBatchSize", REAL_SERVER_MAX_WRITE_BATCH_SIZE);
            }
            return key.equals("listdatabases") ? stats.withSizes(response) : response;
        }
        writeLock.lock();
        try {
            limits.check(database, command, query);
            Document response = delegate.handleCommand(channel, database, command, query);
            return key.equals("insert") ? InsertReply.withInsertedCount(query, response) : response;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        ThrottleHandler.installOn(query.getChannel(), budget, counters);
        counters.record("find", query.getQuery());
        return delegate.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        writeLock.lock();
        try {
            delegate.dropDatabase(database);
        } finally {
            writeLock.unlock();
        }
    }
}
