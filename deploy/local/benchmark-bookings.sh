#!/usr/bin/env bash
# Load on the slots and bookings endpoints, through the gateway and directly at booking-service,
# at fixed concurrency with wrk (Debian package `wrk`). Starts its own local stack on a temporary
# data folder with the rate limits raised, signs in on the OIDC stand-in, registers an assistant
# (09:00-17:00 Europe/Berlin, 30 minutes), then measures. Results go to docs/benchmarks.md by hand.
# Beside the stack runs a bare Spring Cloud Gateway (BareGatewayMain from the gateway's test classes:
# the starter alone, one route to booking-service, the same JVM options), the floor ours is compared
# with; the two take turns (ours, floor, ours, floor) so both see the same load on a shared machine.
# BENCH_PROFILE=<folder> also profiles our gateway (cpu, alloc) and the floor (cpu) with
# async-profiler from the Maven repository, one more slots line each, and sums the costs by area.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/find-jdk.sh
. deploy/local/async-profiler.sh
JAVA_HOME=$(find_jdk) || { echo "needs a JDK >= 21" >&2; exit 1; }
command -v wrk > /dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
[ -d gateway-service/target/test-classes/io/vocalhost/benchmark ] \
  || { echo "needs the gateway's test classes (./mvnw package -DskipTests)" >&2; exit 1; }
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-16}
warmup=${BENCH_WARMUP:-90s}
data=$(mktemp -d)
jar="$data/cookies"
floor=
trap 'kill -TERM $floor "$stack" 2>/dev/null; wait $floor "$stack" 2>/dev/null; rm -rf "$data"' EXIT

# Throughput settings: no C1-only JIT, rate limits out of the way, tokens valid for the whole run.
jvm_opts="-Xms64m -Xmx256m -XX:+UseSerialGC"
# No AOT cache training either: its extra JVMs would run during the measurements.
VOCALHOST_DATA_DIR="$data/stack" VOCALHOST_JVM_OPTS="$jvm_opts" VOCALHOST_AOT_CACHE=false \
  GATEWAY_RATE_LIMIT_PER_IP=10000000 GATEWAY_RATE_LIMIT_PER_USER=10000000 AUTH_ACCESS_TOKEN_TTL=60m \
  "$JAVA_HOME/bin/java" -jar deploy/local/target/local-stack.jar > "$data/stack.out" 2>&1 &
stack=$!
until grep -q "VocalHost is up" "$data/stack.out"; do
  kill -0 "$stack" 2>/dev/null || { cat "$data/stack.out"; exit 1; }
  sleep 1
done

# shellcheck disable=SC2086 # the options are words
"$JAVA_HOME/bin/java" $jvm_opts -cp gateway-service/target/gateway-service.jar \
  -Dloader.path=gateway-service/target/test-classes -Dloader.main=io.vocalhost.benchmark.BareGatewayMain \
  org.springframework.boot.loader.launch.PropertiesLauncher > "$data/floor.out" 2>&1 &
floor=$!
until grep -q "Started BareGatewayMain" "$data/floor.out"; do
  kill -0 "$floor" 2>/dev/null || { cat "$data/floor.out"; exit 1; }
  sleep 1
done

gateway=http://localhost:5001
floor_url=http://localhost:5099
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

# The process listening on a port (the floor's command line names the gateway's jar too).
port_pid() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

# One wrk line: requests/s, p50, p99, and the CPU each process spent per request; the edge's
# figures (the gateway's, or the floor's) also go to $data/results for the summary.
run() {
  local label=$1 count=$2
  shift 2
  local gateway0 floor0 booking0 postgres0 gateway1 floor1 booking1 postgres1 out requests edge
  gateway0=$(ticks $(port_pid 5001)) floor0=$(ticks $floor) booking0=$(ticks $(port_pid 8083))
  postgres0=$(ticks $(postgres_pids))
  out=$(wrk -t"$((count < 2 ? count : 2))" -c"$count" -d"$duration" --latency -H "Authorization: Bearer $token" "$@")
  gateway1=$(ticks $(port_pid 5001)) floor1=$(ticks $floor) booking1=$(ticks $(port_pid 8083))
  postgres1=$(ticks $(postgres_pids))
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "== $label ($count connections)"
  echo "$out" | grep -E 'Requests/sec|  50%|  99%|Non-2xx|Socket errors'
  echo "   CPU per request (ms): gateway $(cpu_ms $gateway0 $gateway1 "$requests")," \
    "floor $(cpu_ms $floor0 $floor1 "$requests"), booking $(cpu_ms $booking0 $booking1 "$requests")," \
    "PostgreSQL $(cpu_ms $postgres0 $postgres1 "$requests")"
  case $label in
    *floor*) edge=$(cpu_ms $floor0 $floor1 "$requests") ;;
    *) edge=$(cpu_ms $gateway0 $gateway1 "$requests") ;;
  esac
  echo "$out" | awk -v key="${label%% *} $count" -v edge="$edge" '
    function ms(v) { return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v * 1000 }
    / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
    END { print key, rps, p50, p99, edge }' >> "$data/results"
}
cpu_ms() { awk -v t="$(($2 - $1))" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t * 1000 / hz / n}'; }

