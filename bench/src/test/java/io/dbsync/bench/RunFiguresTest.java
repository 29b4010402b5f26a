package io.dbsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class RunFiguresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keepsTheRunsTrafficAndPhasesWhenTheApiReportsThem() throws Exception {
        String body = """
                {"status":"completed","mode":"full","durationMs":1234,"documents":10,"bytes":999,
                 "traffic":{"sourceOperations":12,"standbyOperations":30,"sourceBytesRead":5000,
                            "standbyBytesWritten":4000,"standbyBytesRead":100},
                 "phases":[{"name":"copy","ms":800,"sourceOperations":10,"standbyOperations":20}],
                 "collections":[{"name":"orders","method":"copy","documents":10,"durationMs":700,
                                 "verification":"count","standbyOperations":7,"indexes":2}]}
                """;

        Map<String, Object> run = RunFigures.of(JSON.readTree(body), 1.5);

        assertThat(run).containsEntry("seconds", 1.5).containsEntry("engineSeconds", 1.234).containsEntry("mode", "full");
        assertThat(RunFigures.hasTraffic(run)).isTrue();
        assertThat(run.get("traffic")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("standbyOperations", 30);
        assertThat((List<?>) run.get("phases")).hasSize(1);
        assertThat(run.get("collections")).isEqualTo(List.of(Map.of("name", "orders", "method", "copy",
                "documents", 10, "durationMs", 700, "verification", "count", "standbyOperations", 7)));
    }

    @Test
    void leavesOutWhatTheApiDoesNotReport() throws Exception {
        String body = """
                {"status":"failed","mode":"full","durationMs":50,"documents":0,"bytes":0,"traffic":null,
                 "error":"standby over its storage quota","collections":[]}
                """;

        Map<String, Object> run = RunFigures.of(JSON.readTree(body), 0.06);

        assertThat(run).doesNotContainKeys("traffic", "phases", "modeReason")
                .containsEntry("error", "standby over its storage quota");
        assertThat(RunFigures.hasTraffic(run)).isFalse();
    }
}
