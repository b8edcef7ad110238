#!/usr/bin/env bash
# Search latency on a seeded message log (bench/README.md, "Search on 1M messages"). Starts a private MariaDB (its own
# port and folder, the same settings as scripts/infra.sh: 256 MiB buffer pool), seeds it, measures, stops it.
#   bench/search-bench.sh [--messages 1000000] [--rooms 1000] [--readable 120] [--queries 200] [--database NAME]
# With --database NAME the seeded database is kept and reused by the next run with the same name; SEARCH_BENCH_KEEP_SERVER=1
# leaves the private MariaDB running after the run (stop it with CHAT_MYSQL_PORT=3391 CHAT_REDIS_PORT=6391 CHAT_RUN_DIR=.run/search-bench
# scripts/infra.sh down).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
export CHAT_MYSQL_PORT=${SEARCH_BENCH_MYSQL_PORT:-3391} CHAT_REDIS_PORT=${SEARCH_BENCH_REDIS_PORT:-6391}
export CHAT_RUN_DIR=${SEARCH_BENCH_RUN_DIR:-$repo/.run/search-bench}
if [ "$CHAT_MYSQL_PORT" = 3307 ]; then echo "refusing to use the shared MariaDB port" >&2; exit 2; fi
if [ "${SEARCH_BENCH_KEEP_SERVER:-0}" != 1 ]; then trap '"$repo/scripts/infra.sh" down' EXIT; fi
eval "$("$repo/scripts/infra.sh" up 2>/dev/null | grep CHAT_MYSQL_ADMIN)"
dotnet build "$repo/bench/Chat.SearchBench" -c Release -nologo -v q -clp:ErrorsOnly
dotnet "$repo/bench/Chat.SearchBench/bin/Release/net10.0/chat-search-bench.dll" "$@"
