#!/usr/bin/env bash
# Measures the local stack as docs/benchmarks.md reports it: cold start (empty data folder),
# warm start (the data kept from the cold start) and each service's idle RSS. Run it after
# `./vocalhost up` has built the jars once, with no other stack running.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/find-jdk.sh
JAVA_HOME=$(find_jdk) || { echo "needs a JDK >= 21" >&2; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

run_once() {
  local label=$1 out="$data/launcher-$1.out" started pid
  started=$(date +%s.%N)
  VOCALHOST_DATA_DIR="$data/stack" "$JAVA_HOME/bin/java" -jar deploy/local/target/local-stack.jar > "$out" 2>&1 &
  pid=$!
  until grep -q "VocalHost is up" "$out"; do
    kill -0 "$pid" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.2
  done
  printf '%s start: %.1f s (all services ready)\n' "$label" "$(echo "$(date +%s.%N) - $started" | bc)"
  if [ "$label" = warm ]; then
    sleep 30  # let start-up work settle before reading idle memory
    for service in $(pgrep -f -- '-jar .*-service.jar'); do
      printf '  %-22s %4d MiB RSS\n' "$(ps -o args= -p "$service" | grep -o '[a-z-]*-service.jar' | sed 's/.jar//')" \
        "$(( $(ps -o rss= -p "$service") / 1024 ))"
    done
  fi
  started=$(date +%s.%N)
  kill -TERM "$pid"; wait "$pid" || true
  printf '%s stop: %.1f s\n' "$label" "$(echo "$(date +%s.%N) - $started" | bc)"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
run_once cold
run_once warm
