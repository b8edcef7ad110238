#!/usr/bin/env bash
# Starts (or stops) the production profile's servers as plain processes on loopback, in a project-local folder:
# MariaDB (MySQL-compatible) and Redis. Installs them with apt when absent (needs root).
#
#   scripts/infra.sh up     install if needed, start both, print the environment to use them
#   scripts/infra.sh down   stop both (data stays in .run/ for the next start); `down mysql` or `down redis` stops one
#   scripts/infra.sh env    print the environment (export lines) without starting anything
#
# Ports and folder: CHAT_MYSQL_PORT (3307), CHAT_REDIS_PORT (6380), CHAT_RUN_DIR (<repo>/.run).
# A server already answering on its port is reused, so several checkouts can share one pair of servers.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
run_dir=${CHAT_RUN_DIR:-$repo/.run}
mysql_port=${CHAT_MYSQL_PORT:-3307}
redis_port=${CHAT_REDIS_PORT:-6380}
# Local development credentials only; production takes them from its secret store.
db_user=${CHAT_DB_USER:-chat}
db_password=${CHAT_DB_PASSWORD:-chat-local-dev}
db_name=${CHAT_DB_NAME:-chat}
mysql_dir=$run_dir/mariadb
redis_dir=$run_dir/redis

log() { printf '[infra] %s\n' "$*" >&2; }

print_env() {
  cat <<ENV
export ConnectionStrings__MySql='Server=127.0.0.1;Port=$mysql_port;User ID=$db_user;Password=$db_password;Database=$db_name'
export ConnectionStrings__Redis='127.0.0.1:$redis_port'
export CHAT_MYSQL_ADMIN='Server=127.0.0.1;Port=$mysql_port;User ID=$db_user;Password=$db_password'
ENV
}

install_packages() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { log "need root to install: ${missing[*]}"; exit 1; }
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

mysql_ping() { mariadb-admin --no-defaults -h 127.0.0.1 -P "$mysql_port" -u "$db_user" -p"$db_password" ping >/dev/null 2>&1; }
redis_ping() { redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; }

start_mysql() {
  if mysql_ping; then log "MariaDB already answering on 127.0.0.1:$mysql_port"; return; fi
  mkdir -p "$mysql_dir/data" "$mysql_dir/run"
  chown -R mysql:mysql "$mysql_dir"
  local fresh=0
  if [ ! -d "$mysql_dir/data/mysql" ]; then
    fresh=1
    mariadb-install-db --no-defaults --user=mysql --datadir="$mysql_dir/data" \
      --auth-root-authentication-method=socket >"$mysql_dir/run/install.log" 2>&1
  fi
  /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$mysql_dir/data" \
    --bind-address=127.0.0.1 --port="$mysql_port" --socket="$mysql_dir/run/mysqld.sock" \
    --pid-file="$mysql_dir/run/mysqld.pid" --log-error="$mysql_dir/run/error.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 --innodb-buffer-pool-size=256M >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults -S "$mysql_dir/run/mysqld.sock" -u root ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  if [ "$fresh" = 1 ] || ! mysql_ping; then
    # The application user may create databases: tests make one per run.
    mariadb --no-defaults -S "$mysql_dir/run/mysqld.sock" -u root <<SQL
CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_password';
CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON *.* TO '$db_user'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO '$db_user'@'localhost';
CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
FLUSH PRIVILEGES;
SQL
  fi
  mysql_ping || { log "MariaDB did not start; see $mysql_dir/run/error.log"; exit 1; }
  log "MariaDB up on 127.0.0.1:$mysql_port (data in $mysql_dir/data)"
}

start_redis() {
  if redis_ping; then log "Redis already answering on 127.0.0.1:$redis_port"; return; fi
  mkdir -p "$redis_dir"
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$redis_dir" --daemonize yes \
    --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log" --appendonly yes --save "" >/dev/null
  for _ in $(seq 1 50); do redis_ping && break; sleep 0.1; done
  redis_ping || { log "Redis did not start; see $redis_dir/redis.log"; exit 1; }
  log "Redis up on 127.0.0.1:$redis_port"
}

stop_pidfile() {
  local pidfile=$1 name=$2
  if [ -f "$pidfile" ]; then
    local pid; pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      log "$name stopped"
    fi
    rm -f "$pidfile"
  fi
}

case "${1:-up}" in
  up) install_packages; start_mysql; start_redis; print_env ;;
  down)
    case "${2:-all}" in
      mysql) stop_pidfile "$mysql_dir/run/mysqld.pid" MariaDB ;;
      redis) stop_pidfile "$redis_dir/redis.pid" Redis ;;
      all) stop_pidfile "$mysql_dir/run/mysqld.pid" MariaDB; stop_pidfile "$redis_dir/redis.pid" Redis ;;
      *) echo "usage: $0 down [mysql|redis]" >&2; exit 2 ;;
    esac ;;
  env) print_env ;;
  *) echo "usage: $0 up|down [mysql|redis]|env" >&2; exit 2 ;;
esac
