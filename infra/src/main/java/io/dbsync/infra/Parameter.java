package io.dbsync.infra;

/**
 * The deploy-time parameters: each is read from CDK context ({@code cdk deploy -c key=value}),
 * else from the environment variable, else its default. {@code docs/deploy.md} lists them all
 * (a test keeps that list complete).
 */
public enum Parameter {
    API_URL("apiUrl", "DBSYNC_URL", null,
            "Base URL of the dbsync API (https). Required for a real deploy; synth uses a placeholder."),
    USERNAME("username", "DBSYNC_USERNAME", "scheduler",
            "API user the scheduler signs in as."),
    PASSWORD_SECRET("passwordSecret", "DBSYNC_PASSWORD_SECRET_ID", null,
            "Name or complete ARN of an existing Secrets Manager secret holding that user's password"
                    + " (plain string). Empty: the stack creates one with a random password."),
    PASSWORD_SECRET_KMS_KEY_ARN("passwordSecretKmsKeyArn", "DBSYNC_PASSWORD_SECRET_KMS_KEY_ARN", null,
            "Customer-managed KMS key that encrypts an existing secret, if any (grants kms:Decrypt via Secrets Manager only)."),
    SCHEDULE("schedule", "DBSYNC_SCHEDULE", "rate(15 minutes)",
            "EventBridge schedule expression: rate(...) or cron(...)."),
    ALARM_EMAIL("alarmEmail", "DBSYNC_ALARM_EMAIL", null,
            "E-mail address subscribed to the alarm topic. Empty: no subscription (a warning says so)."),
    FRESHNESS_MINUTES("freshnessMinutes", "DBSYNC_FRESHNESS_MINUTES", "60",
            "Alarm when no run has succeeded for this many minutes (multiple of 5, up to 1440, longer than a rate() interval)."),
    LAMBDA_TIMEOUT_SECONDS("lambdaTimeoutSeconds", "DBSYNC_LAMBDA_TIMEOUT_SECONDS", "300",
            "Scheduler Lambda timeout (900 when hostApi=lambda); the handler polls a long run until this budget runs low."
                    + " Must exceed the HTTP timeout plus 3 s."),
    HTTP_TIMEOUT_SECONDS("httpTimeoutSeconds", "DBSYNC_HTTP_TIMEOUT_SECONDS",
            String.valueOf(SchedulerContract.DEFAULT_HTTP_TIMEOUT_SECONDS),
            "Timeout of each HTTP request the scheduler makes to the API (with hostApi=lambda: the API's wait + 40 s,"
                    + " and at least its wait + 20 s)."),
    LAMBDA_MEMORY_MB("lambdaMemoryMb", "DBSYNC_LAMBDA_MEMORY_MB", "512",
            "Lambda memory (also buys CPU, which shortens the JVM cold start)."),
    LOG_RETENTION_DAYS("logRetentionDays", "DBSYNC_LOG_RETENTION_DAYS", "30",
            "Retention of the Lambda's log group, in days (a value CloudWatch Logs accepts)."),
    PARAMS_SECRETS_LAYER_ARN("paramsSecretsLayerArn", "DBSYNC_PARAMS_SECRETS_LAYER_ARN", null,
            "ARN of the AWS Parameters and Secrets Lambda Extension layer (arm64). Empty: the AWS-published"
                    + " ARN of version 1.0.103 for the stack's region, as mapped by aws-cdk-lib."),
    ALARM_TOPIC_CMK("alarmTopicCmk", "DBSYNC_ALARM_TOPIC_CMK", "false",
            "true: encrypt the alarm topic with a customer-managed KMS key (about 1 USD a month)."),
    LAMBDA_JAR("lambdaJar", "DBSYNC_LAMBDA_JAR", "../scheduler-lambda/target/dbsync-scheduler-lambda.jar",
            "The scheduler's shaded jar, relative to infra/ (or absolute)."),
    STACK_NAME("stackName", "DBSYNC_STACK_NAME", "DbSync",
            "CloudFormation stack name (deploy twice with different names for two environments)."),
    HOST_API("hostApi", "DBSYNC_HOST_API", ApiHosting.NONE,
            "none: the API runs on a host of your choice (apiUrl). lambda: the stack runs it as a Lambda function behind"
                    + " a function URL, and points the scheduler at it."),
    API_JAR("apiJar", "DBSYNC_API_JAR", "../api/target/" + ApiContract.JAR_NAME,
            "With hostApi=lambda: the API's shaded jar, relative to infra/ (or absolute)."),
    API_CONFIG_SECRET("apiConfigSecret", "DBSYNC_API_CONFIG_SECRET", null,
            "With hostApi=lambda: name or complete ARN of an existing secret holding the API's connection strings as JSON"
                    + " (DATABASE_URL, SOURCE_MONGODB_URI, TARGET_MONGODB_URI). Empty: the stack creates one with empty values."),
    API_TIMEOUT_SECONDS("apiTimeoutSeconds", "DBSYNC_API_TIMEOUT_SECONDS", "900",
            "With hostApi=lambda: the API function's timeout (120 to 900); /syncdb waits 60 s less (SYNC_WAIT_SECONDS)."),
    API_MEMORY_MB("apiMemoryMb", "DBSYNC_API_MEMORY_MB", "1024",
            "With hostApi=lambda: the API function's memory (512 to 10240; more memory is also more CPU)."),
    API_SNAPSTART("apiSnapStart", "DBSYNC_API_SNAPSTART", "false",
            "With hostApi=lambda: true publishes versions with Lambda SnapStart behind a 'live' alias (see docs/deploy.md)."),
    WEB_ADAPTER_LAYER_ARN("webAdapterLayerArn", "DBSYNC_WEB_ADAPTER_LAYER_ARN", null,
            "With hostApi=lambda: ARN of the AWS Lambda Web Adapter layer (arm64). Empty: version "
                    + ApiContract.WEB_ADAPTER_LAYER_VERSION + " published by account " + ApiContract.WEB_ADAPTER_LAYER_ACCOUNT
                    + " in the stack's region."),
    SNAPSHOTS("snapshots", "DBSYNC_SNAPSHOTS", "false",
            "true: an S3 bucket for restore points, a least-privilege writer policy and the restore-point alarms."),
    SNAPSHOT_BACKSTOP_DAYS("snapshotBackstopDays", "DBSYNC_SNAPSHOT_BACKSTOP_DAYS", "400",
            "S3 expires restore points older than this many days, whatever the API's retention keeps."),
    SNAPSHOT_EVERY_HOURS("snapshotEveryHours", "DBSYNC_SNAPSHOT_EVERY_HOURS", null,
            "The API's SNAPSHOT_EVERY in hours (1 to 84): alarm when no restore point is written within twice that.");

    private final String contextKey;
    private final String envVar;
    private final String defaultValue;
    private final String description;

    Parameter(String contextKey, String envVar, String defaultValue, String description) {
        this.contextKey = contextKey;
        this.envVar = envVar;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String contextKey() {
        return contextKey;
    }

    public String envVar() {
        return envVar;
    }

    /** The default, or null when the parameter has none (its absence means something). */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
