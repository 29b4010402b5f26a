package io.dbsync.scheduler;

import io.dbsync.scheduler.json.JsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static io.dbsync.scheduler.ApiResults.completed;
import static io.dbsync.scheduler.ApiResults.result;
import static io.dbsync.scheduler.ApiResults.snapshot;
import static io.dbsync.scheduler.ApiResults.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the API's result JSON: the members reported on, and the contract breaks refused. */
class ApiRunReplyTest {

    @Test
    void aResultReadsItsFieldsAndSumsCollectionsWhenTheTotalIsMissing() throws JsonException {
        ApiRunReply full = ApiRunReply.parse(result("run-1", "failed", 42, "boom"));
        ApiRunReply noTotal = ApiRunReply.parse("{\"status\":\"completed\",\"collections\":[{\"documents\":3},{\"documents\":4},{}]}");

        assertThat(full.runId()).isEqualTo("run-1");
        assertThat(full.status()).isEqualTo("failed");
        assertThat(full.durationMs()).contains(1234L);
        assertThat(full.documents()).isEqualTo(42);
        assertThat(full.error()).isEqualTo("boom");
        assertThat(full.running()).isFalse();
        assertThat(full.refusal()).isNull();
        assertThat(full.snapshot()).isEmpty();
        assertThat(noTotal.documents()).isEqualTo(7);
        assertThat(noTotal.runId()).isNull();
        assertThat(noTotal.durationMs()).isEmpty();
        assertThat(ApiRunReply.parse(ApiResults.running("r")).running()).isTrue();
        assertThatThrownBy(() -> ApiRunReply.parse("{\"status\":\"completed\",\"collections\":[1]}"))
                .hasMessage("member \"collections\" holds a non-object");
    }

    @ParameterizedTest(name = "refusal {0}")
    @ValueSource(strings = {"standby_diverged", "paused", "deletion_guard", "storage_limit", "a_future_reason"})
    void aRefusalIsReadAsSentWhateverTheWord(String refusal) throws JsonException {
        ApiRunReply reply = ApiRunReply.parse(with(result("run-5", "refused", 0, "no"), "\"refusal\":\"" + refusal + "\""));

        assertThat(reply.refused()).isTrue();
        assertThat(reply.refusal()).isEqualTo(refusal);
    }

    @Test
    void aSnapshotIsReadWithItsSizeWhenWrittenAndItsReasonWhenFailed() throws JsonException {
        ApiRunReply written = ApiRunReply.parse(with(completed("run-1", 4), snapshot("written", 123_456, null)));
        ApiRunReply failed = ApiRunReply.parse(with(completed("run-2", 4), snapshot("failed", 0, "bucket not writable")));
        ApiRunReply skipped = ApiRunReply.parse(with(completed("run-3", 4), snapshot("skipped", 0, "no changes")));
        ApiRunReply off = ApiRunReply.parse(with(completed("run-4", 4), "\"snapshot\":null"));

        assertThat(written.snapshot()).contains(new SnapshotOutcome("written", 123_456, null));
        assertThat(failed.snapshot()).contains(new SnapshotOutcome("failed", 0, "bucket not writable"));
        assertThat(skipped.snapshot()).contains(new SnapshotOutcome("skipped", 0, "no changes"));
        assertThat(skipped.snapshot().orElseThrow().attempted()).isFalse();
        assertThat(off.snapshot()).isEmpty();
    }

    @Test
    void aSnapshotOutsideTheContractMakesTheAnswerUnreadable() {
        List<String> broken = List.of(
                "\"snapshot\":\"written\"",
                "\"snapshot\":{\"bytes\":1}",
                "\"snapshot\":{\"status\":\"partial\",\"bytes\":1}",
                "\"snapshot\":{\"status\":\"written\",\"reason\":null}",
                "\"snapshot\":{\"status\":\"written\",\"bytes\":-1}",
                "\"snapshot\":{\"status\":\"written\",\"bytes\":\"12\"}",
                "\"snapshot\":{\"status\":\"failed\",\"bytes\":0,\"reason\":7}",
                "\"refusal\":42");
        for (String members : broken) {
            assertThatThrownBy(() -> ApiRunReply.parse(with(completed("run-1", 4), members)))
                    .as(members).isInstanceOf(JsonException.class);
        }
    }

    @Test
    void redactionReachesEveryFreeTextTheApiSends() {
        ApiRunReply reply = new ApiRunReply("run-1", "refused", Optional.of(5L), 0, "echo hunter2",
                "hunter2_diverged", Optional.of(SnapshotOutcome.failed("key hunter2 rejected")), "{}");

        ApiRunReply redacted = reply.redacted(Redactor.of(List.of("hunter2")));

        assertThat(redacted.error()).isEqualTo("echo ***");
        assertThat(redacted.refusal()).isEqualTo("***_diverged");
        assertThat(redacted.snapshot().orElseThrow().reason()).isEqualTo("key *** rejected");
        assertThat(redacted.json()).isEqualTo("{}");
    }
}
