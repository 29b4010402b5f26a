package io.dbsync.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The EventBridge rule that triggers the scheduler, with a retry policy and an SQS dead-letter
 * queue for triggers EventBridge could not deliver (throttling, a deleted function, a missing
 * permission) — failures that happen before the Lambda runs and so never reach its logs.
 */
public final class SyncSchedule extends Construct {

    /** @param expression an EventBridge {@code rate(...)} or {@code cron(...)} expression */
    public record Props(IFunction target, String expression) {
    }

    /** Delivery retries; EventBridge backs off between them. */
    static final int DELIVERY_RETRY_ATTEMPTS = 3;
    /** An undelivered trigger older than this goes to the dead-letter queue instead. */
    static final Duration DELIVERY_MAX_EVENT_AGE = Duration.hours(1);

    private final Rule rule;
    private final Queue deadLetterQueue;

    public SyncSchedule(Construct scope, String id, Props props) {
        super(scope, id);
        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                // SSE-SQS: encrypted at rest with no key policy to get wrong (EventBridge cannot
                // write to a queue under the AWS-managed aws/sqs key).
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagExemptions.exempt(deadLetterQueue, "AwsSolutions-SQS3",
                "This queue is itself a dead-letter queue (EventBridge's, for undeliverable schedule triggers);"
                        + " cdk-nag only recognises SQS redrive DLQs. An alarm watches its depth.");

        this.rule = Rule.Builder.create(this, "Rule")
                .description("Triggers a dbsync run: " + props.expression())
                .schedule(Schedule.expression(props.expression()))
                .build();
        rule.addTarget(new LambdaFunction(props.target(), LambdaFunctionProps.builder()
                .retryAttempts(DELIVERY_RETRY_ATTEMPTS)
                .maxEventAge(DELIVERY_MAX_EVENT_AGE)
                .deadLetterQueue(deadLetterQueue)
                .build()));
    }

    public Rule rule() {
        return rule;
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }
}
