#!/usr/bin/env bash
# Starts one silo and one gateway (Release) for benchmarking, on the default ports (gateway http://127.0.0.1:3001).
#
#   bench/run-server.sh               embedded default (in-memory storage, localhost clustering)
#   bench/run-server.sh --production  MariaDB + Redis on loopback (scripts/infra.sh), fresh database `chat_bench`
#
# What differs from a normal run, and why: the per-user send limit and the per-address login limit are lifted (they
# would otherwise be what the benchmark measures), password hashing uses 1,000 PBKDF2 iterations so that setting up
# thousands of bench users takes seconds (never do this in production), and the Orleans dashboard's per-call profiler
# is off. Ctrl+C stops both processes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
config=Release

if [ "${1:-}" = "--production" ]; then
  eval "$(scripts/infra.sh up)"
  mariadb --no-defaults -h 127.0.0.1 -P "${CHAT_MYSQL_PORT:-3307}" -u chat -pchat-local-dev \
    -e 'DROP DATABASE IF EXISTS chat_bench; CREATE DATABASE chat_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
  export ConnectionStrings__MySql="${ConnectionStrings__MySql%Database=*}Database=chat_bench"
  export Orleans__ClusterId="bench-$$"
else
  unset ConnectionStrings__MySql ConnectionStrings__Redis
fi
export Chat__RateLimit__Burst=100000 Chat__RateLimit__PerSecond=100000   # the largest values the silo accepts
export Gateway__CredentialsRateLimit__PermitLimit=1000000 PasswordHashing__Iterations=1000
export Chat__Dashboard__Enabled=false
export Gateway__Quotas__RoomsPerDay=1000000 Gateway__Quotas__ConnectionsPerUser=100000 Gateway__Quotas__SubscribesPerUser=100000 Jwt__Lifetime=1.00:00:00   # a bench is one user of many connections
export Jwt__SigningKey=${Jwt__SigningKey:-$(head -c 48 /dev/urandom | base64 -w0)}
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning

dotnet build Chat.Orleans.sln -c "$config" -nologo -v q -clp:ErrorsOnly
mkdir -p .run/logs
dotnet "src/Silo/bin/$config/net10.0/Silo.dll" >.run/logs/bench-silo.log 2>&1 &
silo=$!
trap 'kill $silo $gateway 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
for _ in $(seq 1 120); do curl -fsS http://127.0.0.1:8080/health/ready >/dev/null 2>&1 && break; sleep 0.5; done
dotnet "src/Gateway/bin/$config/net10.0/Gateway.dll" >.run/logs/bench-gateway.log 2>&1 &
gateway=$!
for _ in $(seq 1 120); do curl -fsS http://127.0.0.1:3001/health >/dev/null 2>&1 && break; sleep 0.5; done
echo "bench server ready: silo pid $silo, gateway pid $gateway (logs in .run/logs/bench-*.log)"
wait
