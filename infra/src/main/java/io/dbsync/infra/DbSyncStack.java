package io.dbsync.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.constructs.Construct;

/**
 * Everything dbsync runs on AWS: the scheduler Lambda and its password secret, the schedule that
 * triggers it, the alarms and dashboard that tell the team whether backups are fresh; optionally
 * the API itself on Lambda ({@code hostApi=lambda}) and the restore-point bucket ({@code snapshots=true}).
 */
public final class DbSyncStack extends Stack {

    private final SchedulerPassword password;
    private final Optional<SnapshotBucket> snapshotBucket;
    private final Optional<ApiConfigSecret> apiConfig;
    private final Optional<ApiFunction> api;
    private final SchedulerFunction scheduler;
    private final SyncSchedule schedule;
    private final AlertTopic alerts;
    private final SyncAlarms alarms;
    private final Optional<RestorePointAlarms> restorePointAlarms;
    private final SyncDashboard dashboard;

    public DbSyncStack(Construct scope, String id, StackProps stackProps, DeployParameters params) {
        super(scope, id, stackProps);
        Tags.of(this).add("app", "dbsync");

        this.password = new SchedulerPassword(this, "SchedulerPassword", new SchedulerPassword.Props(
                params.passwordSecret(), params.passwordSecretKmsKeyArn(), params.username()));

        SnapshotSettings snapshots = params.snapshots();
        this.snapshotBucket = snapshots.enabled()
                ? Optional.of(new SnapshotBucket(this, "RestorePoints", new SnapshotBucket.Props(snapshots.backstop())))
                : Optional.empty();

        this.apiConfig = params.apiHosting().map(hosting ->
                new ApiConfigSecret(this, "ApiConfig", new ApiConfigSecret.Props(hosting.configSecret())));
        this.api = params.apiHosting().map(hosting -> new ApiFunction(this, "Api", new ApiFunction.Props(
                hosting,
                apiConfig.orElseThrow(),
                params.logRetention(),
                params.paramsSecretsLayerArn(),
                snapshotBucket.map(b -> Map.of(ApiContract.ENV_SNAPSHOT_URI, b.uri())).orElse(Map.of()),
                snapshotBucket.<List<IManagedPolicy>>map(b -> List.of(b.writerPolicy())).orElse(List.of()))));

        this.scheduler = new SchedulerFunction(this, "Scheduler", new SchedulerFunction.Props(
                params.lambdaJar(),
                api.map(ApiFunction::url).orElseGet(() -> params.effectiveApiUrl().toString()),
                params.username(),
                password,
                params.lambdaTimeout(),
                params.httpTimeout(),
                params.lambdaMemoryMb(),
                params.logRetention(),
                params.paramsSecretsLayerArn()));

        this.schedule = new SyncSchedule(this, "Schedule", new SyncSchedule.Props(scheduler.function(), params.schedule()));

        this.alerts = new AlertTopic(this, "Alerts", new AlertTopic.Props(params.alarmEmail(), params.alarmTopicCmk()));

        this.alarms = new SyncAlarms(this, "Alarms", new SyncAlarms.Props(
                scheduler, schedule.deadLetterQueue(), alerts.action(), params.freshnessWindow()));

        this.restorePointAlarms = snapshots.enabled()
                ? Optional.of(new RestorePointAlarms(this, "RestorePointAlarms", new RestorePointAlarms.Props(
                        scheduler.logGroup(), alerts.action(), snapshots.every())))
                : Optional.empty();

        this.dashboard = new SyncDashboard(this, "Dashboard", new SyncDashboard.Props(
                params.stackName(), scheduler, alarms, api, restorePointAlarms, params.freshnessWindow()));

        warnings(params);
        outputs();
    }

