#!/usr/bin/env bash
# Concurrent simulated calls through the voice bridge (issue 11's benchmark): N calls of
# BENCH_SECONDS each at real 20 ms pacing, both ends in one harness process on one clock
# (the Twilio side is the call simulator's MediaStream, the OpenAI side an echoing Realtime
# stand-in), tagged frames. For each N the harness alone (an echo relay in its own process,
# no bridge) runs first as the floor, then the same load through a separately started
# bridge (a reduced local stack: PostgreSQL, Kafka and voice-bridge-service; the free plan's
# concurrent-call cap raised to 1,000, since all calls are one owner's). Prints one
# Markdown row per run; the results go to docs/benchmarks.md by hand.
# BENCH_PROFILE=<folder> also runs BENCH_PROFILE_CALLS (default 100) calls through the bridge
# with async-profiler attached (cpu, then alloc) and sums the bridge's costs by area.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/find-jdk.sh
. deploy/local/async-profiler.sh
JAVA_HOME=$(find_jdk) || { echo "needs a JDK >= 21" >&2; exit 1; }
calls=${BENCH_CALLS:-10 50 100 200}
seconds=${BENCH_SECONDS:-20}
offset=${BENCH_PORT_OFFSET:-400}
realtime_port=$((18600 + offset))
bridge_port=$((8085 + offset))
data=$(mktemp -d)
trap 'kill -TERM "$stack" 2>/dev/null; wait "$stack" 2>/dev/null; rm -rf "$data"' EXIT

# A reduced stack hands the bridge the public URL http://localhost:5001 whatever the offset.
# Production-like JIT (no C1-only); the bridge's own -Xmx384m from the stack applies.
VOCALHOST_DATA_DIR="$data/stack" VOCALHOST_SERVICES=voice-bridge-service VOCALHOST_PORT_OFFSET=$offset \
  VOCALHOST_JVM_OPTS="-Xms32m -Xmx256m -XX:+UseSerialGC -Xss512k" VOCALHOST_AOT_CACHE=false \
  VOCALHOST_ENV_VOICE_BRIDGE_SERVICE="VOICE_CALL_CAP_FREE=1000 OPENAI_API_KEY=sk-bench OPENAI_REALTIME_URL=ws://127.0.0.1:$realtime_port/v1/realtime" \
  "$JAVA_HOME/bin/java" -jar deploy/local/target/local-stack.jar > "$data/stack.out" 2>&1 &
stack=$!
until grep -q "VocalHost is up" "$data/stack.out"; do
  kill -0 "$stack" 2>/dev/null || { cat "$data/stack.out"; exit 1; }
  sleep 1
done
bridge_pid=$(ss -Htlnp "sport = :$bridge_port" | sed -E 's/.*pid=([0-9]+).*/\1/' | head -1)

bench() {
  BENCH_REALTIME_PORT=$realtime_port BENCH_BRIDGE_URL=http://localhost:$bridge_port \
    BENCH_PUBLIC_URL=http://localhost:5001 BENCH_BRIDGE_PID=$bridge_pid \
    TWILIO_AUTH_TOKEN=local-twilio-auth-token KAFKA_BOOTSTRAP_SERVERS=localhost:$((19092 + offset)) \
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m -Dloader.main=io.vocalhost.callsim.bench.VoiceBenchmark \
    -cp deploy/call-simulator/target/call-simulator-exec.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"
}

echo "$(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), bridge pid $bridge_pid"
echo "| run | calls | up p50 / p99 ms | down p50 / p99 ms | lost before session ready | lost after | bridge CPU µs per call per frame | RSS MB | threads | harness cores |"
echo "|---|---|---|---|---|---|---|---|---|---|"
# Warm-up (not reported): JIT of both processes.
bench bridge 10 10 > /dev/null
for n in $calls; do
  bench floor "$n" "$seconds"
  bench bridge "$n" "$seconds"
done
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${BENCH_PROFILE:-}" ]; then
  mkdir -p "$BENCH_PROFILE"
  profiler=$(profiler_library "$data")
  for event in itimer alloc; do
    profiler_start "$profiler" "$bridge_pid" "$event"
    bench bridge "${BENCH_PROFILE_CALLS:-100}" "$seconds" > /dev/null
    profiler_stop "$profiler" "$bridge_pid" "$BENCH_PROFILE/bridge-$event.collapsed"
    profile_summary "$BENCH_PROFILE/bridge-$event.collapsed" \
      "the relay (CallRelay and its JSON)=voicebridge[./]relay" \
      "JSON (all)=jackson" \
      "WebSocket frames (codec)=websocketx|[Ww]ebsocket[A-Z]?[a-z]*(Inbound|Outbound|Session)|WebSocketSession" \
      "Reactor operators=reactor[./]core[./]publisher" \
      "Netty channel pipeline and event loop=io[./]netty[./]channel" \
      "socket reads and writes (kernel)=sys_write|sys_read|__write|__read|writev|readv|send|recv|tcp_" \
      "epoll waits and wake-ups=epoll" \
      "metrics=micrometer" \
      "Kafka clients=apache[./]kafka" \
      "JDBC and the pool=postgresql|hikari|springframework[./]jdbc" \
      "logging=logback|slf4j" \
      "JIT compiler=CompileBroker|C2Compiler|Compiler::" \
      "GC=GCTask|SerialHeap|DefNewGeneration|TenuredGeneration|VM_GC|GenCollect" > "$BENCH_PROFILE/bridge-$event.txt"
    echo "== profile bridge-$event: $BENCH_PROFILE/bridge-$event.txt"
    cat "$BENCH_PROFILE/bridge-$event.txt"
  done
fi
