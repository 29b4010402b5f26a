/**
 * The dbsync AWS CDK app: the scheduler Lambda, the EventBridge schedule that triggers it, its
 * log group, metric filter and alarms, and the SNS topic that e-mails the team.
 *
 * <p>{@link io.dbsync.infra.InfraApp} reads {@link io.dbsync.infra.DeployParameters} and builds one
 * {@link io.dbsync.infra.DbSyncStack}, which is composed of small named constructs, each with a
 * props record: {@link io.dbsync.infra.SchedulerPassword}, {@link io.dbsync.infra.SchedulerFunction},
 * {@link io.dbsync.infra.SyncSchedule}, {@link io.dbsync.infra.AlertTopic} and
 * {@link io.dbsync.infra.SyncAlarms}.
 */
package io.dbsync.infra;
