#!/usr/bin/env bash
# Runs the chat: one silo and one gateway, built if needed, with the web UI at the printed URL.
#
#   scripts/run.sh               embedded default: no database server needed (state lives in memory, lost on exit)
#   scripts/run.sh --production  MariaDB + Redis on loopback (installed and started by scripts/infra.sh)
#
# Ports: gateway http://127.0.0.1:3001 (web UI, REST, SignalR, /ws), gRPC 127.0.0.1:50051, silo http://127.0.0.1:8080.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
config=${CHAT_CONFIGURATION:-Release}
mode=embedded
[ "${1:-}" = "--production" ] && mode=production

log() { printf '[run] %s\n' "$*" >&2; }

if [ "$mode" = production ]; then
  eval "$(scripts/infra.sh up)"
  export Jwt__SigningKey=${Jwt__SigningKey:-$(head -c 48 /dev/urandom | base64)}
else
  unset ConnectionStrings__MySql ConnectionStrings__Redis
fi

# The web UI: built once (and again when its sources change).
if [ -f frontend/package.json ]; then
  stamp=src/Gateway/wwwroot/.build-stamp
  newest=$(find frontend/src frontend/index.html frontend/package.json frontend/vite.config.* -type f -newer "$stamp" 2>/dev/null | head -n 1 || true)
  if [ ! -f "$stamp" ] || [ -n "$newest" ]; then
    log "building the web UI"
    (cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent) >&2
    touch "$stamp"
  fi
fi

log "building the silo and the gateway ($config)"
dotnet build Chat.Orleans.sln -c "$config" -nologo -v q -clp:ErrorsOnly >&2

mkdir -p .run/logs
silo_log=.run/logs/silo.log
log "starting the silo (log: $silo_log)"
dotnet "src/Silo/bin/$config/net10.0/Silo.dll" >"$silo_log" 2>&1 &
silo_pid=$!
trap 'kill $silo_pid 2>/dev/null || true; wait $silo_pid 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do
  curl -fsS http://127.0.0.1:8080/health/ready >/dev/null 2>&1 && break
  kill -0 $silo_pid 2>/dev/null || { log "the silo stopped; see $silo_log"; tail -n 30 "$silo_log" >&2; exit 1; }
  sleep 0.5
done

log "starting the gateway"
printf '\n  Chat.Orleans is running (%s): open http://127.0.0.1:3001  (gRPC on 127.0.0.1:50051; Ctrl+C stops)\n\n' "$mode" >&2
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-$([ "$mode" = embedded ] && echo Development || echo Production)} \
  dotnet "src/Gateway/bin/$config/net10.0/Gateway.dll"
