#!/usr/bin/env bash
# Starts one silo and one gateway (Release) for benchmarking, on the default ports (gateway http://127.0.0.1:3001).
#
#   bench/run-server.sh               embedded default (in-memory storage, localhost clustering)
#   bench/run-server.sh --production  MariaDB + Redis on loopback (scripts/infra.sh), fresh database `chat_bench`
#   --no-build                        skip the build (bench/compare.sh builds once)
#
# The pids of what it measures go to .run/bench-server.pids as `silo:PID,gateway:PID[,database:PID,redis:PID]`
# (chat-bench --server-pids). The database and Redis are those scripts/infra.sh serves on CHAT_MYSQL_PORT /
# CHAT_REDIS_PORT: bench/compare.sh points them at a private pair, so only the bench's own load is counted.
#
# What differs from a normal run, and why: the per-user send limit and the per-address login limit are lifted (they
# would otherwise be what the benchmark measures), password hashing uses 1,000 PBKDF2 iterations so that setting up
# thousands of bench users takes seconds (never do this in production), and the Orleans dashboard's per-call profiler
# is off. Ctrl+C stops both processes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
config=Release
production=0 build=1
for arg in "$@"; do
  case "$arg" in
    --production) production=1 ;;
    --no-build) build=0 ;;
    *) echo "usage: $0 [--production] [--no-build]" >&2; exit 2 ;;
  esac
done
pids=.run/bench-server.pids
mkdir -p .run/logs
rm -f "$pids"

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

[ "$build" = 0 ] || dotnet build Chat.Orleans.sln -c "$config" -nologo -v q -clp:ErrorsOnly
dotnet "src/Silo/bin/$config/net10.0/Silo.dll" >.run/logs/bench-silo.log 2>&1 &
silo=$! gateway=""
trap 'kill $silo $gateway 2>/dev/null; wait 2>/dev/null' EXIT
trap 'exit 0' INT TERM
for _ in $(seq 1 120); do curl -fsS http://127.0.0.1:8080/health/ready >/dev/null 2>&1 && break; sleep 0.5; done
dotnet "src/Gateway/bin/$config/net10.0/Gateway.dll" >.run/logs/bench-gateway.log 2>&1 &
gateway=$!
for _ in $(seq 1 120); do curl -fsS http://127.0.0.1:3001/health >/dev/null 2>&1 && break; sleep 0.5; done
echo "silo:$silo,gateway:$gateway$infra_pids" >"$pids"
echo "bench server ready: silo pid $silo, gateway pid $gateway (logs in .run/logs/bench-*.log)"
wait
