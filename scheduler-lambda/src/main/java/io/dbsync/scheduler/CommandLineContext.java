package io.dbsync.scheduler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The Lambda {@link Context} for a run by hand: the remaining time counts down from a budget
 * (DBSYNC_TIMEOUT_SECONDS), the way Lambda's counts down from the function's timeout.
 */
final class CommandLineContext implements Context {
    private final long deadlineNanos;
    private final String requestId = "cli-" + UUID.randomUUID();
    private final PrintStream log;

    CommandLineContext(Duration budget, PrintStream log) {
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
        this.log = log;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long millis = Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, millis));
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getFunctionName() {
        return "dbsync-scheduler-cli";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public int getMemoryLimitInMB() {
        return (int) (Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                log.println(message);
            }

            @Override
            public void log(byte[] message) {
                log.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getLogGroupName() {
        return null;
    }

    @Override
    public String getLogStreamName() {
        return null;
    }

    @Override
    public String getInvokedFunctionArn() {
        return null;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }
}