# Ours and the floor side by side: the mean of their two rounds, and ours over the floor.
summary() {
  echo "== slots: ours / floor (mean of two rounds; the machine is shared, compare within this run)"
  awk '{ n[$1" "$2]++; rps[$1" "$2] += $3; p50[$1" "$2] += $4; p99[$1" "$2] += $5; cpu[$1" "$2] += $6 }
    END {
      printf "%-11s %-22s %-26s %-26s %s\n", "connections", "requests/s", "p50 ms", "p99 ms", "edge CPU ms/request"
      for (k in n) if (k ~ /^ours:/) {
        split(k, part, " "); f = "floor: " part[2]; d = "direct: " part[2]
        o1 = rps[k] / n[k]; f1 = rps[f] / n[f]; o2 = p50[k] / n[k]; f2 = p50[f] / n[f]
        o3 = p99[k] / n[k]; f3 = p99[f] / n[f]; o4 = cpu[k] / n[k]; f4 = cpu[f] / n[f]
        printf "%-11s %-22s %-26s %-26s %s\n", part[2],
          sprintf("%.0f / %.0f (%.2f)", o1, f1, o1 / f1), sprintf("%.2f / %.2f (%.2f)", o2, f2, o2 / f2),
          sprintf("%.2f / %.2f (%.2f)", o3, f3, o3 / f3), sprintf("%.3f / %.3f (%.2f)", o4, f4, o4 / f4)
        printf "%-11s direct at booking-service: %.0f requests/s, p50 %.2f ms, p99 %.2f ms\n", "",
          rps[d] / n[d], p50[d] / n[d], p99[d] / n[d]
      }
    }' "$data/results"
}

# One slots line at 16 connections with async-profiler attached; stacks folded into
# <name>.collapsed, and <name>.txt sums the samples by area and lists the hottest leaf frames.
profile() {
  local pid=$1 name=$2 event=$3 url=$4
  profiler_start "$profiler" "$pid" "$event"
  wrk -t2 -c"$connections" -d"$duration" -H "Authorization: Bearer $token" "$url" > /dev/null
  profiler_stop "$profiler" "$pid" "$BENCH_PROFILE/$name.collapsed"
  profile_summary "$BENCH_PROFILE/$name.collapsed" \
    "token check=AccessToken|[Jj]wt|nimbus|jose" \
    "cookies, session refresh=SessionRefresh|ResponseCookieParser|[Cc]ookie" \
    "CSRF=[Cc]srf" \
    "rate limiting=RateLimit|TokenBuckets" \
    "CORS=[Cc]ors" \
    "Spring Security chain=springframework[./]security" \
    "metrics, observations=micrometer|[Oo]bservation" \
    "tracing=tracing|opentelemetry" \
    "routing (predicates, route lookup)=RoutePredicateHandlerMapping|[Pp]redicate|PathPattern" \
    "gateway filters (all)=FilteringWebHandler" \
    "Netty client and pool=NettyRoutingFilter|reactor[./]netty[./]http[./]client|reactor[./]netty[./]resources" \
    "logging=logback|slf4j|[Ll]ogger" \
    "JIT compiler=CompileBroker|C2Compiler|Compiler::" \
    "GC=GCTask|SerialHeap|DefNewGeneration|TenuredGeneration|VM_GC|GenCollect" > "$BENCH_PROFILE/$name.txt"
  echo "== profile $name: $BENCH_PROFILE/$name.txt"
  cat "$BENCH_PROFILE/$name.txt"
}

slots="/api/slots/$assistant?date=$day"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $duration per line after $warmup of warm-up"
# Seven JVMs share two cores: the JIT needs a while before the figures mean anything.
wrk -t2 -c"$connections" -d"$warmup" -H "Authorization: Bearer $token" "$gateway$slots" > /dev/null
wrk -t2 -c"$connections" -d20s -H "Authorization: Bearer $token" "$gateway/api/bookings/$assistant" > /dev/null
wrk -t2 -c"$connections" -d"$warmup" -H "Authorization: Bearer $token" "$floor_url$slots" > /dev/null
for count in "$connections" 1; do
  for round in 1 2; do
    run "ours: slots via gateway, round $round" "$count" "$gateway$slots"
    run "floor: slots via the bare gateway, round $round" "$count" "$floor_url$slots"
  done
  run "direct: slots at booking-service" "$count" "http://localhost:8083$slots"
done
summary
if [ -n "${BENCH_PROFILE:-}" ]; then
  mkdir -p "$BENCH_PROFILE"
  profiler=$(profiler_library "$data")
  profile "$(port_pid 5001)" gateway-cpu itimer "$gateway$slots"
  profile "$(port_pid 5001)" gateway-alloc alloc "$gateway$slots"
  profile "$floor" floor-cpu itimer "$floor_url$slots"
fi
run "bookings via gateway" "$connections" "$gateway/api/bookings/$assistant"
run "bookings direct" "$connections" "http://localhost:8083/api/bookings/$assistant"
run "booking race (16 slots, every other request a 409) via gateway" "$connections" -s "$data/book.lua" "$gateway"
echo "bookings created in the race (16 slots): $(curl -s -H "Authorization: Bearer $token" "$gateway/api/bookings/$assistant?start_date=$day&end_date=$day" | grep -o '"customer_name"' | wc -l)"
