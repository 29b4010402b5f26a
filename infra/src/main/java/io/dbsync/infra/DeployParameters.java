package io.dbsync.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Every deploy-time choice, resolved and validated once in {@link InfraApp} and passed down.
 * See {@link Parameter} for the sources and defaults.
 *
 * @param apiUrl              the API's base URL, or empty when not given (synth-only placeholder)
 * @param passwordSecret      name or complete ARN of an existing secret; empty: the stack creates one
 * @param alarmEmail          empty: the topic gets no subscription
 * @param paramsSecretsLayerArn empty: aws-cdk-lib's mapping of the AWS-published layer ARNs
 * @param apiHosting          present with {@code hostApi=lambda}: the stack runs the API itself
 * @param snapshots           the restore-point bucket and its alarms
 */
public record DeployParameters(
        Optional<URI> apiUrl,
        String username,
        Optional<String> passwordSecret,
        Optional<String> passwordSecretKmsKeyArn,
        String schedule,
        Optional<String> alarmEmail,
        Duration freshnessWindow,
        Duration lambdaTimeout,
        Duration httpTimeout,
        int lambdaMemoryMb,
        RetentionDays logRetention,
        Optional<String> paramsSecretsLayerArn,
        boolean alarmTopicCmk,
        Path lambdaJar,
        String stackName,
        Optional<ApiHosting> apiHosting,
        SnapshotSettings snapshots) {

    /** Used in the template when no API URL is given, so `cdk synth` works out of the box. */
    public static final URI PLACEHOLDER_API_URL = URI.create("https://dbsync.example.com");

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((\\S+ ){5}\\S+\\)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern STACK_NAME_SYNTAX = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

    public DeployParameters {
        if (lambdaTimeout.toSeconds().longValue() <= httpTimeout.toSeconds().longValue() + SchedulerContract.SAFETY_MARGIN_SECONDS) {
            throw new InvalidParameterException(Parameter.LAMBDA_TIMEOUT_SECONDS.contextKey() + " ("
                    + lambdaTimeout.toSeconds() + " s) must be greater than " + Parameter.HTTP_TIMEOUT_SECONDS.contextKey()
                    + " (" + httpTimeout.toSeconds() + " s) plus the scheduler's " + SchedulerContract.SAFETY_MARGIN_SECONDS
                    + " s safety margin: one HTTP call must fit in one invocation");
        }
        if (lambdaTimeout.toSeconds().longValue() > 900) {
            throw new InvalidParameterException(Parameter.LAMBDA_TIMEOUT_SECONDS.contextKey() + " must be at most 900 (Lambda's limit)");
        }
        apiHosting.ifPresent(api -> {
            long minimum = api.syncWait().toSeconds().longValue() + ApiContract.SCHEDULER_HTTP_MIN_ALLOWANCE_SECONDS;
            if (httpTimeout.toSeconds().longValue() < minimum) {
                throw new InvalidParameterException(Parameter.HTTP_TIMEOUT_SECONDS.contextKey() + " (" + httpTimeout.toSeconds()
                        + " s) must be at least the API's wait (" + api.syncWait().toSeconds() + " s, from "
                        + Parameter.API_TIMEOUT_SECONDS.contextKey() + ") plus " + ApiContract.SCHEDULER_HTTP_MIN_ALLOWANCE_SECONDS
                        + " s, or the scheduler gives up on runs the API is still finishing");
            }
        });
        rateInterval(schedule).ifPresent(interval -> {
            if (freshnessWindow.toMinutes().longValue() <= interval.toMinutes().longValue()) {
                throw new InvalidParameterException(Parameter.FRESHNESS_MINUTES.contextKey() + " ("
                        + freshnessWindow.toMinutes() + ") must be longer than the schedule's interval (" + schedule
                        + "), or the freshness alarm fires between two healthy runs");
            }
        });
    }

    /**
     * Resolves every parameter: context (as returned by {@code tryGetContext}) first, then the
     * environment, then the default.
     *
     * @param context   CDK context lookup; returns null for an absent key
     * @param env       the process environment
     * @param infraDir  directory relative paths are resolved against (infra/)
     */
    public static DeployParameters resolve(Function<String, Object> context, Map<String, String> env, Path infraDir) {
        ParameterReader reader = new ParameterReader(context, env);
        Optional<ApiHosting> apiHosting = ApiHosting.resolve(reader, infraDir);
        // With the API on Lambda, one HTTP call waits for a whole run: the scheduler's budget grows with it.
        Duration lambdaTimeout = Duration.seconds(reader.given(Parameter.LAMBDA_TIMEOUT_SECONDS)
                .map(v -> ParameterReader.positive(Parameter.LAMBDA_TIMEOUT_SECONDS, v))
                .orElseGet(() -> apiHosting.isPresent() ? ApiContract.SCHEDULER_TIMEOUT_WITH_LAMBDA_API_SECONDS
                        : reader.positive(Parameter.LAMBDA_TIMEOUT_SECONDS)));
        Duration httpTimeout = reader.given(Parameter.HTTP_TIMEOUT_SECONDS)
                .map(v -> Duration.seconds(ParameterReader.positive(Parameter.HTTP_TIMEOUT_SECONDS, v)))
                .orElseGet(() -> apiHosting.map(ApiHosting::defaultSchedulerHttpTimeout)
                        .orElseGet(() -> Duration.seconds(reader.positive(Parameter.HTTP_TIMEOUT_SECONDS))));

        return new DeployParameters(
                reader.read(Parameter.API_URL).map(DeployParameters::httpsUrl),
                nonBlank(Parameter.USERNAME, reader.required(Parameter.USERNAME)),
                reader.read(Parameter.PASSWORD_SECRET),
                reader.arn(Parameter.PASSWORD_SECRET_KMS_KEY_ARN, ":kms:"),
                schedule(reader.required(Parameter.SCHEDULE)),
                reader.read(Parameter.ALARM_EMAIL).map(DeployParameters::email),
                freshness(reader.integer(Parameter.FRESHNESS_MINUTES)),
                lambdaTimeout,
                httpTimeout,
                memory(reader.integer(Parameter.LAMBDA_MEMORY_MB)),
                retention(reader.integer(Parameter.LOG_RETENTION_DAYS)),
                reader.arn(Parameter.PARAMS_SECRETS_LAYER_ARN, ":lambda:"),
                reader.bool(Parameter.ALARM_TOPIC_CMK),
                infraDir.resolve(reader.required(Parameter.LAMBDA_JAR)).normalize(),
                stackName(reader.required(Parameter.STACK_NAME)),
                apiHosting,
                SnapshotSettings.resolve(reader));
    }

    /** The URL the Lambda is given: the real one, or the placeholder when none was set. */
    public URI effectiveApiUrl() {
        return apiUrl.orElse(PLACEHOLDER_API_URL);
    }

    /** The interval of a {@code rate(...)} schedule; empty for {@code cron(...)}. */
    static Optional<Duration> rateInterval(String schedule) {
        Matcher m = RATE.matcher(schedule);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "minute", "minutes" -> Duration.minutes(n);
            case "hour", "hours" -> Duration.hours(n);
            default -> Duration.days(n);
        });
    }

    private static URI httpsUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidParameterException(Parameter.API_URL.contextKey() + " must be an https:// URL"
                        + " (the scheduler sends Basic credentials and refuses plain http), got: " + value);
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidParameterException(Parameter.API_URL.contextKey()
                        + " must not carry credentials; the password belongs in the secret");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidParameterException(Parameter.API_URL.contextKey() + " is not a URL: " + value);
        }
    }

    private static String schedule(String value) {
        if (rateInterval(value).isEmpty() && !CRON.matcher(value).matches()) {
            throw new InvalidParameterException(Parameter.SCHEDULE.contextKey()
                    + " must be an EventBridge expression such as rate(15 minutes) or cron(0/15 * * * ? *), got: " + value);
        }
        if (rateInterval(value).filter(d -> d.toMinutes().longValue() == 0).isPresent()) {
            throw new InvalidParameterException(Parameter.SCHEDULE.contextKey() + " rate must be at least 1 minute");
        }
        return value;
    }

    private static String email(String value) {
        if (!EMAIL.matcher(value).matches()) {
            throw new InvalidParameterException(Parameter.ALARM_EMAIL.contextKey() + " is not an e-mail address: " + value);
        }
        return value;
    }

    private static Duration freshness(int minutes) {
        // The alarm looks at 5-minute periods and needs all of them empty; CloudWatch caps an
        // alarm's evaluation range at one day.
        if (minutes < 10 || minutes > 1440 || minutes % 5 != 0) {
            throw new InvalidParameterException(Parameter.FRESHNESS_MINUTES.contextKey()
                    + " must be a multiple of 5 between 10 and 1440, got: " + minutes);
        }
        return Duration.minutes(minutes);
    }

    private static int memory(int mb) {
        if (mb < 128 || mb > 10240) {
            throw new InvalidParameterException(Parameter.LAMBDA_MEMORY_MB.contextKey() + " must be between 128 and 10240, got: " + mb);
        }
        return mb;
    }

    private static RetentionDays retention(int days) {
        String name = retentionName(days);
        if (name.isEmpty()) {
            throw new InvalidParameterException(Parameter.LOG_RETENTION_DAYS.contextKey()
                    + " must be one of CloudWatch Logs' values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,"
                    + " 545, 731, 1827, 3653), got: " + days);
        }
        return RetentionDays.valueOf(name);
    }

    private static String retentionName(int days) {
        return switch (days) {
            case 1 -> "ONE_DAY";
            case 3 -> "THREE_DAYS";
            case 5 -> "FIVE_DAYS";
            case 7 -> "ONE_WEEK";
            case 14 -> "TWO_WEEKS";
            case 30 -> "ONE_MONTH";
            case 60 -> "TWO_MONTHS";
            case 90 -> "THREE_MONTHS";
            case 120 -> "FOUR_MONTHS";
            case 150 -> "FIVE_MONTHS";
            case 180 -> "SIX_MONTHS";
            case 365 -> "ONE_YEAR";
            case 400 -> "THIRTEEN_MONTHS";
            case 545 -> "EIGHTEEN_MONTHS";
            case 731 -> "TWO_YEARS";
            case 1827 -> "FIVE_YEARS";
            case 3653 -> "TEN_YEARS";
            default -> "";
        };
    }

    private static String stackName(String value) {
        if (!STACK_NAME_SYNTAX.matcher(value).matches()) {
            throw new InvalidParameterException(Parameter.STACK_NAME.contextKey()
                    + " must start with a letter and hold only letters, digits and '-', got: " + value);
        }
        return value;
    }

    private static String nonBlank(Parameter p, String value) {
        if (value.isBlank()) {
            throw new InvalidParameterException(p.contextKey() + " must not be blank");
        }
        return value;
    }
}
