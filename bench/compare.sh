#!/usr/bin/env bash
# One comparison run: the same chat-bench scenario against the plain baseline (bench/Chat.Baseline: SignalR hub and raw
# WebSocket, in memory) and against Chat.Orleans in the production profile (silo + gateway + MariaDB + Redis), one
# after the other on this machine, each transport in turn. Prints a markdown table (CPU per delivery also as a ratio to
# the baseline's first row) and keeps every JSON result.
#
#   bench/compare.sh [--no-build] [--systems "baseline orleans"] [--transports "msgpack ws"] [--out DIR] -- CHAT-BENCH ARGS
#   bench/compare.sh -- rooms --rooms 50 --members 20 --rate 2000 --duration 20 --warmup 10
#
# Chat.Orleans runs on a private MariaDB + Redis (CHAT_BENCH_MYSQL_PORT 3317, CHAT_BENCH_REDIS_PORT 6390, data in
# .run/bench-infra; started here, stopped at the end), so the CPU of the database and Redis is this bench's alone and
# counted: chat-bench measures exactly the processes started here (--server-pids). The shared servers are not touched.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
build=1 systems="baseline orleans" transports="msgpack ws" out=".run/bench/compare-$(date -u +%Y%m%dT%H%M%S)"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --systems) systems=$2; shift 2 ;;
    --transports) transports=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--no-build] [--systems S] [--transports T] [--out DIR] -- SCENARIO [chat-bench options]" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || set -- rooms --rooms 50 --members 20 --rate 2000 --duration 20 --warmup 10
mkdir -p "$out" .run/logs
ulimit -n "$(ulimit -Hn)"   # both servers and the client hold one descriptor per connection

if [ "$build" = 1 ]; then
  dotnet build Chat.Orleans.sln -c Release -nologo -v q -clp:ErrorsOnly
fi
bench=(dotnet bench/Chat.Bench/bin/Release/net10.0/chat-bench.dll)
server=""
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
stop_infra() {
  for pidfile in .run/bench-infra/mariadb/run/mysqld.pid .run/bench-infra/redis/redis.pid; do
    if [ -f "$pidfile" ]; then
      local pid; pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$pidfile"
    fi
  done
}
trap 'stop_server; stop_infra' EXIT

results=()
for system in $systems; do
  case "$system" in
    baseline)
      url=http://127.0.0.1:3101
      dotnet bench/Chat.Baseline/bin/Release/net10.0/Chat.Baseline.dll --urls "$url" >.run/logs/bench-baseline.log 2>&1 &
      server=$!
      for _ in $(seq 1 120); do curl -s -o /dev/null "$url/" && break; sleep 0.5; done
      pids="baseline:$server" ;;
    orleans)
      url=http://127.0.0.1:3001
      export CHAT_RUN_DIR=$repo/.run/bench-infra CHAT_MYSQL_PORT=${CHAT_BENCH_MYSQL_PORT:-3317} CHAT_REDIS_PORT=${CHAT_BENCH_REDIS_PORT:-6390}
      rm -f .run/bench-server.pids
      bench/run-server.sh --production --no-build >.run/logs/bench-run-server.log 2>&1 &
      server=$!
      for _ in $(seq 1 240); do [ -s .run/bench-server.pids ] && break; sleep 0.5; done
      pids=$(cat .run/bench-server.pids) ;;
    *) echo "unknown system '$system' (baseline, orleans)" >&2; exit 2 ;;
  esac
  echo "== $system ($pids)" >&2
  for transport in $transports; do
    json="$out/$1-$system-$transport.json"
    "${bench[@]}" "$@" --url "$url" --transport "$transport" --label "$system" --server-pids "$pids" --json "$json" >"${json%.json}.txt"
    results+=("$json")
    grep -E "deliveries_per_s|server_cpu_us|send_to_deliver\.p(50|99)_|lost|duplicated" "${json%.json}.txt" >&2 || true
  done
  stop_server
done

[ "$1" = rooms ] || [ "$1" = bigroom ] && "${bench[@]}" summarize "${results[@]}" | tee "$out/summary.md"
echo "results in $out" >&2
