#!/usr/bin/env bash
# Start-up time and idle RSS of single service jars, side by side, as docs/benchmarks.md reports
# them: PostgreSQL and Kafka from deploy/infra on free ports, then each jar in turn (alternating,
# BENCH_ROUNDS times) with the local stack's JVM options. Every start gets an empty database, so
# each does the same Flyway work. Run after a build (`./vocalhost up` or `./mvnw package`):
#   deploy/local/benchmark-service-start.sh before=/tmp/old/booking-service.jar after=booking-service/target/booking-service.jar
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/find-jdk.sh
JAVA_HOME=$(find_jdk) || { echo "needs a JDK >= 21" >&2; exit 1; }
[ $# -gt 0 ] || { echo "usage: $0 label=service.jar ..." >&2; exit 2; }
rounds=${BENCH_ROUNDS:-3}
idle=${BENCH_IDLE_SECONDS:-20}
work=$(mktemp -d)
infra=
cleanup() {
  if [ -n "$infra" ]; then kill -TERM "$infra" 2>/dev/null; wait "$infra" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

./mvnw -B -q dependency:build-classpath -pl deploy/infra -Dmdep.outputFile="$work/classpath" > /dev/null
cat > "$work/BenchInfra.java" <<'JAVA'
import io.vocalhost.infra.LocalKafka;
import io.vocalhost.infra.LocalPostgres;

public class BenchInfra {
	public static void main(String[] args) throws InterruptedException {
		LocalPostgres postgres = LocalPostgres.start(null, 0);
		LocalKafka kafka = LocalKafka.start(null, 0);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> { kafka.close(); postgres.close(); }));
		for (String database : args) {
			postgres.createDatabaseIfMissing(database);
		}
		System.out.println("READY " + postgres.port() + " " + kafka.bootstrapServers());
		Thread.currentThread().join();
	}
}
JAVA
: > "$work/infra.out"
databases=()
for ((round = 1; round <= rounds; round++)); do
  for ((jar = 1; jar <= $#; jar++)); do databases+=("bench_${round}_${jar}"); done
done
"$JAVA_HOME/bin/java" -cp "deploy/infra/target/classes:$(cat "$work/classpath")" "$work/BenchInfra.java" \
  "${databases[@]}" > "$work/infra.out" 2>&1 &
infra=$!
until grep -q '^READY' "$work/infra.out"; do
  kill -0 "$infra" 2>/dev/null || { cat "$work/infra.out"; exit 1; }
  sleep 0.5
done
read -r _ postgres_port kafka_servers < <(grep '^READY' "$work/infra.out")

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "label start_s rss_mib"
for ((round = 1; round <= rounds; round++)); do
  index=0
  for spec in "$@"; do
    index=$((index + 1))
    label=${spec%%=*} jarfile=${spec#*=} log="$work/$label-$round.log"
    : > "$log"
    SERVER_PORT=0 DB_URL="jdbc:postgresql://localhost:$postgres_port/bench_${round}_${index}" DB_USERNAME=postgres \
      DB_PASSWORD= KAFKA_BOOTSTRAP_SERVERS="$kafka_servers" SHUTDOWN_TIMEOUT=5s \
      "$JAVA_HOME/bin/java" -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k \
      --enable-native-access=ALL-UNNAMED -jar "$jarfile" > "$log" 2>&1 &
    service=$!
    until grep -q 'Started .* (process running for' "$log"; do
      kill -0 "$service" 2>/dev/null || { tail -50 "$log"; exit 1; }
      sleep 0.2
    done
    sleep "$idle"  # let start-up work settle before reading idle memory
    printf '%s %s %d\n' "$label" "$(grep -o 'process running for [0-9.]*' "$log" | awk '{print $4}')" \
      "$(( $(awk '/VmRSS/ {print $2}' "/proc/$service/status") / 1024 ))"
    kill -TERM "$service"; wait "$service" || true
  done
done
