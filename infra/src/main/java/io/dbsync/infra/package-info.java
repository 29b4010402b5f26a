/**
 * The dbsync AWS CDK app: the scheduler Lambda, the EventBridge schedule that triggers it, its
 * log group, metric filters, alarms and dashboard, the SNS topic that e-mails the team, and
 * optionally the API itself on Lambda and the restore-point bucket.
 *
 * <p>{@link io.dbsync.infra.InfraApp} reads {@link io.dbsync.infra.DeployParameters} and builds one
 * {@link io.dbsync.infra.DbSyncStack}, which is composed of small named constructs, each with a
 * props record: {@link io.dbsync.infra.SchedulerPassword}, {@link io.dbsync.infra.SchedulerFunction},
 * {@link io.dbsync.infra.SyncSchedule}, {@link io.dbsync.infra.AlertTopic},
 * {@link io.dbsync.infra.SyncAlarms}, {@link io.dbsync.infra.SyncDashboard},
 * {@link io.dbsync.infra.ApiConfigSecret} and {@link io.dbsync.infra.ApiFunction} ({@code hostApi=lambda}),
 * {@link io.dbsync.infra.SnapshotBucket} and {@link io.dbsync.infra.RestorePointAlarms} ({@code snapshots=true}).
 */
package io.dbsync.infra;
