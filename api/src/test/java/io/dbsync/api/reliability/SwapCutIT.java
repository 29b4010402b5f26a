package io.dbsync.api.reliability;

import static io.dbsync.api.reliability.NetworkFaults.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.store.RunRecord;
import io.dbsync.api.sync.ProgressListener;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reliability case 2: the target connection is cut during the swap, before or after the server applied a rename. */
class SwapCutIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    private static final String RENAME_COMMAND = "renameCollection";
    private static final Pattern REPLACED_LIST = Pattern.compile("were replaced \\[([^\\]]*)\\]");
    private static final Pattern FAILED_COLLECTION = Pattern.compile("swap of collection '([^']+)' failed");

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
        TestMongo mongo = faultableMongo(servers);
        SourceData.seed(mongo.sourceDb(), 600, 1_500);
        NetworkFaultApi api = api(servers, mongo, TestApi.testSettings(), ProgressListener.NONE);
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
}
