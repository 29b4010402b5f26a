package io.dbsync.api.reliability;

import static io.dbsync.api.reliability.NetworkFaults.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbsync.api.config.SyncSettings;
import io.dbsync.api.store.RunRecord;
import io.dbsync.api.sync.SyncResult;
import io.dbsync.api.sync.SyncStatus;
import io.dbsync.api.testing.MongoSnapshot;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Reliability cases 4 and 5: a freeze below the timeouts is absorbed; a black hole fails the run within them. */
class FreezeAndBlackHoleIT {
    @RegisterExtension
    final TestServers servers = new TestServers();

    // ---------------------------------------------------------------------------------------------
    // Case 4: a 5 s freeze, well below the timeouts.
    // ---------------------------------------------------------------------------------------------

    private static final Duration FREEZE = Duration.ofSeconds(5);

    @ParameterizedTest(name = "freezing the {0} for 5 s mid-copy is absorbed: the run succeeds with a byte-equal copy and no duplicates")
    @EnumSource(Side.class)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFiveSecondFreezeMidCopyIsAbsorbedAndTheCopyIsByteEqualWithoutDuplicates(Side side) throws Exception {
        TestMongo mongo = faultableMongo(servers);
        SourceData.seed(mongo.sourceDb(), 1_000, 2_000);
        // Timeouts twice and three times the freeze; no cursor resumes: waiting, not recovering, must absorb it.
        SyncSettings settings = TestApi.testSettings()
                .withMongoTimeouts(FREEZE.multipliedBy(2), FREEZE.multipliedBy(3), 0);
        MidCopyTrigger trigger = new MidCopyTrigger("orders", 2_000);
        NetworkFaultApi api = api(servers, mongo, settings, trigger);
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
        TestMongo mongo = faultableMongo(servers);
        SourceData.seed(mongo.sourceDb(), 1_000, 2_000);
        Duration connect = Duration.ofSeconds(2);
        Duration read = Duration.ofSeconds(5);
        int resumes = 1;
        SyncSettings settings = TestApi.testSettings().withMongoTimeouts(connect, read, resumes);
        MidCopyTrigger trigger = new MidCopyTrigger("orders", 2_000);
        NetworkFaultApi api = api(servers, mongo, settings, trigger);
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
        TestMongo mongo = faultableMongo(servers);
        SourceData.seed(mongo.sourceDb(), 1_000, 2_000);
        SyncSettings settings = TestApi.testSettings()
                .withMongoTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), 3)
                // One collection at a time, so no other collection's failure cancels this scan first.
                .withParallelism(1, 2);
        MidCopyTrigger trigger = new MidCopyTrigger("orders", 2_000);
        NetworkFaultApi api = api(servers, mongo, settings, trigger);
        SyncResult g1Run = api.syncAndAwait(Duration.ofSeconds(60));
        assertThat(g1Run.status()).as(g1Run.error()).isEqualTo(SyncStatus.COMPLETED);
        MongoSnapshot g1 = standby(mongo.targetDb());
        addOrders(mongo.sourceDb(), 1_000_000, 8_000);
        trigger.arm(() -> api.targetProxy().freeze());
        ch.qos.logback.classic.Logger scanner = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("io.dbsync.api.sync.mongo.SourceScanner");
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
}
