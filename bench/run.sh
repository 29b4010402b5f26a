#!/usr/bin/env bash
# The dbsync copy-engine benchmark. See docs/benchmarks.md.
#
#   ./bench/run.sh [--docs N] [--doc-bytes B]   full run (default 200000 × ~1024 B, plus the 1 GB memory check)
#   ./bench/run.sh --quick                      a few minutes: 20000 docs, the 20 ms round-trip runs, no memory check
#   ./bench/run.sh --tune [--docs N]            full-sync time over writers {1,2,4} × batch documents {500,1000,2000}
#   ./bench/run.sh --memory-check-only          only the ≥ 1 GB run of the syncing JVM under -Xmx256m, with its restore
#                                               point, and `dbsync restore` of that under the same heap
#   ./bench/run.sh --churn [--docs N]           delta runs after 1 % and 10 % churn (change stream and content
#                                               comparison) against full syncs of the same data: churn.json
#   ./bench/run.sh --anchor-only --mongo-tools DIR   only the mongodump | mongorestore anchor: anchor.json
#   ./bench/run.sh --profile atlas-m0 [--quota-mb N] [--ops-per-second N] [--fill 0.6] [--churn-share 0.01]
#                                               a 60 %-of-quota bootstrap, a full run and a 1 % delta onto an
#                                               Atlas M0-profiled standby: atlas-m0.json
#   ./bench/run.sh --restore-points [--docs N]  full runs without / with a restore point (gzip, gzip-fast), alternating,
#                                               and `dbsync restore` of it into an empty database (with --mongo-tools:
#                                               mongorestore of the same archive too): restore-points.json
#
# Other options: --mongo-tools DIR (mongodump/mongorestore built by hand; adds the tools anchor to a full or
# quick run), --tools-docs N (100000), --tools-pairs N (3), --rtt-docs K (docs in the round-trip sub-run),
# --rtt-ms M (1; --quick: 20), --repeat R, --warmup-docs W, --memory-bytes X, --memory-xmx 256m, --sync-xmx 1g,
# --no-memory-check, --tune-writers 1,2,4, --tune-batches 500,1000,2000, --wait-idle S (first wait up to S
# seconds for other processes to leave the CPU alone, before each measurement), --retry-noisy N (measure
# again when other processes used the CPU meanwhile), --no-build (reuse the last build).
# Results: bench/results/latest.json (tune.json, memory-check.json, anchor.json, atlas-m0.json, restore-points.json); child logs:
# bench/results/logs/.
set -euo pipefail

cd "$(dirname "$0")/.."

build=true
main=io.dbsync.bench.BenchMain
args=()
profile=false
for arg in "$@"; do
  if $profile; then
    profile=false
    args+=("$arg")
    continue
  fi
  case "$arg" in
    --no-build) build=false ;;
    --churn) main=io.dbsync.bench.ChurnBench ;;
    --profile) main=io.dbsync.bench.AtlasBench; profile=true; args+=("$arg") ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "bench: building testkit, api and bench (mvn, in this checkout's reactor; nothing is installed) ..."
  # bench alone is cleaned: a changed api does not always make the compiler recompile bench on its own.
  mvn -B -ntp -q -pl bench clean
  mvn -B -ntp -q -pl bench -am package -DskipTests -DskipITs
fi

mkdir -p bench/results
exec java -Xmx1g -XX:+ExitOnOutOfMemoryError -Dlogback.configurationFile=bench-logback.xml \
  -cp "bench/target/dbsync-bench.jar:bench/target/lib/*" \
  "$main" --results bench/results ${args[@]+"${args[@]}"}
