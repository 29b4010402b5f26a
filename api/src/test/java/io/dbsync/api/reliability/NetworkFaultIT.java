package io.dbsync.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoDatabase;
import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.runs.RunRecord;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.StagingNames;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reliability cases 1, 2, 4 and 5 (shared/design/reliability.md): the API reaches both MongoDB
 * servers through netcrusher TCP proxies, which cut, freeze or black-hole its connections mid-run.
 * The test looks at both servers directly, past the proxies.
 */
class NetworkFaultIT {
    private static final String RENAME_COMMAND = "renameCollection";
    private static final Pattern REPLACED_LIST = Pattern.compile("were replaced \\[([^\\]]*)\\]");
    private static final Pattern FAILED_COLLECTION = Pattern.compile("swap of collection '([^']+)' failed");

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Which server(s) a fault hits. */
    enum Side {
        SOURCE, TARGET, BOTH;

        List<NetworkFaultProxy> proxies(NetworkFaultApi api) {
            return switch (this) {
                case SOURCE -> List.of(api.sourceProxy());
                case TARGET -> List.of(api.targetProxy());
                case BOTH -> List.of(api.sourceProxy(), api.targetProxy());
            };
        }

        boolean includesTarget() {
            return this != SOURCE;
        }
    }

    @AfterEach
    void closeResources() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private TestMongo mongo() {
        TestMongo mongo = TestMongo.start();
        resources.add(mongo);
        assumeTrue(mongo.isEmbedded(), "puts a TCP proxy in front of each server: needs the embedded "
                + "mongo-java-server pair on loopback, not the real MongoDB named by " + TestMongo.REAL_MONGODB_VARIABLE);
        return mongo;
    }

    private NetworkFaultApi api(TestMongo mongo, SyncSettings settings, ProgressListener listener) {
        NetworkFaultApi api = NetworkFaultApi.start(mongo, settings, listener);
        resources.add(api);
        return api;
    }

