#!/usr/bin/env bash
# Silo container entry point. Orleans must advertise an address that other silos and the gateways can reach,
# and the silo's default is loopback. Kubernetes passes the pod IP (Orleans__AdvertisedIPAddress from
# status.podIP); anywhere else (docker-compose, docker run) the container's own IPv4 address is taken from
# its host name, which Docker maps to the container in /etc/hosts.
set -euo pipefail

if [[ -z "${Orleans__AdvertisedIPAddress:-}" ]]; then
  while read -r address _; do
    if [[ $address != 127.* ]]; then
      export Orleans__AdvertisedIPAddress=$address
      break
    fi
  done < <(getent ahostsv4 "$HOSTNAME" || true)
fi

if [[ -z "${Orleans__AdvertisedIPAddress:-}" ]]; then
  echo "chat-silo-entrypoint: no address found for host $HOSTNAME; set Orleans__AdvertisedIPAddress" >&2
  exit 1
fi

exec "$@"
