#!/usr/bin/env bash
# Start-up and first-traffic cost of published builds, e.g. ReadyToRun against JIT-only (issue #16). Each DIR holds
# `dotnet publish` output in DIR/silo and DIR/gateway. For N rounds, alternating between the DIRs, a fresh server in the
# embedded default (bench/run-server.sh --publish-dir DIR: no database, the bench's settings), then:
#   - time from process start to ready (silo /health/ready, gateway /health) and the CPU each used until then (/proc)
#   - a short rooms bench right after ready (chat-bench --server-pids: exactly these two processes): send→ack and
#     send→deliver p50/p99, server CPU per delivery
#   - the JIT's work, from the runtime's meter on /metrics (dotnet.jit.compiled_methods, dotnet.jit.compilation.time):
#     methods compiled until ready and during the bench, and JIT time over the CPU time /proc counted meanwhile
#   - the size of each publish folder
#
#   bench/startup.sh [--rounds 2] [--out DIR] PUBLISH_DIR... [-- CHAT-BENCH ARGS]
#   bench/startup.sh /tmp/r2r/jit /tmp/r2r/r2r
#
# Default bench: rooms --rooms 10 --members 20 --rate 200 --duration 15 --warmup 5 --transport msgpack. The server
# uses ports 8080/3001/30000/11111 like bench/compare.sh's: this waits while compare.sh runs or any of them is taken.
# Prints a markdown table (also $out/startup.md); chat-bench output and server logs stay in $out.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
rounds=2 out=".run/bench/startup-$(date -u +%Y%m%dT%H%M%S)" dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "usage: $0 [--rounds N] [--out DIR] PUBLISH_DIR... [-- CHAT-BENCH ARGS]" >&2; exit 2 ;;
    *) [ -f "$1/silo/Silo.dll" ] && [ -f "$1/gateway/Gateway.dll" ] || { echo "$1 lacks silo/Silo.dll or gateway/Gateway.dll" >&2; exit 2; }
       dirs+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
