#!/usr/bin/env bash
# Starts one silo and one gateway (Release) for benchmarking, on the default ports (gateway http://127.0.0.1:3001).
#
#   bench/run-server.sh               embedded default (in-memory storage, localhost clustering)
#   bench/run-server.sh --production  MariaDB + Redis on loopback (scripts/infra.sh), fresh database `chat_bench`
#   --no-build                        skip the build (bench/compare.sh builds once)
#   --publish-dir DIR                 run DIR/silo/Silo.dll and DIR/gateway/Gateway.dll (each from its own folder, as
#                                     the images do) instead of the build output: `dotnet publish` output, e.g.
#                                     ReadyToRun as in deploy/*.Dockerfile (bench/startup.sh); implies --no-build
#
# The pids of what it measures go to .run/bench-server.pids as `silo:PID,gateway:PID[,database:PID,redis:PID]`
# (chat-bench --server-pids); how long each took from start to ready, and the CPU it used until then, go to
# .run/bench-server.startup as `silo_ready_ms=… silo_cpu_ms=… gateway_ready_ms=… gateway_cpu_ms=…`. The database
# and Redis are those scripts/infra.sh serves on CHAT_MYSQL_PORT / CHAT_REDIS_PORT: bench/compare.sh points them at
# a private pair, so only the bench's own load is counted.
#
# What differs from a normal run, and why: the per-user send limit and the per-address login limit are lifted (they
# would otherwise be what the benchmark measures), password hashing uses 1,000 PBKDF2 iterations so that setting up
# thousands of bench users takes seconds (never do this in production), and the Orleans dashboard's per-call profiler
# is off. Ctrl+C stops both processes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
config=Release
production=0 build=1 publish_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --production) production=1; shift ;;
    --no-build) build=0; shift ;;
    --publish-dir) publish_dir=$(cd "$2" && pwd); build=0; shift 2 ;;
    *) echo "usage: $0 [--production] [--no-build] [--publish-dir DIR]" >&2; exit 2 ;;
  esac
done
pids=.run/bench-server.pids startup=$repo/.run/bench-server.startup
mkdir -p .run/logs
rm -f "$pids" "$startup"
logs=$repo/.run/logs

if [ "$production" = 1 ]; then
  eval "$(scripts/infra.sh up)"
  run_dir=${CHAT_RUN_DIR:-$repo/.run}
  infra_pids=",database:$(cat "$run_dir/mariadb/run/mysqld.pid" 2>/dev/null || echo 0),redis:$(cat "$run_dir/redis/redis.pid" 2>/dev/null || echo 0)"
  mariadb --no-defaults -h 127.0.0.1 -P "${CHAT_MYSQL_PORT:-3307}" -u chat -pchat-local-dev \
    -e 'DROP DATABASE IF EXISTS chat_bench; CREATE DATABASE chat_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
  export ConnectionStrings__MySql="${ConnectionStrings__MySql%Database=*}Database=chat_bench"
  export Orleans__ClusterId="bench-$$"
else
  unset ConnectionStrings__MySql ConnectionStrings__Redis
  infra_pids=""
fi
export Chat__RateLimit__Burst=100000 Chat__RateLimit__PerSecond=100000   # the largest values the silo accepts
export Gateway__CredentialsRateLimit__PermitLimit=1000000 PasswordHashing__Iterations=1000
export Chat__Dashboard__Enabled=false
export Gateway__Quotas__RoomsPerDay=1000000 Gateway__Quotas__ConnectionsPerUser=100000 Gateway__Quotas__SubscribesPerUser=100000 Jwt__Lifetime=1.00:00:00   # a bench is one user of many connections
export Jwt__SigningKey=${Jwt__SigningKey:-$(head -c 48 /dev/urandom | base64 -w0)}
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning

# start NAME: runs the silo or gateway in the background (its pid in $started, its start time in $started_ns).
start() {
  local name=$1 dll dir
  dll="$(tr '[:lower:]' '[:upper:]' <<<"${name:0:1}")${name:1}.dll"
  dir=${publish_dir:+$publish_dir/$name}
  dir=${dir:-$repo/src/${dll%.dll}/bin/$config/net10.0}
  started_ns=$(date +%s%N)
  if [ -n "$publish_dir" ]; then (cd "$dir" && exec dotnet "$dll") >"$logs/bench-$name.log" 2>&1 &
  else dotnet "$dir/$dll" >"$logs/bench-$name.log" 2>&1 &
  fi
  started=$!
}
# wait_ready NAME PID URL: polls URL for up to a minute, then notes time to ready and CPU used until then (/proc).
wait_ready() {
  local name=$1 pid=$2 url=$3 stat
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then
      read -r -a stat < <(cut -d')' -f2- "/proc/$pid/stat")   # [11] utime, [12] stime (fields 14, 15), in ticks
      printf '%s_ready_ms=%d %s_cpu_ms=%d ' "$name" $((($(date +%s%N) - started_ns) / 1000000)) \
        "$name" $(((stat[11] + stat[12]) * 1000 / $(getconf CLK_TCK))) >>"$startup"
      return 0
    fi
    sleep 0.05
  done
  echo "$name not ready at $url after a minute (log: $logs/bench-$name.log)" >&2
}

[ "$build" = 0 ] || dotnet build Chat.Orleans.sln -c "$config" -nologo -v q -clp:ErrorsOnly
start silo
silo=$started gateway=""
trap 'kill $silo $gateway 2>/dev/null; wait 2>/dev/null' EXIT
trap 'exit 0' INT TERM
wait_ready silo "$silo" http://127.0.0.1:8080/health/ready
start gateway
gateway=$started
wait_ready gateway "$gateway" http://127.0.0.1:3001/health
echo >>"$startup"
echo "silo:$silo,gateway:$gateway$infra_pids" >"$pids"
echo "bench server ready: silo pid $silo, gateway pid $gateway (logs in .run/logs/bench-*.log)"
wait
