#!/usr/bin/env bash
# One comparison run: the same chat-bench scenario against the plain baseline (bench/Chat.Baseline: SignalR hub and raw
# WebSocket, in memory) and against Chat.Orleans in the production profile (silo + gateway + MariaDB + Redis), one
# after the other on this machine, each transport in turn. Prints a markdown table (CPU per delivery also as a ratio to
# the baseline's first row) and keeps every JSON result.
#
#   bench/compare.sh [--no-build] [--systems "baseline orleans"] [--transports "msgpack ws"] [--out DIR]
#                    [--variant-env "NAME=VALUE ..."] [--variant-repo DIR] -- CHAT-BENCH ARGS
#   bench/compare.sh -- rooms --rooms 50 --members 20 --rate 2000 --duration 20 --warmup 10
#
# Chat.Orleans runs on a private MariaDB + Redis (CHAT_BENCH_MYSQL_PORT 3317, CHAT_BENCH_REDIS_PORT 6390, data in
# .run/bench-infra; started here, stopped at the end), so the CPU of the database and Redis is this bench's alone and
# counted: chat-bench measures exactly the processes started here (--server-pids). The shared servers are not touched.
# System `orleans-variant` is Chat.Orleans again with --variant-env set for its silo and gateway (runtime knobs such as
# DOTNET_TieredPGO=0 or options such as Chat__Streams__Queues=2): an experiment measured beside the default in one run.
# With --variant-repo DIR, `orleans-variant` runs the (already built, Release) silo and gateway of another checkout
# instead, e.g. a worktree at an older commit: a before/after of two builds in one run. List the older build first
# (--systems "baseline orleans-variant orleans"), so the shared bench database is migrated forwards only.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
build=1 systems="baseline orleans" transports="msgpack ws" out=".run/bench/compare-$(date -u +%Y%m%dT%H%M%S)" variant_env="" variant_repo=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --systems) systems=$2; shift 2 ;;
    --transports) transports=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --variant-env) variant_env=$2; shift 2 ;;
    --variant-repo) variant_repo=$(cd "$2" && pwd); shift 2 ;;
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
    orleans|orleans-variant)
      url=http://127.0.0.1:3001
      export CHAT_RUN_DIR=$repo/.run/bench-infra CHAT_MYSQL_PORT=${CHAT_BENCH_MYSQL_PORT:-3317} CHAT_REDIS_PORT=${CHAT_BENCH_REDIS_PORT:-6390}
      server_repo=$repo
      extra_env=()
      if [ "$system" = orleans-variant ]; then
        read -r -a extra_env <<<"$variant_env"
        server_repo=${variant_repo:-$repo}
      fi
      rm -f "$server_repo/.run/bench-server.pids"
      env "${extra_env[@]}" "$server_repo/bench/run-server.sh" --production --no-build >".run/logs/bench-run-server-$system.log" 2>&1 &
      server=$!
      for _ in $(seq 1 240); do [ -s "$server_repo/.run/bench-server.pids" ] && break; sleep 0.5; done
      pids=$(cat "$server_repo/.run/bench-server.pids") ;;
    *) echo "unknown system '$system' (baseline, orleans, orleans-variant)" >&2; exit 2 ;;
  esac
  echo "== $system ($pids)" >&2
  for transport in $transports; do
    json="$out/$1-$system-$transport.json"
    if ! "${bench[@]}" "$@" --url "$url" --transport "$transport" --label "$system" --server-pids "$pids" --json "$json" >"${json%.json}.txt"; then
      echo "chat-bench failed for $system/$transport (see ${json%.json}.txt)" >&2
      continue
    fi
    results+=("$json")
    grep -E "deliveries_per_s|server_cpu_us|send_to_deliver\.p(50|99)_|lost|duplicated" "${json%.json}.txt" >&2 || true
  done
  stop_server
done

[ "$1" = rooms ] || [ "$1" = bigroom ] && "${bench[@]}" summarize "${results[@]}" | tee "$out/summary.md"
echo "results in $out" >&2
