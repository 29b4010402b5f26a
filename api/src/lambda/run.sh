#!/bin/sh
# Start script of the Lambda-hosted API (infra: -c hostApi=lambda). The AWS Lambda Web Adapter
# layer runs it (AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap execs "$LAMBDA_TASK_ROOT/$_HANDLER"),
# waits until GET /health answers on $PORT, then forwards each function URL request to it.
# The JVM is started here rather than by the Java runtime, so its heap would default to a quarter
# of the function's memory: give it most of it, and exit (Lambda restarts) rather than limp on
# after an OutOfMemoryError.
exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError \
  -jar "$(dirname "$0")/dbsync-api.jar" serve
