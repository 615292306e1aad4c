#!/usr/bin/env bash
# The voice relay's own CPU per frame, without sockets (JMH): the caller's 20 ms frame up, the
# assistant's frame down with its mark, and the floor (the same frames copied by position,
# no JSON). Extra arguments go to JMH (e.g. -f 2 -wi 5). Results go to docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/find-jdk.sh
JAVA_HOME=$(find_jdk) || { echo "needs a JDK >= 21" >&2; exit 1; }
export JAVA_HOME
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
# One reactor build, so that our own modules come from this checkout; the bridge is built last
# and its classpath is the one left in the file.
./mvnw -B -q test-compile dependency:build-classpath -pl voice-bridge-service -am -Dspring-javaformat.skip=true \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
echo "$(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -cp "voice-bridge-service/target/test-classes:voice-bridge-service/target/classes:$(cat "$classpath")" \
  org.openjdk.jmh.Main RelayFrameBenchmark "$@"
