package io.dbsync.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * Everything dbsync runs on AWS: the scheduler Lambda and its password secret, the schedule that
 * triggers it, and the alarms that tell the team when backups stop being fresh.
 */
public final class DbSyncStack extends Stack {

    private final SchedulerPassword password;
    private final SchedulerFunction scheduler;
    private final SyncSchedule schedule;
    private final AlertTopic alerts;
    private final SyncAlarms alarms;

    public DbSyncStack(Construct scope, String id, StackProps stackProps, DeployParameters params) {
        super(scope, id, stackProps);
        Tags.of(this).add("app", "dbsync");

        this.password = new SchedulerPassword(this, "SchedulerPassword", new SchedulerPassword.Props(
                params.passwordSecret(), params.passwordSecretKmsKeyArn(), params.username()));

        this.scheduler = new SchedulerFunction(this, "Scheduler", new SchedulerFunction.Props(
                params.lambdaJar(),
                params.effectiveApiUrl(),
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

        if (params.apiUrl().isEmpty()) {
            Annotations.of(this).addWarningV2("dbsync:placeholderApiUrl", "No API URL given: the scheduler will call "
                    + DeployParameters.PLACEHOLDER_API_URL + ". Set -c apiUrl=https://... (or DBSYNC_URL) before deploying.");
        }
        if (params.alarmEmail().isEmpty()) {
            Annotations.of(this).addWarningV2("dbsync:noAlarmEmail", "No alarm e-mail given: alarms publish to the topic"
                    + " but nobody is subscribed. Set -c alarmEmail=you@example.com (or DBSYNC_ALARM_EMAIL).");
        }

        CfnOutput.Builder.create(this, "SchedulerFunctionName").value(scheduler.function().getFunctionName())
                .description("Invoke it by hand to test: aws lambda invoke --function-name <this> out.json").build();
        CfnOutput.Builder.create(this, "SchedulerLogGroup").value(scheduler.logGroup().getLogGroupName()).build();
        CfnOutput.Builder.create(this, "PasswordSecretId").value(password.secretId())
                .description("Holds the scheduler user's password (the value is never in the template)").build();
        CfnOutput.Builder.create(this, "AlarmTopicArn").value(alerts.topic().getTopicArn()).build();
        CfnOutput.Builder.create(this, "DeadLetterQueueUrl").value(schedule.deadLetterQueue().getQueueUrl()).build();
        CfnOutput.Builder.create(this, "ScheduleRuleName").value(schedule.rule().getRuleName()).build();
        CfnOutput.Builder.create(this, "SyncFailedAlarmName").value(alarms.syncFailed().getAlarmName()).build();
        CfnOutput.Builder.create(this, "FreshnessAlarmName").value(alarms.syncStale().getAlarmName()).build();
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
}
