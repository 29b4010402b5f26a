/**
 * The scheduled trigger of dbsync: an AWS Lambda handler (and the same thing as a command line
 * program) that starts a sync over HTTP, follows the run to its end, and reports the outcome as one
 * JSON summary line, one CloudWatch Embedded Metric Format line and, when the run attempted a
 * restore-point snapshot, one snapshot line.
 *
 * <p>Entry points: {@link io.dbsync.scheduler.SyncTriggerHandler} (Lambda) and
 * {@link io.dbsync.scheduler.Main} (command line). {@link io.dbsync.scheduler.InvocationReport}
 * and {@link io.dbsync.scheduler.SnapshotOutcome} are public because the infrastructure tests run
 * the CloudWatch metric filters over their real lines. Everything else is package-private. The jar
 * depends on {@code aws-lambda-java-core} and the JDK only: HTTP is {@code java.net.http}, JSON is
 * the small strict reader and writer in {@code io.dbsync.scheduler.json}.
 */
package io.dbsync.scheduler;
