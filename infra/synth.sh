#!/usr/bin/env bash
# Synthesises the infra app with the pinned CDK CLI, offline and without AWS credentials, and
# fails if synthesis (or a cdk-nag check) fails. Expects the reactor to be built already:
#   mvn -B -ntp package (or verify) at the repository root, which builds
#   scheduler-lambda/target/dbsync-scheduler-lambda.jar, api/target/dbsync-api.jar (needed with
#   -c hostApi=lambda) and infra/target/cdk.classpath.
# Extra arguments go to `cdk synth` (e.g. -c apiUrl=https://dbsync.example.org, -c hostApi=lambda).
# SYNTH_SKIP_NPM_CI=1 skips `npm ci` (a second synth in the same run).
set -euo pipefail
cd "$(dirname "$0")"

export CDK_DISABLE_VERSION_CHECK=1
export CDK_DISABLE_CLI_TELEMETRY=true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=18,20,22,24
# Synth must not depend on whoever runs it: no credentials, no profile, no region lookups.
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN CDK_DEFAULT_ACCOUNT CDK_DEFAULT_REGION
export AWS_EC2_METADATA_DISABLED=true

if [[ "${SYNTH_SKIP_NPM_CI:-}" != 1 ]]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
rm -rf cdk.out
start=$(date +%s%N)
npx --no-install cdk synth --no-notices --no-version-reporting --quiet "$@"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

template="cdk.out/DbSync.template.json"
if [[ ! -s "$template" ]]; then
  echo "synth.sh: expected $template after synth, found none" >&2
  exit 1
fi
resources=$(node -e 'console.log(Object.keys(require(process.argv[1]).Resources).length)' "$PWD/$template")
echo "synth.sh: cdk synth ok in ${elapsed_ms} ms (${resources} resources in $template${*:+, with $*})"