[ ${#dirs[@]} -gt 0 ] || { echo "usage: $0 [--rounds N] [--out DIR] PUBLISH_DIR... [-- CHAT-BENCH ARGS]" >&2; exit 2; }
[ $# -gt 0 ] || set -- rooms --rooms 10 --members 20 --rate 200 --duration 15 --warmup 5 --transport msgpack
bench=(dotnet "$repo/bench/Chat.Bench/bin/Release/net10.0/chat-bench.dll")
[ -f "${bench[1]}" ] || dotnet build bench/Chat.Bench -c Release -nologo -v q -clp:ErrorsOnly
mkdir -p "$out"

server=""
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap stop_server EXIT

wait_for_quiet_machine() {
  while pgrep -f bench/compare.sh >/dev/null || ss -Hltn | grep -Eq ':(8080|3001|30000|11111)\b'; do
    echo "waiting: bench/compare.sh is running or a server port (8080/3001/30000/11111) is taken" >&2
    sleep 15
  done
}
# cpu_s PID: CPU seconds (user + system) the process has used.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.3f", ($12 + $13) / hz }' "/proc/$1/stat"; }
# jit PORT: "methods seconds": what the runtime's meter says the JIT compiled so far and the time it took (/metrics).
jit() {
  curl -fsS "http://127.0.0.1:$1/metrics" | awk '
    /^dotnet_jit_compiled_methods(_total)?[ {]/ { methods = $NF }
    /^dotnet_jit_compilation_time_seconds(_total)?[ {]/ { seconds = $NF }
    END { print methods, seconds }'
}
# calc FORMAT EXPR: awk arithmetic; n/a when a value is missing.
calc() { awk "BEGIN { printf \"$1\", $2 }" 2>/dev/null || echo n/a; }
field() { awk -v key="$1" '$1 == key { gsub(",", "", $2); print $2 }' "$2"; }
mib() { calc %.1f "$(du -sb "$1" | cut -f1) / 1048576"; }
share() { if [ "$(calc %.3f "$2")" = 0.000 ]; then echo n/a; else calc "%.0f %%" "100 * ($1) / ($2)"; fi; }

# Pairs are silo / gateway. "JIT time ÷ CPU" is the meter's JIT time (wall clock, while compiling: it includes time a
# compiling thread waited for a core) over the CPU time the process used during the bench: an upper bound.
header="| build | round | start → ready s | CPU s until ready | methods jitted until ready | methods jitted in bench | JIT time ÷ CPU in bench | send→ack p50 / p99 ms | send→deliver p50 / p99 ms | server CPU-µs/delivery | publish MiB |"
rows=()
for round in $(seq 1 "$rounds"); do
  for dir in "${dirs[@]}"; do
    name=$(basename "$dir")
    wait_for_quiet_machine
    rm -f .run/bench-server.pids .run/bench-server.startup
    bench/run-server.sh --publish-dir "$dir" >"$out/run-server-$name-$round.log" 2>&1 &
    server=$!
    for _ in $(seq 1 300); do [ -s .run/bench-server.pids ] && break; sleep 0.5; done
    pids=$(cat .run/bench-server.pids)
    silo_ready_ms="" silo_cpu_ms="" gateway_ready_ms="" gateway_cpu_ms=""
    # shellcheck disable=SC2046   # the file is NAME=NUMBER pairs written by run-server.sh
    declare $(cat .run/bench-server.startup)
    silo_pid=${pids#silo:} silo_pid=${silo_pid%%,*} gateway_pid=${pids##*gateway:}
    read -r silo_m0 silo_j0 <<<"$(jit 8080)"; read -r gateway_m0 gateway_j0 <<<"$(jit 3001)"
    silo_c0=$(cpu_s "$silo_pid") gateway_c0=$(cpu_s "$gateway_pid")
    txt="$out/$name-$round.txt"
    "${bench[@]}" "$@" --url http://127.0.0.1:3001 --label "$name" --server-pids "$pids" --json "${txt%.txt}.json" >"$txt" || echo "chat-bench failed: $txt" >&2
    read -r silo_m1 silo_j1 <<<"$(jit 8080)"; read -r gateway_m1 gateway_j1 <<<"$(jit 3001)"
    silo_c1=$(cpu_s "$silo_pid") gateway_c1=$(cpu_s "$gateway_pid")
    stop_server
    for host in silo gateway; do cp ".run/logs/bench-$host.log" "$out/$host-$name-$round.log" 2>/dev/null || true; done
    rows+=("| $name | $round | $(calc %.2f "$silo_ready_ms / 1000") / $(calc %.2f "$gateway_ready_ms / 1000") \
| $(calc %.2f "$silo_cpu_ms / 1000") / $(calc %.2f "$gateway_cpu_ms / 1000") | $(calc %d "$silo_m0") / $(calc %d "$gateway_m0") \
| $(calc %d "$silo_m1 - $silo_m0") / $(calc %d "$gateway_m1 - $gateway_m0") \
| $(share "$silo_j1 - $silo_j0" "$silo_c1 - $silo_c0") / $(share "$gateway_j1 - $gateway_j0" "$gateway_c1 - $gateway_c0") \
| $(calc %.1f "$(field send_to_ack.p50_ms "$txt")") / $(calc %.1f "$(field send_to_ack.p99_ms "$txt")") \
| $(calc %.1f "$(field send_to_deliver.p50_ms "$txt")") / $(calc %.1f "$(field send_to_deliver.p99_ms "$txt")") \
| $(calc %.1f "$(field server_cpu_us_per_delivery "$txt")") | $(mib "$dir/silo") / $(mib "$dir/gateway") |")
    echo "${rows[-1]}" >&2
  done
done
{ echo "$header"; echo "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |"; printf '%s\n' "${rows[@]}"; } | tee "$out/startup.md"
echo "results in $out" >&2
