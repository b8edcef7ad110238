// Checks of the platform add-ons (k8s/components/monitoring, k8s/components/gateway-api) as rendered in an overlay
// that uses them: scrape targets exist, alerts use the fixed metric names and have runbooks, routes reach the
// gateway Service, and the Ingresses they replace are gone.
import { exists, read } from "./repo.mjs";

/**
 * Series the alerts may use: the names fixed for dashboards and alerts (docs/DEPLOYMENT.md, "Metrics and the
 * dashboard"), with the suffixes Prometheus adds to histograms, plus Prometheus' own `up`.
 */
const knownSeries = new Set([
  "up",
  "chat_cluster_reachable",
  "chat_request_errors_total",
  "chat_messages_received_total",
  "chat_messages_delivered_total",
  "chat_connections",
  ...["chat_message_ack_duration_seconds", "chat_message_delivery_duration_seconds", "chat_messagelog_write_duration_seconds"]
    .flatMap((h) => [`${h}_bucket`, `${h}_sum`, `${h}_count`]),
]);
/** What the alerts must cover (issue #18): series each required alert is built on. */
const requiredAlerts = [
  ["a gateway cannot reach the cluster", /chat_cluster_reachable/],
  ["send errors", /chat_request_errors_total/],
  ["ack latency p99", /histogram_quantile\(0\.99,[\s\S]*chat_message_ack_duration_seconds_bucket/],
  ["silo down", /up\{job="chat-silo"\}/],
];
const runbooks = "docs/RUNBOOKS.md";

const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

/** GitHub-style anchors of the Markdown headings of a file. */
function anchors(markdown) {
  return new Set([...markdown.matchAll(/^#+\s+(.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-")));
}

export function checkPlatform(report, name, objects) {
  const label = `k8s/${name}`;
  const deployments = objects.filter((o) => o.kind === "Deployment");
  const podMonitors = objects.filter((o) => o.kind === "PodMonitor");
  const rules = objects.filter((o) => o.kind === "PrometheusRule").flatMap((r) => r.spec.groups.flatMap((g) => g.rules));
  const routes = objects.filter((o) => o.kind === "HTTPRoute" || o.kind === "GRPCRoute");

  report.run(`${label}: PodMonitors scrape both chat Deployments on container ports that exist, job = app.kubernetes.io/name`, () => {
    const problems = [];
    for (const deployment of ["chat-silo", "chat-gateway"]) {
      const d = find(objects, "Deployment", deployment);
      if (!podMonitors.some((m) => matches(m.spec.selector.matchLabels, d?.spec.template.metadata.labels))) problems.push(`no PodMonitor selects ${deployment}`);
    }
    for (const monitor of podMonitors) {
      const targets = deployments.filter((d) => matches(monitor.spec.selector.matchLabels, d.spec.template.metadata.labels));
      if (!targets.length) problems.push(`PodMonitor ${monitor.metadata.name} selects no pod`);
      for (const endpoint of monitor.spec.podMetricsEndpoints ?? []) {
        for (const d of targets) {
          if (!d.spec.template.spec.containers.some((c) => c.ports?.some((p) => p.name === endpoint.port))) problems.push(`PodMonitor ${monitor.metadata.name}: ${d.metadata.name} has no port ${endpoint.port}`);
          if (endpoint.path !== (d.spec.template.metadata.annotations?.["prometheus.io/path"] ?? "/metrics")) problems.push(`PodMonitor ${monitor.metadata.name}: path ${endpoint.path}`);
        }
      }
      if (monitor.spec.jobLabel !== "app.kubernetes.io/name") problems.push(`PodMonitor ${monitor.metadata.name}: jobLabel is not app.kubernetes.io/name (the alerts select job="chat-silo")`);
    }
    return problems;
  });

  report.run(`${label}: alerts use only the fixed metric names, each has severity, summary, 'for' and a runbook in ${runbooks}`, () => {
    const headings = exists(runbooks) ? anchors(read(runbooks)) : new Set();
    const problems = exists(runbooks) ? [] : [`${runbooks} is missing`];
    for (const rule of rules.filter((r) => r.alert)) {
      const series = [...rule.expr.matchAll(/\b([a-z_][a-z0-9_]*)\s*(?=[{[]|\)|\s*[=<>!]|$)/g)].map((m) => m[1])
        .filter((s) => s === "up" || s.startsWith("chat_"));
      for (const s of series) if (!knownSeries.has(s)) problems.push(`${rule.alert}: unknown series ${s}`);
      if (!series.length) problems.push(`${rule.alert}: uses no chat series`);
      if (!["critical", "warning", "info"].includes(rule.labels?.severity)) problems.push(`${rule.alert}: severity missing`);
      if (!rule.annotations?.summary) problems.push(`${rule.alert}: summary missing`);
      if (!rule.for) problems.push(`${rule.alert}: no 'for' (would fire on one bad scrape)`);
      const [file, anchor] = (rule.annotations?.runbook_url ?? "").split("#");
      if (file !== runbooks || !headings.has(anchor)) problems.push(`${rule.alert}: runbook_url ${rule.annotations?.runbook_url} has no heading in ${runbooks}`);
    }
    for (const [what, pattern] of requiredAlerts) {
      if (!rules.some((r) => r.alert && pattern.test(r.expr))) problems.push(`no alert for ${what}`);
    }
    return problems;
  });

  report.run(`${label}: HTTPRoute/GRPCRoute reach the gateway Service's ports; WebSocket paths have no timeout and /hubs is sticky`, () => {
    const problems = routes.length ? [] : ["no route"];
    for (const route of routes) {
      for (const ref of route.spec.rules.flatMap((r) => r.backendRefs ?? [])) {
        const svc = find(objects, "Service", ref.name);
        if (!svc?.spec.ports.some((p) => p.port === ref.port)) problems.push(`${route.kind} ${route.metadata.name}: no Service port ${ref.name}:${ref.port}`);
      }
    }
    const web = routes.find((r) => r.kind === "HTTPRoute");
    const rule = (prefix) => web?.spec.rules.find((r) => r.matches?.some((m) => m.path?.value === prefix));
    for (const prefix of ["/hubs", "/ws"]) {
      if (rule(prefix)?.timeouts?.request !== "0s") problems.push(`HTTPRoute: ${prefix} has a request timeout (WebSockets live for hours)`);
    }
    if (!rule("/hubs")?.sessionPersistence) problems.push("HTTPRoute: /hubs has no sessionPersistence (SignalR negotiate → connect)");
    if (!find(objects, "Service", "chat-gateway")?.spec.ports.some((p) => p.name === "grpc" && p.appProtocol === "kubernetes.io/h2c")) problems.push("the grpc Service port does not declare h2c");
    return problems;
  });

  report.run(`${label}: the routes replace the Ingresses (none left)`, () =>
    objects.filter((o) => o.kind === "Ingress").map((o) => `Ingress ${o.metadata.name} still rendered`));
}
