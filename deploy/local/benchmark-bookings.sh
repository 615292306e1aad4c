#!/usr/bin/env bash
# Load on the slots and bookings endpoints, through the gateway and directly at booking-service,
# at fixed concurrency with wrk (Debian package `wrk`). Starts its own local stack on a temporary
# data folder with the rate limits raised, signs in on the OIDC stand-in, registers an assistant
# (09:00-17:00 Europe/Berlin, 30 minutes), then measures. Results go to docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/find-jdk.sh
JAVA_HOME=$(find_jdk) || { echo "needs a JDK >= 21" >&2; exit 1; }
command -v wrk > /dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-16}
warmup=${BENCH_WARMUP:-90s}
data=$(mktemp -d)
jar="$data/cookies"
trap 'kill -TERM "$stack" 2>/dev/null; wait "$stack" 2>/dev/null; rm -rf "$data"' EXIT

# Throughput settings: no C1-only JIT, rate limits out of the way, tokens valid for the whole run.
VOCALHOST_DATA_DIR="$data/stack" VOCALHOST_JVM_OPTS="-Xms64m -Xmx256m -XX:+UseSerialGC" \
  GATEWAY_RATE_LIMIT_PER_IP=10000000 GATEWAY_RATE_LIMIT_PER_USER=10000000 AUTH_ACCESS_TOKEN_TTL=60m \
  "$JAVA_HOME/bin/java" -jar deploy/local/target/local-stack.jar > "$data/stack.out" 2>&1 &
stack=$!
until grep -q "VocalHost is up" "$data/stack.out"; do
  kill -0 "$stack" 2>/dev/null || { cat "$data/stack.out"; exit 1; }
  sleep 1
done

gateway=http://localhost:5001
login=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$gateway/api/auth/google/login?callback=http://localhost:3000/")
callback=$(curl -s -o /dev/null -w '%{redirect_url}' -d "username=bench" "$login")
curl -s -c "$jar" -b "$jar" -o /dev/null "$callback"
token=$(awk '$6=="vh_access"{print $7}' "$jar")
xsrf=$(awk '$6=="XSRF-TOKEN"{print $7}' "$jar")
assistant=$(curl -s -b "$jar" -H "X-XSRF-TOKEN: $xsrf" "$gateway/api/register" \
  -F business_name=Bench -F receptionist_name=Ava -F start_time=09:00 -F end_time=17:00 \
  -F booking_duration_minutes=30 -F phone_number=+4930123456 -F voice_type=female -F timezone=Europe/Berlin \
  -F 'available_days={"monday":true,"tuesday":true,"wednesday":true,"thursday":true,"friday":true,"saturday":true,"sunday":true}' \
  | sed -E 's/.*"assistant_id":([0-9]+).*/\1/')
day=$(TZ=Europe/Berlin date -d tomorrow +%F)
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$gateway/api/slots/$assistant?date=$day")" = 200 ]; do sleep 0.5; done

cat > "$data/book.lua" <<LUA
counter = 0
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local offset = counter % 16
  local time = string.format("%02d:%02d", 9 + math.floor(offset / 2), (offset % 2) * 30)
  local body = string.format('{"date":"$day","time":"%s","customer_name":"Race","customer_phone":"+491761%07d"}', time, counter)
  return wrk.format("POST", "/api/bookings/$assistant", nil, body)
end
LUA

# CPU time (user + system, in clock ticks) of the given processes.
ticks() {
  local total=0 pid
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null || echo 0))); done
  echo "$total"
}
postgres_pids() {
  local main
  main=$(pgrep -f "postgres -D $data")
  echo "$main" $(pgrep -P "$main")
}

# One wrk line: requests/s, p50, p99, and the CPU each process spent per request.
run() {
  local label=$1 count=$2
  shift 2
  local gateway0 booking0 postgres0 gateway1 booking1 postgres1 out requests
  gateway0=$(ticks $(pgrep -f gateway-service.jar)) booking0=$(ticks $(pgrep -f booking-service.jar))
  postgres0=$(ticks $(postgres_pids))
  out=$(wrk -t"$((count < 2 ? count : 2))" -c"$count" -d"$duration" --latency -H "Authorization: Bearer $token" "$@")
  gateway1=$(ticks $(pgrep -f gateway-service.jar)) booking1=$(ticks $(pgrep -f booking-service.jar))
  postgres1=$(ticks $(postgres_pids))
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "== $label ($count connections)"
  echo "$out" | grep -E 'Requests/sec|  50%|  99%|Non-2xx|Socket errors'
  echo "   CPU per request (ms): gateway $(cpu_ms $gateway0 $gateway1 "$requests")," \
    "booking $(cpu_ms $booking0 $booking1 "$requests"), PostgreSQL $(cpu_ms $postgres0 $postgres1 "$requests")"
}
cpu_ms() { awk -v t="$(($2 - $1))" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t * 1000 / hz / n}'; }

slots="/api/slots/$assistant?date=$day"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $duration per line after $warmup of warm-up"
# Seven JVMs share two cores: the JIT needs a while before the figures mean anything.
wrk -t2 -c"$connections" -d"$warmup" -H "Authorization: Bearer $token" "$gateway$slots" > /dev/null
wrk -t2 -c"$connections" -d20s -H "Authorization: Bearer $token" "$gateway/api/bookings/$assistant" > /dev/null
run "slots via gateway" "$connections" "$gateway$slots"
run "slots direct" "$connections" "http://localhost:8083$slots"
run "slots via gateway" 1 "$gateway$slots"
run "slots direct" 1 "http://localhost:8083$slots"
run "bookings via gateway" "$connections" "$gateway/api/bookings/$assistant"
run "bookings direct" "$connections" "http://localhost:8083/api/bookings/$assistant"
run "booking race (16 slots, every other request a 409) via gateway" "$connections" -s "$data/book.lua" "$gateway"
echo "bookings created in the race (16 slots): $(curl -s -H "Authorization: Bearer $token" "$gateway/api/bookings/$assistant?start_date=$day&end_date=$day" | grep -o '"customer_name"' | wc -l)"
