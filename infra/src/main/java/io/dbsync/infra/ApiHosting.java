package io.dbsync.infra;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awscdk.Duration;

/**
 * How the stack hosts the API itself when {@code -c hostApi=lambda} (issue 18): a Lambda function
 * behind a function URL. A Lambda is frozen as soon as it has answered, so a run must finish
 * inside the request: {@code /syncdb} waits {@link #syncWait()}, which leaves the function
 * {@link ApiContract#ANSWER_MARGIN_SECONDS} to start cold and write the answer before its timeout.
 *
 * @param jar           the API's shaded jar ({@code api/target/dbsync-api.jar})
 * @param runScript     the start script the Web Adapter runs ({@code api/src/lambda/run.sh})
 * @param stagingDir    where jar and script are put together as the function's asset
 * @param configSecret  name or complete ARN of an existing secret with the connection strings;
 *                      empty: the stack creates one with empty values, to be filled in
 * @param webAdapterLayerArn empty: the AWS-published arm64 layer for the stack's region
 */
public record ApiHosting(
        Path jar,
        Path runScript,
        Path stagingDir,
        Optional<String> configSecret,
        Duration timeout,
        int memoryMb,
        boolean snapStart,
        Optional<String> webAdapterLayerArn) {

    static final String LAMBDA = "lambda";
    static final String NONE = "none";

    public ApiHosting {
        long seconds = timeout.toSeconds().longValue();
        if (seconds < ApiContract.ANSWER_MARGIN_SECONDS * 2 || seconds > 900) {
            throw new InvalidParameterException(Parameter.API_TIMEOUT_SECONDS.contextKey() + " must be between "
                    + ApiContract.ANSWER_MARGIN_SECONDS * 2 + " and 900 (Lambda's limit), got: " + seconds);
        }
    }

    /** How long {@code /syncdb} waits for the run before it would answer 202 (SYNC_WAIT_SECONDS). */
    public Duration syncWait() {
        return Duration.seconds(timeout.toSeconds().longValue() - ApiContract.ANSWER_MARGIN_SECONDS);
    }

    /** The scheduler's HTTP timeout when none is given: the wait, a cold start, and the answer. */
    Duration defaultSchedulerHttpTimeout() {
        return Duration.seconds(syncWait().toSeconds().longValue() + ApiContract.SCHEDULER_HTTP_ALLOWANCE_SECONDS);
    }

    /** Empty unless {@code hostApi=lambda}. */
    static Optional<ApiHosting> resolve(ParameterReader reader, Path infraDir) {
        String mode = reader.required(Parameter.HOST_API).toLowerCase(Locale.ROOT);
        if (mode.equals(NONE)) {
            for (Parameter onlyWithLambda : new Parameter[] {Parameter.API_CONFIG_SECRET, Parameter.WEB_ADAPTER_LAYER_ARN}) {
                if (reader.given(onlyWithLambda).isPresent()) {
                    throw new InvalidParameterException(onlyWithLambda.contextKey() + " only applies with "
                            + Parameter.HOST_API.contextKey() + "=" + LAMBDA);
                }
            }
            return Optional.empty();
        }
        if (!mode.equals(LAMBDA)) {
            throw new InvalidParameterException(Parameter.HOST_API.contextKey() + " must be " + NONE + " (the API runs on a"
                    + " host you name with apiUrl) or " + LAMBDA + " (this stack runs it on Lambda), got: " + mode);
        }
        if (reader.given(Parameter.API_URL).isPresent()) {
            throw new InvalidParameterException(Parameter.API_URL.contextKey() + " must not be set with "
                    + Parameter.HOST_API.contextKey() + "=" + LAMBDA + ": the scheduler calls the API's function URL");
        }
        return Optional.of(new ApiHosting(
                infraDir.resolve(reader.required(Parameter.API_JAR)).normalize(),
                infraDir.resolve(ApiContract.RUN_SCRIPT).normalize(),
                infraDir.resolve(ApiContract.STAGING_DIR).normalize(),
                reader.read(Parameter.API_CONFIG_SECRET),
                Duration.seconds(reader.positive(Parameter.API_TIMEOUT_SECONDS)),
                ParameterReader.between(Parameter.API_MEMORY_MB, reader.integer(Parameter.API_MEMORY_MB), 512, 10240),
                reader.bool(Parameter.API_SNAPSTART),
                reader.arn(Parameter.WEB_ADAPTER_LAYER_ARN, ":lambda:")));
    }
}