    // ---------------------------------------------------------------------------------------------
    // Case 1: the source connection is cut at about half of the bytes a run reads.
    // ---------------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void cuttingTheSourceAtHalfOfTheBytesFailsTheRunAndLeavesTheStandbyAsItWas() throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 500, 500);
        SyncSettings settings = TestApi.testSettings().withMongoTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), 1)
                .withWait(Duration.ofMillis(500));
        NetworkFaultApi api = api(mongo, settings, ProgressListener.NONE);
        SyncResult g1Run = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(g1Run.status()).as(g1Run.error()).isEqualTo(SyncStatus.COMPLETED);
        MongoSnapshot g1 = standby(mongo.targetDb());
        addOrders(mongo.sourceDb(), 1_000_000, 20_000);
        long sourceBytes = 0;
        for (String name : mongo.sourceDb().listCollectionNames()) {
            sourceBytes += mongo.sourceDb().runCommand(new Document("collStats", name)).get("size", Number.class).longValue();
        }
        ByteThreshold cutter = new ByteThreshold(api.sourceProxy(), sourceBytes / 2, true);
        api.sourceProxy().watch(cutter);
        cutter.arm();

        SyncResult run = api.syncAndAwait(Duration.ofSeconds(120));

        MongoSnapshot standbyAfter = standby(mongo.targetDb());
        List<String> stagingLeft = stagingOn(mongo.targetDb());
        long docsLost = g1.documentCount() - standbyAfter.documentCount();
        System.out.println("case=source-cut-proxy cutAtBytes=" + cutter.bytesAtThreshold() + " sourceBytes=" + sourceBytes
                + " cutAtPercent=" + Math.round(cutter.bytesAtThreshold() * 100.0 / sourceBytes) + " status=" + run.status().json()
                + " docsLost=" + docsLost + " stagingLeft=" + stagingLeft.size() + " standbyUntouched=" + standbyAfter.equals(g1)
                + " error=\"" + run.error() + "\"");
        assertThat(cutter.bytesAtThreshold()).as("the cut happened").isPositive();
        assertThat(run.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(run.error()).containsAnyOf("copy of collection", "MongoDB error");
        assertThat(standbyAfter).as("the standby, every collection byte for byte").isEqualTo(g1);
        assertThat(stagingLeft).as("staging left on the reachable target").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Case 2: the target connection is cut during the swap.
    // ---------------------------------------------------------------------------------------------

    /** Where, relative to the n-th {@code renameCollection}, the target connection is cut. */
    enum SwapCut {
        /** The command is swallowed by the proxy: the server never sees it. */
        BEFORE_THE_SERVER_SEES_THE_RENAME,
        /** The command reaches the server and is applied; its reply is swallowed. */
        AFTER_THE_SERVER_APPLIED_THE_RENAME
    }

    /**
     * Cuts every target connection at the {@code renamesThrough + 1}-th {@code renameCollection} the
     * driver sends, recognised in the client→server bytes. Every connection open at that moment is
     * doomed: from then on the proxy swallows all its bytes, so nothing of the cut exchange reaches
     * either side, until the cut closes it. Connections the driver opens afterwards pass untouched.
     */
    private static final class SwapCutter implements NetworkFaultProxy.Watcher {
        private final NetworkFaultProxy proxy;
        private final int renamesThrough;
        private final SwapCut cut;
        private final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicInteger renamesSeen = new AtomicInteger();
        private final AtomicReference<InetSocketAddress> awaitingReply = new AtomicReference<>();
        private final Set<InetSocketAddress> open = ConcurrentHashMap.newKeySet();
        private final Set<InetSocketAddress> doomed = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean fired = new AtomicBoolean();

        SwapCutter(NetworkFaultProxy proxy, int renamesThrough, SwapCut cut) {
            this.proxy = proxy;
            this.renamesThrough = renamesThrough;
            this.cut = cut;
        }

        void arm() {
            armed.set(true);
        }

        @Override
        public boolean swallow(InetSocketAddress connection, NetworkFaultProxy.Direction direction, String chunk) {
            if (doomed.contains(connection)) {
                return true;
            }
            open.add(connection);
            if (!armed.get()) {
                return false;
            }
            if (direction == NetworkFaultProxy.Direction.CLIENT_TO_SERVER) {
                int renames = occurrences(chunk, RENAME_COMMAND);
                if (renames == 0) {
                    return false;
                }
                int seen = renamesSeen.addAndGet(renames);
                if (seen <= renamesThrough) {
                    return false;
                }
                if (cut == SwapCut.BEFORE_THE_SERVER_SEES_THE_RENAME) {
                    fire();
                    return true;
                }
                awaitingReply.compareAndSet(null, connection);
                return false;
            }
            if (connection.equals(awaitingReply.get())) {
                fire();
                return true;
            }
            return false;
        }

        private void fire() {
            armed.set(false);
            doomed.addAll(open);
            fired.set(true);
            // closeAllPairs is a reactor operation and this is the reactor thread: the proxy's own thread does it.
            proxy.cutAllConnectionsSoon();
        }

        boolean fired() {
            return fired.get();
        }

        int renamesSeen() {
            return renamesSeen.get();
        }
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void cuttingTheTargetBeforeTheSecondRenameLeavesOneCollectionNewTheOthersOldAndTheRecordSaysWhich() throws Exception {
        targetCutDuringTheSwap(1, SwapCut.BEFORE_THE_SERVER_SEES_THE_RENAME);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void cuttingTheTargetBeforeTheThirdRenameLeavesTwoCollectionsNewTheOthersOldAndTheRecordSaysWhich() throws Exception {
        targetCutDuringTheSwap(2, SwapCut.BEFORE_THE_SERVER_SEES_THE_RENAME);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aRenameTheServerAppliedButWhoseReplyWasCutIsReportedAsReplaced() throws Exception {
        targetCutDuringTheSwap(1, SwapCut.AFTER_THE_SERVER_APPLIED_THE_RENAME);
    }

    private void targetCutDuringTheSwap(int renamesThrough, SwapCut cut) throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 600, 1_500);
        NetworkFaultApi api = api(mongo, TestApi.testSettings(), ProgressListener.NONE);
        SwapCutter cutter = new SwapCutter(api.targetProxy(), renamesThrough, cut);
        api.targetProxy().watch(cutter);

        SyncResult first = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(first.status()).as(first.error()).isEqualTo(SyncStatus.COMPLETED);
        MongoSnapshot g1 = standby(mongo.targetDb());
        assertThat(g1.documentsHex()).isEqualTo(MongoSnapshot.of(mongo.sourceDb()).documentsHex());
        // Every collection changes, so each standby collection is recognisably the old or the new copy.
        for (String name : g1.documentsHex().keySet()) {
            mongo.sourceDb().getCollection(name).insertOne(new Document("_id", "generation-2").append("of", name));
        }
        MongoSnapshot g2 = MongoSnapshot.of(mongo.sourceDb());
        assertThat(g2.documentsHex().keySet()).hasSizeGreaterThanOrEqualTo(renamesThrough + 2);

        cutter.arm();
        SyncResult cutRun = api.syncAndAwait(Duration.ofSeconds(60));

        assertThat(cutter.fired()).as("the proxy saw the swap's renames and cut the target").isTrue();
        assertThat(cutRun.status()).as("a run whose swap was cut").isEqualTo(SyncStatus.FAILED);
        String error = cutRun.error();
        assertThat(error).contains("swap of collection");
        MongoSnapshot during = standby(mongo.targetDb());
        Set<String> wholeNew = new TreeSet<>();
        Set<String> wholeOld = new TreeSet<>();
        Set<String> mixed = new TreeSet<>();
        for (String name : g2.documentsHex().keySet()) {
            if (sameCollection(during, g2, name)) {
                wholeNew.add(name);
            } else if (sameCollection(during, g1, name)) {
                wholeOld.add(name);
            } else {
                mixed.add(name);
            }
        }
        int expectedNew = cut == SwapCut.BEFORE_THE_SERVER_SEES_THE_RENAME ? renamesThrough : renamesThrough + 1;
        System.out.println("case=swap-cut cut=" + cut + " renamesThrough=" + renamesThrough + " renamesSeen="
                + cutter.renamesSeen() + " new=" + wholeNew + " old=" + wholeOld + " mixedDuringFault=" + mixed.size()
                + " error=\"" + error + "\"");
        assertThat(mixed).as("collections neither wholly old nor wholly new").isEmpty();
        assertThat(wholeNew).as("collections the server replaced before the cut").hasSize(expectedNew);
        assertThat(wholeOld).isNotEmpty();
        assertThat(replacedNamedIn(error)).as("the error names exactly the collections that now hold the new copy: "
                + error).isEqualTo(wholeNew);
        Matcher failedAt = FAILED_COLLECTION.matcher(error);
        assertThat(failedAt.find()).isTrue();
        // Cut before the server saw the rename: the failed collection is old. Cut after it applied
        // the rename: the swap's check finds the staging gone and reports it as replaced.
        assertThat(cut == SwapCut.BEFORE_THE_SERVER_SEES_THE_RENAME ? wholeOld : wholeNew)
                .as("the collection the error says failed is where the error says it is: " + error)
                .contains(failedAt.group(1));
        RunRecord record = api.record(cutRun.runId()).orElseThrow();
        assertThat(record.status()).isEqualTo("failed");
        assertThat(record.error()).isEqualTo(error);
        assertThat(stagingOn(mongo.targetDb())).as("staging left after the cut run").isEmpty();

        SyncResult rerun = api.syncAndAwait(Duration.ofSeconds(60));

        assertThat(rerun.status()).as(rerun.error()).isEqualTo(SyncStatus.COMPLETED);
        MongoSnapshot after = MongoSnapshot.of(mongo.targetDb());
        long mixedAfterRerun = g2.documentsHex().keySet().stream().filter(name -> !sameCollection(after, g2, name)).count();
        System.out.println("case=swap-cut cut=" + cut + " renamesThrough=" + renamesThrough
                + " replaced=" + wholeNew.size() + " kept=" + wholeOld.size() + " mixedAfterRerun=" + mixedAfterRerun
                + " stagingLeft=" + stagingOn(mongo.targetDb()).size());
        assertThat(mixedAfterRerun).isZero();
        assertThat(after).isEqualTo(g2);
    }

    /** The collections the swap error lists as already replaced. */
    private static Set<String> replacedNamedIn(String error) {
        Matcher matcher = REPLACED_LIST.matcher(error);
        assertThat(matcher.find()).as("the error lists the replaced collections: " + error).isTrue();
        Set<String> names = new TreeSet<>();
        Arrays.stream(matcher.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
        return names;
    }

    private static boolean sameCollection(MongoSnapshot a, MongoSnapshot b, String name) {
        return a.documentsHex().containsKey(name) && a.documentsHex().get(name).equals(b.documentsHex().get(name))
                && a.indexes().get(name).equals(b.indexes().get(name));
    }

    // ---------------------------------------------------------------------------------------------
    // Case 4: a 5 s freeze, well below the timeouts.
    // ---------------------------------------------------------------------------------------------

    private static final Duration FREEZE = Duration.ofSeconds(5);

    @ParameterizedTest(name = "freezing the {0} for 5 s mid-copy is absorbed: the run succeeds with a byte-equal copy and no duplicates")
    @EnumSource(Side.class)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFiveSecondFreezeMidCopyIsAbsorbedAndTheCopyIsByteEqualWithoutDuplicates(Side side) throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 1_000, 2_000);
        // Timeouts twice and three times the freeze; no cursor resumes: waiting, not recovering, must absorb it.
        SyncSettings settings = TestApi.testSettings()
                .withMongoTimeouts(FREEZE.multipliedBy(2), FREEZE.multipliedBy(3), 0);
        MidCopyTrigger trigger = new MidCopyTrigger("orders", 2_000);
        NetworkFaultApi api = api(mongo, settings, trigger);
        SyncResult g1 = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(g1.status()).as(g1.error()).isEqualTo(SyncStatus.COMPLETED);
        addOrders(mongo.sourceDb(), 1_000_000, 8_000);
        MongoSnapshot source = MongoSnapshot.of(mongo.sourceDb());
        AtomicReference<Instant> frozenAt = new AtomicReference<>();
        AtomicBoolean allFrozen = new AtomicBoolean();
        trigger.arm(() -> {
            side.proxies(api).forEach(NetworkFaultProxy::freeze);
            allFrozen.set(side.proxies(api).stream().allMatch(NetworkFaultProxy::isFrozen));
            frozenAt.set(Instant.now());
            side.proxies(api).forEach(proxy -> proxy.unfreezeAfter(FREEZE.toMillis(), TimeUnit.MILLISECONDS));
        });

        SyncResult run = api.syncAndAwait(Duration.ofSeconds(120));

        assertThat(trigger.firedAt()).as("the freeze happened mid-copy").isNotNull();
        assertThat(allFrozen.get()).as("every proxy of the side was frozen").isTrue();
        assertThat(trigger.documentsAtFire()).isLessThan(10_000);
        Duration afterFreeze = Duration.between(frozenAt.get(), run.finishedAt());
        assertThat(run.status()).as(run.error()).isEqualTo(SyncStatus.COMPLETED);
        assertThat(afterFreeze).as("the run went on only after the freeze ended").isGreaterThanOrEqualTo(FREEZE);
        MongoSnapshot target = MongoSnapshot.of(mongo.targetDb());
        long duplicates = duplicates(mongo.targetDb());
        Map<String, Long> written = new TreeMap<>();
        run.collections().forEach(c -> written.put(c.name(), c.documents()));
        Map<String, Long> onSource = new TreeMap<>();
        source.documentsHex().forEach((name, docs) -> onSource.put(name, (long) docs.size()));
        System.out.println("case=freeze side=" + side + " freezeSeconds=" + FREEZE.toSeconds() + " readTimeoutSeconds="
                + settings.mongoReadTimeout().toSeconds() + " runSeconds=" + seconds(Duration.ofMillis(run.durationMs()))
                + " documents=" + run.documents() + " duplicates=" + duplicates);
        assertThat(duplicates).isZero();
        assertThat(written).as("documents written per collection").isEqualTo(onSource);
        assertThat(target).isEqualTo(source);
    }

    // ---------------------------------------------------------------------------------------------
    // Case 5: a black hole (frozen, never thawed by the test) mid-copy.
    // ---------------------------------------------------------------------------------------------

    private static final Duration BLACK_HOLE = Duration.ofSeconds(120);

    @ParameterizedTest(name = "black-holing the {0} mid-copy fails the run within the configured timeouts, standby untouched")
    @EnumSource(Side.class)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aBlackHoleMidCopyFailsTheRunWithinTheConfiguredTimeoutsAndLeavesTheStandbyAsItWas(Side side) throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 1_000, 2_000);
        Duration connect = Duration.ofSeconds(2);
        Duration read = Duration.ofSeconds(5);
        int resumes = 1;
        SyncSettings settings = TestApi.testSettings().withMongoTimeouts(connect, read, resumes)
                .withWait(Duration.ofMillis(500));
        MidCopyTrigger trigger = new MidCopyTrigger("orders", 2_000);
        NetworkFaultApi api = api(mongo, settings, trigger);
        SyncResult g1Run = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(g1Run.status()).as(g1Run.error()).isEqualTo(SyncStatus.COMPLETED);
        MongoSnapshot g1 = standby(mongo.targetDb());
        addOrders(mongo.sourceDb(), 1_000_000, 8_000);
        trigger.arm(() -> side.proxies(api).forEach(NetworkFaultProxy::freeze));

        SyncResult run = api.syncAndAwait(BLACK_HOLE);

        assertThat(trigger.firedAt()).as("the black hole opened mid-copy").isNotNull();
        side.proxies(api).forEach(proxy -> assertThat(proxy.isFrozen()).as(proxy + " still black-holed").isTrue());
        Duration timeToFail = Duration.between(trigger.firedAt(), run.finishedAt());
        Duration bound = configuredBound(settings);
        Duration boundWithMargin = Duration.ofMillis(bound.toMillis() * 11 / 10);
        MongoSnapshot standbyAfter = standby(mongo.targetDb());
        List<String> stagingLeft = stagingOn(mongo.targetDb());
        System.out.println("case=black-hole side=" + side + " timeToFailSeconds=" + seconds(timeToFail)
                + " boundSeconds=" + seconds(bound) + " boundPlus10PercentSeconds=" + seconds(boundWithMargin)
                + " connectSeconds=" + connect.toSeconds() + " readSeconds=" + read.toSeconds() + " resumes=" + resumes
                + " stagingLeft=" + stagingLeft.size() + " standbyUntouched=" + standbyAfter.equals(g1)
                + " error=\"" + run.error() + "\"");
        assertThat(run.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(run.error()).isNotBlank();
        assertThat(timeToFail).as("time from the black hole to the failed run").isLessThanOrEqualTo(boundWithMargin);
        assertThat(standbyAfter).as("the standby, every collection byte for byte").isEqualTo(g1);
        RunRecord record = api.record(run.runId()).orElseThrow();
        assertThat(record.status()).isEqualTo("failed");
        if (!side.includesTarget()) {
            assertThat(stagingLeft).as("staging left on the reachable target").isEmpty();
            return;
        }
        // The standby itself was unreachable, so its staging could not be dropped then: the next run,
        // once the network is back, drops it before it copies.
        side.proxies(api).forEach(NetworkFaultProxy::unfreeze);
        SyncResult next = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(next.status()).as(next.error()).isEqualTo(SyncStatus.COMPLETED);
        List<String> stagingAfterNextRun = stagingOn(mongo.targetDb());
        System.out.println("case=black-hole side=" + side + " stagingLeftAfterNextRun=" + stagingAfterNextRun.size());
        assertThat(stagingAfterNextRun).isEmpty();
        assertThat(MongoSnapshot.of(mongo.targetDb())).isEqualTo(MongoSnapshot.of(mongo.sourceDb()));
    }

    /**
     * Case 5's target side, looked at from the source: a standby that stops answering fails the
     * insert workers, and that is not a lost source cursor, so the source scan must not be re-opened
     * ("resumed", {@code event=scan.resume}) for it: a resume spends the budget meant for real
     * cursor losses, and its log line blames the healthy source.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStandbyThatStopsAnsweringIsNotMistakenForALostSourceCursor() throws Exception {
        TestMongo mongo = mongo();
        SourceData.seed(mongo.sourceDb(), 1_000, 2_000);
        SyncSettings settings = TestApi.testSettings()
                .withMongoTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), 3)
                .withWait(Duration.ofMillis(500))
                // One collection at a time, so no other collection's failure cancels this scan first.
                .withParallelism(1, 2);
        MidCopyTrigger trigger = new MidCopyTrigger("orders", 2_000);
        NetworkFaultApi api = api(mongo, settings, trigger);
        SyncResult g1Run = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(g1Run.status()).as(g1Run.error()).isEqualTo(SyncStatus.COMPLETED);
        MongoSnapshot g1 = standby(mongo.targetDb());
        addOrders(mongo.sourceDb(), 1_000_000, 8_000);
        trigger.arm(() -> api.targetProxy().freeze());
        ch.qos.logback.classic.Logger scanner = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("io.dbsync.api.sync.SourceScanner");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> scanLog =
                new ch.qos.logback.core.read.ListAppender<>();
        scanLog.start();
        scanner.addAppender(scanLog);
        SyncResult run;
        try {
            run = api.syncAndAwait(BLACK_HOLE);
        } finally {
            scanner.detachAppender(scanLog);
        }

        assertThat(trigger.firedAt()).isNotNull();
        assertThat(api.targetProxy().isFrozen()).isTrue();
        List<String> resumes = scanLog.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("event=scan.resume")).toList();
        Duration timeToFail = Duration.between(trigger.firedAt(), run.finishedAt());
        System.out.println("case=black-hole side=TARGET sourceCursorResumes=" + resumes.size()
                + " timeToFailSeconds=" + seconds(timeToFail) + " boundSeconds=" + seconds(configuredBound(settings))
                + " resumes=" + resumes + " error=\"" + run.error() + "\"");
        assertThat(run.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(standby(mongo.targetDb())).isEqualTo(g1);
        assertThat(resumes).as("source cursors re-opened although only the standby stopped answering").isEmpty();
    }

    /**
     * The longest a black hole may keep a run from failing, from the settings alone: the run's
     * blocking steps each wait at most connect + read (server selection or a connection's set-up,
     * then one reply), and it takes at most one for the scan, one per allowed cursor resume, and one
     * for dropping its staging. (Measured: a lost source cursor costs up to 2 × read before its
     * resume, the stalled getMore and then the driver's killCursors on a fresh connection, which
     * this bound covers while read + connect per step leaves room for it.)
     */
    static Duration configuredBound(SyncSettings settings) {
        Duration step = settings.mongoTimeout().plus(settings.mongoReadTimeout());
        return step.multipliedBy(settings.maxCursorResumes() + 2L);
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers.
    // ---------------------------------------------------------------------------------------------

    /** Runs a fault once, from the insert worker that first sees {@code collection} reach {@code documents}. */
    private static final class MidCopyTrigger implements ProgressListener {
        private final String collection;
        private final long documents;
        private final AtomicReference<Runnable> fault = new AtomicReference<>();
        private volatile Instant firedAt;
        private final AtomicLong documentsAtFire = new AtomicLong(-1);

        MidCopyTrigger(String collection, long documents) {
            this.collection = collection;
            this.documents = documents;
        }

        void arm(Runnable newFault) {
            fault.set(newFault);
        }

        @Override
        public void batchWritten(String runId, String name, long documentsSoFar) {
            if (!name.equals(collection) || documentsSoFar < documents) {
                return;
            }
            Runnable action = fault.getAndSet(null);
            if (action != null) {
                documentsAtFire.set(documentsSoFar);
                action.run();
                firedAt = Instant.now();
            }
        }

        Instant firedAt() {
            return firedAt;
        }

        long documentsAtFire() {
            return documentsAtFire.get();
        }
    }

    private static void addOrders(MongoDatabase source, long from, int count) {
        List<Document> batch = new ArrayList<>();
        for (long i = from; i < from + count; i++) {
            batch.add(new Document("_id", i).append("customerId", (int) (i % 100)).append("pad", "p".repeat(300)));
            if (batch.size() == 1_000) {
                source.getCollection("orders").insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            source.getCollection("orders").insertMany(batch);
        }
    }

    /** The standby's own collections (staging left out), byte for byte. */
    private static MongoSnapshot standby(MongoDatabase target) {
        MongoSnapshot all = MongoSnapshot.of(target);
        all.documentsHex().keySet().removeIf(StagingNames::isStaging);
        all.indexes().keySet().removeIf(StagingNames::isStaging);
        return all;
    }

    private static List<String> stagingOn(MongoDatabase target) {
        return target.listCollectionNames().into(new ArrayList<>()).stream().filter(StagingNames::isStaging).toList();
    }

    /** Documents beyond the first with the same {@code _id}, over every collection. */
    private static long duplicates(MongoDatabase target) {
        long duplicates = 0;
        for (String name : target.listCollectionNames()) {
            Set<Object> ids = new HashSet<>();
            for (org.bson.RawBsonDocument doc : target.getCollection(name, org.bson.RawBsonDocument.class).find()
                    .projection(new Document("_id", 1)).batchSize(1_000)) {
                if (!ids.add(doc.get("_id"))) {
                    duplicates++;
                }
            }
        }
        return duplicates;
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
