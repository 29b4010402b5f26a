#!/usr/bin/env bash
# The CDK app command (cdk.json "app"): starts io.dbsync.infra.InfraApp with the classpath that
# `mvn package` wrote to target/cdk.classpath, so synth needs no Maven run of its own.
set -euo pipefail
cd "$(dirname "$0")"
# jsii compares the running Node major version against this list (a plain "1" silences nothing).
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-18,20,22,24}"

build_hint="from the repository root: mvn -B -ntp -DskipTests package -pl scheduler-lambda,api,infra -am"
if [[ ! -f target/cdk.classpath || ! -f target/classes/io/dbsync/infra/InfraApp.class ]]; then
  echo "dbsync infra: the CDK app is not built yet; build it $build_hint" >&2
  exit 2
fi
# Maven rewrites every class file when any source changed, but not an unchanged classpath file.
if [[ -n "$(find src/main -newer target/classes/io/dbsync/infra/InfraApp.class -type f -print -quit)" ]]; then
  echo "dbsync infra: warning: sources changed since the last build; rebuild $build_hint" >&2
fi
exec java -cp "target/classes:$(cat target/cdk.classpath)" io.dbsync.infra.InfraApp
