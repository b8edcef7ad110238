#!/usr/bin/env bash
# Container health probe without curl or wget in the image: one HTTP/1.0 GET over bash's /dev/tcp,
# healthy only on a 200 status line. The port comes from the same variable Kestrel listens on.
#
#   chat-healthcheck [PATH]     PATH defaults to /health (liveness); compose uses /health/ready
set -euo pipefail

path=${1:-/health}
url=${Kestrel__Endpoints__Http__Url:-http://0.0.0.0:8080}
port=${url##*:}
port=${port%%/*}

exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3
exec 3<&-
[[ $status == "HTTP/1."[01]" 200"* ]]
