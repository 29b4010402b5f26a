package io.dbsync.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The scheduler Lambda (issue 5): Java 21 on arm64, its own log group with a retention period,
 * a role that may write to that log group and read one secret and nothing else, the Parameters
 * and Secrets extension layer, and asynchronous invocation with at most one retry.
 */
public final class SchedulerFunction extends Construct {

    /**
     * @param jar                 the scheduler's shaded jar (checked by {@link LambdaJar})
     * @param apiUrl              the API's base URL (https), or the Lambda-hosted API's function URL (a token)
     * @param extensionLayerArn   empty: aws-cdk-lib's per-region mapping of the AWS-published layer
     */
    public record Props(
            Path jar,
            String apiUrl,
            String username,
            SchedulerPassword password,
            Duration timeout,
            Duration httpTimeout,
            int memoryMb,
            RetentionDays logRetention,
            Optional<String> extensionLayerArn) {

        public Props {
            if (timeout.toSeconds().longValue() <= httpTimeout.toSeconds().longValue() + SchedulerContract.SAFETY_MARGIN_SECONDS) {
                throw new InvalidParameterException("the Lambda timeout (" + timeout.toSeconds()
                        + " s) must be greater than the HTTP timeout (" + httpTimeout.toSeconds() + " s) plus "
                        + SchedulerContract.SAFETY_MARGIN_SECONDS + " s");
            }
        }
    }

    /** Async retries of a failed invocation: one, because a run is idempotent but not free. */
    static final int ASYNC_RETRY_ATTEMPTS = 1;
    /** A retry older than this would only race the next scheduled run, so it is dropped. */
    static final Duration ASYNC_MAX_EVENT_AGE = Duration.minutes(30);

    private final Function function;
    private final LogGroup logGroup;
    private final Duration timeout;

    public SchedulerFunction(Construct scope, String id, Props props) {
        super(scope, id);
        this.timeout = props.timeout();

        this.logGroup = LogGroup.Builder.create(this, "LogGroup")
                .retention(props.logRetention())
                .build();

        // A role of our own instead of AWSLambdaBasicExecutionRole, whose logs:* on "*" would let
        // the function write to every log group in the account.
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("dbsync scheduler Lambda: write its own log group, read its one secret")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteOwnLogGroup")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());

        this.function = Function.Builder.create(this, "Function")
                .description("Starts a dbsync run over HTTP on a schedule and reports the outcome (dbsync.sync log line, DbSync metrics)")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(SchedulerContract.HANDLER)
                .code(Code.fromAsset(LambdaJar.require(props.jar()).toString()))
                .memorySize(props.memoryMb())
                .timeout(props.timeout())
                .role(role)
                .logGroup(logGroup)
                .paramsAndSecrets(SecretsExtensionLayer.of(props.extensionLayerArn()))
                .environment(Map.of(
                        SchedulerContract.ENV_URL, props.apiUrl(),
                        SchedulerContract.ENV_USERNAME, props.username(),
                        SchedulerContract.ENV_PASSWORD_SECRET_ID, props.password().secretId(),
                        SchedulerContract.ENV_HTTP_TIMEOUT_SECONDS, props.httpTimeout().toSeconds().toString(),
                        // A short-lived handler gains nothing from C2; C1 only halves the cold start.
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
                .retryAttempts(ASYNC_RETRY_ATTEMPTS)
                .maxEventAge(ASYNC_MAX_EVENT_AGE)
                .build();
        props.password().grantRead(role);

        NagExemptions.exempt(function, "AwsSolutions-L1",
                "Issue 5 fixes the runtime at java21 (an LTS runtime Lambda supports); the scheduler module is built"
                        + " and tested for it. Moving to a newer Java runtime is a deliberate change to both modules.");
    }

    public Function function() {
        return function;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    public Duration timeout() {
        return timeout;
    }
}
