// NetworkPolicy checks of a rendered overlay: evaluates the policies the way a network plugin would (ingress only)
// for the connections that matter, so a policy that admits too much or too little fails here, without a cluster.

const matches = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v);

const namespaceLabels = (name) => ({ "kubernetes.io/metadata.name": name });

function peerAdmits(peer, policyNamespace, from) {
  if (peer.ipBlock) return false;
  const namespaceOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, namespaceLabels(from.namespace))
    : from.namespace === policyNamespace;
  const podOk = peer.podSelector ? matches(peer.podSelector, from.labels) : true;
  return namespaceOk && podOk;
}

/** Whether a pod with `from` = { namespace, labels } may open TCP `port` on pods labelled `to` in `namespace`. */
export function admits(policies, namespace, to, from, port) {
  const selecting = policies.filter((p) => (p.metadata.namespace ?? namespace) === namespace
    && (p.spec.policyTypes ?? ["Ingress"]).includes("Ingress") && matches(p.spec.podSelector, to));
  if (selecting.length === 0) return true;
  return selecting.some((p) => (p.spec.ingress ?? []).some((rule) =>
    (!rule.ports || rule.ports.some((r) => r.port === port))
    && (!rule.from || rule.from.some((peer) => peerAdmits(peer, namespace, from)))));
}

export function checkNetworkPolicies(report, label, objects, namespace) {
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const pod = (name) => ({ "app.kubernetes.io/name": name });
  const inside = (name) => ({ namespace, labels: pod(name) });
  const monitoring = { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } };
  const ingress = { namespace: "ingress-nginx", labels: { "app.kubernetes.io/name": "ingress-nginx" } };
  const stranger = inside("some-other-pod");
  const elsewhere = { namespace: "default", labels: { app: "anything" } };
  const expectations = [
    ["chat-silo", 30000, inside("chat-gateway"), true, "gateways reach the silo's Orleans client gateway"],
    ["chat-silo", 30000, stranger, false, "another pod of the namespace reaches the silo's client gateway"],
    ["chat-silo", 30000, elsewhere, false, "a pod of another namespace reaches the silo's client gateway"],
    ["chat-silo", 11111, inside("chat-silo"), true, "silos reach each other"],
    ["chat-silo", 11111, inside("chat-gateway"), false, "gateways reach the silo-to-silo port"],
    ["chat-silo", 8080, monitoring, true, "monitoring scrapes silo metrics"],
    ["chat-silo", 8080, inside("chat-gateway"), false, "gateways reach the silo's HTTP port (dashboard)"],
    ["chat-gateway", 9464, monitoring, true, "monitoring scrapes gateway metrics"],
    ["chat-gateway", 9464, ingress, false, "the ingress controller reaches gateway metrics"],
    ["chat-gateway", 3001, ingress, true, "the ingress controller reaches the gateway"],
    ["chat-gateway", 3001, elsewhere, false, "any pod reaches the gateway around the ingress"],
    ["mysql", 3306, inside("chat-silo"), true, "silos reach MySQL"],
    ["mysql", 3306, inside("chat-gateway"), false, "gateways reach MySQL"],
    ["mysql", 3306, stranger, false, "another pod reaches MySQL"],
    ["redis", 6379, inside("chat-silo"), true, "silos reach Redis"],
    ["redis", 6379, inside("chat-gateway"), true, "gateways reach Redis (cluster membership)"],
    ["redis", 6379, stranger, false, "another pod reaches Redis"],
    ["anything-new", 80, elsewhere, false, "a new pod is reachable without a policy of its own (no default deny)"],
  ];
  report.run(`${label}: NetworkPolicies deny by default and admit only the expected callers`, () =>
    expectations.map(([target, port, from, expected, what]) =>
      admits(policies, namespace, pod(target), from, port) === expected
        ? null
        : expected ? `blocked: ${what} (port ${port})` : `allowed: ${what} (port ${port})`));

  report.run(`${label}: forwarded headers are trusted from configured networks only`, () =>
    objects.filter((o) => o.spec?.template?.spec).flatMap((o) => o.spec.template.spec.containers.flatMap((c) =>
      (c.env ?? []).filter((e) => e.name === "ASPNETCORE_FORWARDEDHEADERS_ENABLED" && e.value === "true")
        .map(() => `${o.metadata.name}/${c.name} trusts X-Forwarded-For from any peer (ASPNETCORE_FORWARDEDHEADERS_ENABLED)`))));
}
