#!/usr/bin/env bash
# Runs every test: .NET unit and integration tests (real MariaDB and Redis), front-end unit tests, browser tests in
# real Chromium against a running silo + gateway, and offline deployment checks. Installs and starts what it needs.
# Ends with one line: "N passed, N failed".
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
config=${CHAT_CONFIGURATION:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=.run/test-results
rm -rf "$results"; mkdir -p "$results" .run/logs

passed=0; failed=0; problems=()
log() { printf '\n[test] %s\n' "$*"; }
count() { # $1 = label, $2 = passed, $3 = failed
  passed=$((passed + $2)); failed=$((failed + $3))
  printf '[test] %s: %s passed, %s failed\n' "$1" "$2" "$3"
  [ "$3" -gt 0 ] && problems+=("$1")
}
fail_step() { problems+=("$1"); failed=$((failed + 1)); printf '[test] %s FAILED\n' "$1"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  [ -f /var/lib/apt/lists/lock ] && [ -n "$(ls /var/lib/apt/lists/*_Packages 2>/dev/null | head -n 1)" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

# 1. Servers the integration tests run against.
log "starting MariaDB and Redis"
eval "$(scripts/infra.sh up)" || { echo "infra failed"; exit 1; }

# 2. .NET: build everything, then every test project.
log "building Chat.Orleans.sln ($config)"
if ! dotnet build Chat.Orleans.sln -c "$config" -nologo -v q -clp:ErrorsOnly; then
  fail_step "dotnet build"
  echo "$passed passed, $failed failed"; exit 1
fi
# The conventions in .editorconfig (layout, usings, var, braces, naming): checked, never rewritten here.
log "code style (dotnet format --verify-no-changes)"
if dotnet format Chat.Orleans.sln --verify-no-changes --no-restore -v q >"$results/format.txt" 2>&1; then
  count "code style" 1 0
else
  sed -E "s|$repo/||g" "$results/format.txt" | head -n 40
  fail_step "code style"
  echo "[test] the code does not follow .editorconfig: run 'dotnet format Chat.Orleans.sln' and commit the result"
fi

# One test assembly at a time: the fault scenarios kill and restart processes and servers, and on 2 cores they
# should not compete with other assemblies for CPU (their time-outs are generous, but stalls are what they measure).
log ".NET tests"
for project in $(ls tests/*/*.csproj | grep -vE '/Chat\.(Testing|Distributed\.Harness)/'); do
  dotnet test "$project" -c "$config" --no-build -nologo 2>&1 | tee -a "$results/dotnet.txt" | grep -vE '^\s*$'
done
dn_passed=$(grep -oE 'Passed: +[0-9]+' "$results/dotnet.txt" | awk '{s+=$2} END {print s+0}')
dn_failed=$(grep -oE 'Failed: +[0-9]+' "$results/dotnet.txt" | awk '{s+=$2} END {print s+0}')
# An assembly that crashed or never reported counts as a failure.
dn_projects=$(ls tests/*/*.csproj | grep -vcE '/Chat\.(Testing|Distributed\.Harness)/')
dn_reported=$(grep -cE '^(Passed|Failed)! +-' "$results/dotnet.txt")
if [ "$dn_reported" -lt "$dn_projects" ]; then dn_failed=$((dn_failed + dn_projects - dn_reported)); fi
count ".NET" "$dn_passed" "$dn_failed"

# 2b. Chaos soak, short mode (bench/Chat.Chaos, built with the solution): 2 silos × 2 gateways on private MariaDB and
# Redis under traffic on every transport, each fault injected once; it prints its own "N passed, N failed" line.
log "chaos soak (short)"
timeout 1200 dotnet "bench/Chat.Chaos/bin/$config/net10.0/chat-chaos.dll" --short --json "$results/chaos.json" 2>&1 \
  | tee "$results/chaos.txt" | grep -E '^(\[chaos|\||- |  - )'
read -r cp cf < <(grep -oE '^[0-9]+ passed, [0-9]+ failed' "$results/chaos.txt" | tail -n 1 | awk '{print $1, $3}')
count "chaos soak (short)" "${cp:-0}" "${cf:-1}"

# 3. Front end: unit tests, build, browser tests against a real silo + gateway.
if [ -f frontend/package.json ]; then
  apt_install chromium
  log "front end: npm ci"
  if (cd frontend && npm ci --no-audit --no-fund --loglevel=error); then
    log "front end: unit tests"
    (cd frontend && npm test 2>&1) | tee "$results/frontend-unit.txt"
    read -r fp ff < <(grep -oE '^[0-9]+ passed, [0-9]+ failed' "$results/frontend-unit.txt" | tail -n 1 | awk '{print $1, $3}')
    count "front-end unit" "${fp:-0}" "${ff:-1}"

    log "front end: generated clients match docs/openapi.v1.json"
    (cd frontend && npm run --silent check:generated 2>&1) | tee "$results/frontend-generated.txt"
    read -r gp gf < <(grep -oE '^[0-9]+ passed, [0-9]+ failed' "$results/frontend-generated.txt" | tail -n 1 | awk '{print $1, $3}')
    count "front-end generated clients" "${gp:-0}" "${gf:-1}"

    log "front end: build"
    if (cd frontend && npm run build --silent) && touch src/Gateway/wwwroot/.build-stamp; then
      log "browser tests against a production-profile silo + gateway"
      source scripts/lib/stack.sh
      if stack_start e2e; then
        (cd frontend && CHAT_BASE_URL="$STACK_URL" npm run test:e2e 2>&1) | tee "$results/frontend-e2e.txt"
        read -r ep ef < <(grep -oE '^[0-9]+ passed, [0-9]+ failed' "$results/frontend-e2e.txt" | tail -n 1 | awk '{print $1, $3}')
        count "browser (Playwright + Chromium)" "${ep:-0}" "${ef:-1}"
      else
        fail_step "starting silo + gateway for browser tests"
      fi
      stack_stop
    else
      fail_step "front-end build"
    fi
  else
    fail_step "npm ci"
  fi
fi

# 4. Documentation: every relative link in a tracked Markdown file resolves inside the repository.
log "documentation links"
node scripts/check-links.mjs 2>&1 | tee "$results/links.txt"
read -r lp lf < <(grep -oE '^[0-9]+ passed, [0-9]+ failed' "$results/links.txt" | tail -n 1 | awk '{print $1, $3}')
count "documentation links" "${lp:-0}" "${lf:-1}"

# 5. Deployment files, validated offline.
if [ -x scripts/validate-deploy.sh ]; then
  log "deployment checks (compose, kustomize, Kubernetes schemas)"
  scripts/validate-deploy.sh 2>&1 | tee "$results/deploy.txt"
  read -r vp vf < <(grep -oE '^[0-9]+ passed, [0-9]+ failed' "$results/deploy.txt" | tail -n 1 | awk '{print $1, $3}')
  count "deployment" "${vp:-0}" "${vf:-1}"
fi

echo
if [ ${#problems[@]} -gt 0 ]; then echo "[test] failures in: ${problems[*]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