    private void warnings(DeployParameters params) {
        if (params.apiUrl().isEmpty() && api.isEmpty()) {
            Annotations.of(this).addWarningV2("dbsync:placeholderApiUrl", "No API URL given: the scheduler will call "
                    + DeployParameters.PLACEHOLDER_API_URL + ". Set -c apiUrl=https://... (or DBSYNC_URL) before deploying,"
                    + " or let the stack host the API with -c hostApi=lambda.");
        }
        if (params.alarmEmail().isEmpty()) {
            Annotations.of(this).addWarningV2("dbsync:noAlarmEmail", "No alarm e-mail given: alarms publish to the topic"
                    + " but nobody is subscribed. Set -c alarmEmail=you@example.com (or DBSYNC_ALARM_EMAIL).");
        }
        if (apiConfig.filter(ApiConfigSecret::createdByStack).isPresent()) {
            Annotations.of(this).addWarningV2("dbsync:emptyApiConfig", "The API's configuration secret is created with"
                    + " empty values: put DATABASE_URL, SOURCE_MONGODB_URI and TARGET_MONGODB_URI in it after the deploy"
                    + " (output ApiConfigSecretId, docs/deploy.md), or pass an existing one with -c apiConfigSecret=...");
        }
    }

    private void outputs() {
        output("SchedulerFunctionName", scheduler.function().getFunctionName(),
                "Invoke it by hand to test: aws lambda invoke --function-name <this> out.json");
        output("SchedulerLogGroup", scheduler.logGroup().getLogGroupName(), null);
        output("PasswordSecretId", password.secretId(), "Holds the scheduler user's password (the value is never in the template)");
        output("AlarmTopicArn", alerts.topic().getTopicArn(), null);
        output("DeadLetterQueueUrl", schedule.deadLetterQueue().getQueueUrl(), null);
        output("ScheduleRuleName", schedule.rule().getRuleName(), null);
        output("SyncFailedAlarmName", alarms.syncFailed().getAlarmName(), null);
        output("FreshnessAlarmName", alarms.syncStale().getAlarmName(), null);
        output("DashboardName", dashboard.dashboard().getDashboardName(), null);
        output("DashboardUrl", "https://console.aws.amazon.com/cloudwatch/home?region=" + Aws.REGION
                + "#dashboards:name=" + dashboard.dashboard().getDashboardName(), null);
        api.ifPresent(a -> {
            output("ApiUrl", a.url(), "The API's function URL (Basic auth in the app): curl -u user <this>health");
            output("ApiFunctionName", a.function().getFunctionName(), null);
            output("ApiLogGroup", a.logGroup().getLogGroupName(), null);
        });
        apiConfig.ifPresent(c -> output("ApiConfigSecretId", c.secretId(),
                "JSON secret with DATABASE_URL, SOURCE_MONGODB_URI, TARGET_MONGODB_URI (the values are never in the template)"));
        snapshotBucket.ifPresent(b -> {
            output("SnapshotBucketName", b.bucket().getBucketName(), null);
            output("SnapshotUri", b.uri(), "The API's SNAPSHOT_URI (set on the Lambda-hosted API already)");
            output("SnapshotWriterPolicyArn", b.writerPolicy().getManagedPolicyArn(),
                    "Attach to the container host's IAM user or role that runs the API");
        });
        restorePointAlarms.ifPresent(r -> {
            output("SnapshotFailedAlarmName", r.snapshotFailed().getAlarmName(), null);
            r.snapshotMissing().ifPresent(m -> output("SnapshotMissingAlarmName", m.getAlarmName(), null));
        });
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder builder = CfnOutput.Builder.create(this, id).value(value);
        if (description != null) {
            builder.description(description);
        }
        builder.build();
    }

    public SchedulerPassword password() {
        return password;
    }

    public SchedulerFunction scheduler() {
        return scheduler;
    }

    public SyncSchedule schedule() {
        return schedule;
    }

    public AlertTopic alerts() {
        return alerts;
    }

    public SyncAlarms alarms() {
        return alarms;
    }

    public Optional<ApiFunction> api() {
        return api;
    }

    public Optional<SnapshotBucket> snapshotBucket() {
        return snapshotBucket;
    }

    public Optional<RestorePointAlarms> restorePointAlarms() {
        return restorePointAlarms;
    }

    public SyncDashboard dashboard() {
        return dashboard;
    }
}
