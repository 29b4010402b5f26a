package io.dbsync.api.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one class of HTTP-surface cases sent and got, printed as its figure line. */
final class HttpTally {
    private final String name;
    private int requests;
    private int generated;
    private int serverErrors;
    private int closedWithoutResponse;
    private int timedOut;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> serverErrorSamples = new ArrayList<>();

    HttpTally(String name) {
        this.name = name;
    }

    synchronized void count(String description, RawHttp.Answer answer) {
        requests++;
        switch (answer.kind()) {
            case CLOSED_WITHOUT_RESPONSE -> closedWithoutResponse++;
            case TIMED_OUT -> timedOut++;
            case RESPONSE -> {
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() >= 500) {
                    serverErrors++;
                    if (serverErrorSamples.size() < 10) {
                        serverErrorSamples.add(description + " -> " + answer.status());
                    }
                }
            }
        }
    }

    synchronized void generated() {
        generated++;
    }

    synchronized void print() {
        StringBuilder summary = new StringBuilder();
        statuses.forEach((status, count) -> summary.append(summary.length() == 0 ? "" : ",").append(status).append(':')
                .append(count));
        System.out.println("case=" + name + " requests=" + requests + " generatedRequests=" + generated + " responses5xx="
                + serverErrors + " closedWithoutResponse=" + closedWithoutResponse + " timedOut=" + timedOut
                + " statuses=" + summary);
        if (!serverErrorSamples.isEmpty()) {
            System.out.println("case=" + name + " serverErrorSamples=" + serverErrorSamples);
        }
    }
}
