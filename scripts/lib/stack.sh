# Sourced by scripts: starts one silo and one gateway (Release build) in the production profile on free ports, with
# a database of their own, and stops them. Needs the environment of `scripts/infra.sh up`.
# After stack_start NAME: STACK_URL (gateway HTTP), STACK_GRPC (gateway gRPC), STACK_DB (connection string).

stack_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

stack_start() {
  local name=$1 config=${CHAT_CONFIGURATION:-Release}
  local db="chat_${name}_$(date +%s)_$$"
  mariadb --no-defaults -h 127.0.0.1 -P "${CHAT_MYSQL_PORT:-3307}" -u "${CHAT_DB_USER:-chat}" -p"${CHAT_DB_PASSWORD:-chat-local-dev}" \
    -e "CREATE DATABASE \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" || return 1
  STACK_DB_NAME=$db
  STACK_DB="${ConnectionStrings__MySql%Database=*}Database=$db"
  local silo_http gateway_http gateway_grpc silo_port gateway_port
  silo_http=$(stack_free_port); gateway_http=$(stack_free_port); gateway_grpc=$(stack_free_port)
  silo_port=$(stack_free_port); gateway_port=$(stack_free_port)
  STACK_URL="http://127.0.0.1:$gateway_http"
  STACK_GRPC="http://127.0.0.1:$gateway_grpc"
  local cluster="stack-$name-$$"
  local common=(ConnectionStrings__MySql="$STACK_DB" ConnectionStrings__Redis="$ConnectionStrings__Redis"
    Orleans__ClusterId="$cluster" Orleans__GatewayPort="$gateway_port")
  env "${common[@]}" Orleans__SiloPort="$silo_port" Kestrel__Endpoints__Http__Url="http://127.0.0.1:$silo_http" \
    dotnet "src/Silo/bin/$config/net10.0/Silo.dll" >".run/logs/$name-silo.log" 2>&1 &
  STACK_SILO_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$silo_http/health/ready" >/dev/null 2>&1 && break
    kill -0 "$STACK_SILO_PID" 2>/dev/null || { tail -n 40 ".run/logs/$name-silo.log"; return 1; }
    sleep 0.5
  done
  env "${common[@]}" Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 -w0)" \
    Kestrel__Endpoints__Http__Url="$STACK_URL" Kestrel__Endpoints__Grpc__Url="$STACK_GRPC" \
    dotnet "src/Gateway/bin/$config/net10.0/Gateway.dll" >".run/logs/$name-gateway.log" 2>&1 &
  STACK_GATEWAY_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "$STACK_URL/health" >/dev/null 2>&1 && return 0
    kill -0 "$STACK_GATEWAY_PID" 2>/dev/null || { tail -n 40 ".run/logs/$name-gateway.log"; return 1; }
    sleep 0.5
  done
  return 1
}

stack_stop() {
  [ -n "${STACK_GATEWAY_PID:-}" ] && kill "$STACK_GATEWAY_PID" 2>/dev/null && wait "$STACK_GATEWAY_PID" 2>/dev/null
  [ -n "${STACK_SILO_PID:-}" ] && kill "$STACK_SILO_PID" 2>/dev/null && wait "$STACK_SILO_PID" 2>/dev/null
  [ -n "${STACK_DB_NAME:-}" ] && mariadb --no-defaults -h 127.0.0.1 -P "${CHAT_MYSQL_PORT:-3307}" -u "${CHAT_DB_USER:-chat}" \
    -p"${CHAT_DB_PASSWORD:-chat-local-dev}" -e "DROP DATABASE IF EXISTS \`$STACK_DB_NAME\`"
  STACK_GATEWAY_PID=; STACK_SILO_PID=; STACK_DB_NAME=
  return 0
}
