#!/usr/bin/env bash
# rag-service's benchmark (docs/benchmarks.md, "Documents and search"): a generated 100-page
# PDF indexed end to end against the raw model throughput, search p50/p99 at 1k/10k/100k
# chunks across 100 assistants, recall@3 vector-only/BM25-only/hybrid on a labelled set.
# Runs RagBenchmark in one test JVM on the embedded PostgreSQL and Kafka (about 4 minutes on
# 2 cores, most of it writing the 100k chunks) and prints its BENCH lines.
# Options (environment): BENCH_PAGES (100), BENCH_SIZES (1000,10000,100000), MAVEN_OFFLINE (-o),
# BENCH_JVM_OPTS (extra options of the benchmark's JVM, e.g. --add-modules jdk.incubator.vector).
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/find-jdk.sh
JAVA_HOME=$(find_jdk) || { echo "needs a JDK >= 21" >&2; exit 1; }
export JAVA_HOME
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%FT%TZ), JVM options: ${BENCH_JVM_OPTS:-none}"
echo "uptime: $(uptime)"
output=rag-service/target/surefire-reports/io.vocalhost.rag.index.RagBenchmark-output.txt
rm -f "$output"
# The build sends a test's output to a file (redirectTestOutputToFile), not to the console.
status=0
# The java launcher reads JDK_JAVA_OPTIONS, so the options reach surefire's forked JVM (the
# build's own argLine leaves no room for -DargLine).
if [ -n "${BENCH_JVM_OPTS:-}" ]; then export JDK_JAVA_OPTIONS="$BENCH_JVM_OPTS"; fi
./mvnw -B ${MAVEN_OFFLINE--o} -q test -pl rag-service -am -Dspring-javaformat.skip=true \
  -Dtest=RagBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.pages="${BENCH_PAGES:-100}" -Dbench.sizes="${BENCH_SIZES:-1000,10000,100000}" || status=$?
grep '^BENCH' "$output" 2>/dev/null || echo "no BENCH lines: see rag-service/target/surefire-reports" >&2
echo "uptime: $(uptime)"
exit "$status"
