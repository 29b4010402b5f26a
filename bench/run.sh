#!/usr/bin/env bash
# The dbsync copy-engine benchmark. See docs/benchmarks.md.
#
#   ./bench/run.sh [--docs N] [--doc-bytes B]   full run (default 200000 × ~1024 B, plus the 1 GB memory check)
#   ./bench/run.sh --quick                      about a minute: 20000 docs, no memory check, no repetitions
#   ./bench/run.sh --tune [--docs N]            full-sync time over writers {1,2,4} × batch documents {500,1000,2000}
#   ./bench/run.sh --memory-check-only          only the ≥ 1 GB run of the syncing JVM under -Xmx256m
#   ./bench/run.sh --churn [--docs N]           delta runs after 1 % and 10 % churn (change stream and content
#                                               comparison) against full syncs of the same data: churn.json
#
# Other options: --rtt-docs K (docs in the 1 ms round-trip sub-run), --rtt-ms M, --repeat R,
# --warmup-docs W, --memory-bytes X, --memory-xmx 256m, --sync-xmx 1g, --no-memory-check,
# --tune-writers 1,2,4, --tune-batches 500,1000,2000, --wait-idle S (first wait up to S seconds for
# other processes to leave the CPU alone, before each measurement), --retry-noisy N (measure again when
# other processes used the CPU meanwhile), --no-build (reuse the last build).
# Results: bench/results/latest.json (tune.json, memory-check.json); child logs: bench/results/logs/.
set -euo pipefail

cd "$(dirname "$0")/.."

build=true
main=io.dbsync.bench.BenchMain
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --churn) main=io.dbsync.bench.ChurnBench ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "bench: building api and bench (mvn) ..."
  # -DskipITs as well: failsafe in api ran its ITs under -DskipTests alone here.
  mvn -B -ntp -q install -DskipTests -DskipITs -pl api -am
  # clean: a changed api jar does not trigger recompiling bench on its own.
  mvn -B -ntp -q -f bench/pom.xml clean package -DskipTests -DskipITs
fi

mkdir -p bench/results
exec java -Xmx1g -XX:+ExitOnOutOfMemoryError -Dlogback.configurationFile=bench-logback.xml \
  -cp "bench/target/dbsync-bench.jar:bench/target/lib/*" \
  "$main" --results bench/results ${args[@]+"${args[@]}"}
