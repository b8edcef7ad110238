#!/bin/sh
# Makes the cluster certificate that silos and gateways present to each other (Orleans:Tls): a self-signed
# PKCS#12 file with its private key. Every member of one deployment uses this same file; a pod without it can
# neither join the cluster nor call grains. Usage:
#   deploy/make-cluster-cert.sh [OUT.pfx]        # default deploy/certs/cluster.pfx
# It prints the password it chose: put it in .env as CLUSTER_CERT_PASSWORD (compose) or in the chat-secrets
# Secret as Orleans__Tls__CertificatePassword (Kubernetes; the file goes into the chat-cluster-tls Secret).
set -eu
out=${1:-deploy/certs/cluster.pfx}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
password=$(openssl rand -hex 24)
openssl req -x509 -newkey rsa:3072 -sha256 -days 825 -nodes -subj "/CN=chat-orleans-cluster" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -out "$out" -passout "pass:$password"
# Readable by the containers' non-root user (compose mounts the file as it is on the host): keep the host folder private.
chmod 0644 "$out"
echo "wrote $out"
echo "CLUSTER_CERT_PASSWORD=$password"
