#!/usr/bin/env bash
# Offline validation of the deployment: docker-compose.yml, the Kubernetes overlays (rendered with kustomize),
# the Dockerfiles, nginx, the Grafana dashboard, the optional components (Prometheus Operator monitoring, Gateway
# API routes, rendered in k8s/overlays/prod-platform), and their agreement with the code. Needs neither a Docker
# engine nor a cluster. Installs what it lacks (Debian's docker-compose, the validator's npm packages).
#
#   scripts/validate-deploy.sh
#
# Prints one line per check (ok / not ok / skip) and ends with "N passed, N failed[, N skipped]";
# exits non-zero when a check failed.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
validator=$repo/deploy/validate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0 skipped=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -s "$work/err" ] && sed 's/^/    /' "$work/err" | head -20; return 0; }
log() { printf '[validate-deploy] %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  [ "$(id -u)" = 0 ] || { log "need root to install: $*"; return 1; }
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null 2>&1; apt_updated=1; fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "$@" >/dev/null
}

# ---- tools ----
command -v node >/dev/null 2>&1 || apt_install nodejs npm || { echo "0 passed, 1 failed"; exit 1; }
command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose || log "docker-compose unavailable"

lock_sum=$(sha256sum "$validator/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$validator/node_modules/.lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
  log "installing the validator's npm packages"
  if (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error >"$work/err" 2>&1); then
    echo "$lock_sum" >"$validator/node_modules/.lock-sha256"
  else
    not_ok "npm ci in deploy/validate"
    echo "$passed passed, $failed failed"
    exit 1
  fi
fi

cd "$repo"

# ---- docker-compose.yml ----
if command -v docker-compose >/dev/null 2>&1; then
  if docker-compose --env-file .env.example -f docker-compose.yml config -q 2>"$work/err"; then
    ok "docker-compose config -q accepts docker-compose.yml with .env.example"
  else
    not_ok "docker-compose config -q accepts docker-compose.yml with .env.example"
  fi
  # Secrets have no defaults: without them compose must refuse to start anything.
  if docker-compose --env-file /dev/null -f docker-compose.yml config -q >/dev/null 2>&1; then
    : >"$work/err"; not_ok "docker-compose refuses to run without the secrets from .env"
  else
    ok "docker-compose refuses to run without the secrets from .env"
  fi
else
  : >"$work/err"; not_ok "docker-compose is available to check docker-compose.yml"
fi

# ---- render the Kubernetes overlays ----
render_args=()
for overlay in base overlays/dev overlays/prod overlays/prod-platform; do
  name=$(basename "$overlay")
  out=$work/$name.yaml
  if command -v kubectl >/dev/null 2>&1; then
    if kubectl kustomize "k8s/$overlay" >"$out" 2>"$work/err"; then
      ok "kubectl kustomize renders k8s/$overlay"
      # The built-in renderer is the fallback on machines without kubectl: it must agree with kustomize.
      if node "$validator/render.mjs" "k8s/$overlay" --compare "$out" >"$work/err" 2>&1; then
        ok "the fallback renderer (deploy/validate/render.mjs) agrees with kustomize on k8s/$overlay"
      else
        not_ok "the fallback renderer (deploy/validate/render.mjs) agrees with kustomize on k8s/$overlay"
      fi
    else
      not_ok "kubectl kustomize renders k8s/$overlay"
      continue
    fi
  elif node "$validator/render.mjs" "k8s/$overlay" >"$out" 2>"$work/err"; then
    ok "deploy/validate/render.mjs renders k8s/$overlay (no kubectl here)"
  else
    not_ok "deploy/validate/render.mjs renders k8s/$overlay (no kubectl here)"
    continue
  fi
  render_args+=(--rendered "$name=$out")
done

# ---- everything else: schemas, references, cross-checks ----
if [ ${#render_args[@]} -eq 8 ]; then
  node "$validator/validate.mjs" "${render_args[@]}" >"$work/checks" 2>"$work/err"
  status=$?
  cat "$work/checks"
  passed=$((passed + $(grep -c '^ok - ' "$work/checks")))
  failed=$((failed + $(grep -c '^not ok - ' "$work/checks")))
  skipped=$((skipped + $(grep -c '^skip - ' "$work/checks")))
  if [ "$status" -ne 0 ] && ! grep -q '^not ok - ' "$work/checks"; then not_ok "validate.mjs ran to the end"; fi
else
  : >"$work/err"; not_ok "all overlays rendered, so the manifests could be checked"
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
