package io.dbsync.scheduler;

/** Result and error bodies shaped like the API's (docs/api.md), for the fake peers. */
final class ApiResults {
    private ApiResults() {
    }

    static String result(String runId, String status, long documents, String error) {
        return "{\"runId\":\"" + runId + "\",\"status\":\"" + status + "\",\"mode\":\"full\","
                + "\"startedAt\":\"2026-11-24T10:00:00Z\",\"finishedAt\":\"2026-11-24T10:00:01.234Z\","
                + "\"durationMs\":1234,\"documents\":" + documents + ",\"bytes\":4096,"
                + "\"progress\":[\"orders\",\"users\"],"
                + "\"collections\":[{\"name\":\"orders\",\"documents\":" + (documents - 2)
                + ",\"bytes\":4000,\"indexes\":2,\"durationMs\":1000,\"verified\":true},"
                + "{\"name\":\"users\",\"documents\":2,\"bytes\":96,\"indexes\":1,\"durationMs\":200,\"verified\":true}],"
                + "\"error\":" + (error == null ? "null" : "\"" + error + "\"") + "}";
    }

    static String completed(String runId, long documents) {
        return result(runId, "completed", documents, null);
    }

    static String running(String runId) {
        return "{\"runId\":\"" + runId + "\",\"status\":\"running\",\"mode\":\"full\","
                + "\"startedAt\":\"2026-11-24T10:00:00Z\",\"finishedAt\":null,\"durationMs\":null,"
                + "\"progress\":[\"orders\"],\"collections\":[],\"error\":null}";
    }

    /** A result with more members appended, e.g. {@code "refusal":"paused"} (the API's newer members). */
    static String with(String result, String members) {
        return result.substring(0, result.length() - 1) + "," + members + "}";
    }

    /** The {@code snapshot} member as the API writes it when restore points are on. */
    static String snapshot(String status, long bytes, String reason) {
        return "\"snapshot\":{\"id\":" + (status.equals("written") ? "\"snap-20261124T100001Z\"" : "null")
                + ",\"status\":\"" + status + "\",\"bytes\":" + bytes + ",\"seconds\":0.75,\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }

    static String error(int status, String message) {
        return "{\"error\":\"" + message + "\",\"status\":" + status + "}";
    }
}
