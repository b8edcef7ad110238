// docker-compose.yml checks beyond `docker-compose config -q`: health-gated start order, secrets from .env,
// the proxy's upstreams, and the same images, ports and ids as the Kubernetes manifests.
import { read, yamlFile, envFile, interpolate, variableReferences, environmentOf, urlPort } from "./repo.mjs";
import { hosts } from "./code.mjs";

const composeFile = "docker-compose.yml";
const envExample = ".env.example";

/** The compose model with .env.example's values substituted (what `docker compose` would run). */
export function loadCompose() {
  const raw = yamlFile(composeFile);
  return interpolate({ services: raw.services, volumes: raw.volumes }, envFile(envExample));
}

/** Services running a host's image (silo-1, silo-2 / gateway-1, gateway-2). */
export function servicesOf(compose, host) {
  return Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === hosts[host].dockerfile);
}

/** nginx upstream blocks: { name: ["host:port", ...] }. */
export function nginxUpstreams(text) {
  const upstreams = {};
  for (const m of text.matchAll(/upstream\s+(\w+)\s*\{([^}]*)\}/g)) {
    upstreams[m[1]] = [...m[2].matchAll(/^\s*server\s+(\S+)/gm)].map((s) => s[1]);
  }
  return upstreams;
}

export function checkCompose(report) {
  const compose = loadCompose();
  const services = Object.entries(compose.services);

  report.run("compose: every service has a health check and a restart policy", () =>
    services.flatMap(([name, s]) => [
      s.healthcheck?.test ? null : `${name} has no healthcheck`,
      s.restart ? null : `${name} has no restart policy`,
    ]));

  report.run("compose: start order waits for health (depends_on: service_healthy)", () =>
    services.flatMap(([name, s]) => Object.entries(s.depends_on ?? {})
      .filter(([, d]) => d?.condition !== "service_healthy")
      .map(([dep]) => `${name} → ${dep} does not wait for service_healthy`)));

  report.run("compose: data lives in declared named volumes", () => {
    const declared = Object.keys(compose.volumes ?? {});
    const used = services.flatMap(([, s]) => (s.volumes ?? []).map((v) => String(v).split(":")[0]))
      .filter((source) => !source.startsWith(".") && !source.startsWith("/"));
    return [
      ...used.filter((v) => !declared.includes(v)).map((v) => `${v} is not declared`),
      ...declared.filter((v) => !used.includes(v)).map((v) => `${v} is declared but unused`),
      ...["mysql", "redis"].filter((s) => !(compose.services[s]?.volumes ?? []).length).map((s) => `${s} keeps no volume`),
    ];
  });

  report.run("compose: two silos and two gateways, behind one proxy that alone publishes public ports", () => {
    const silos = servicesOf(compose, "silo"), gateways = servicesOf(compose, "gateway");
    const publishing = services.filter(([, s]) => (s.ports ?? []).some((p) => !String(p).startsWith("127.0.0.1:")));
    return [
      silos.length === 2 ? null : `${silos.length} silos`,
      gateways.length === 2 ? null : `${gateways.length} gateways`,
      publishing.length === 1 && publishing[0][0] === "proxy" ? null : `public ports on ${publishing.map(([n]) => n).join(", ")}`,
    ];
  });

  report.run("compose: .env.example sets every required variable and names no unused one", () => {
    const text = read(composeFile);
    const refs = variableReferences(text);
    const example = envFile(envExample);
    const names = new Set(refs.map((r) => r.name));
    return [
      ...[...new Set(refs.filter((r) => r.required).map((r) => r.name))].filter((n) => !example[n]).map((n) => `${n} is required but not in ${envExample}`),
      ...Object.keys(example).filter((n) => !names.has(n)).map((n) => `${n} in ${envExample} is never used`),
    ];
  });

  report.run("compose: the proxy's upstreams are exactly the gateway services on their configured ports", () => {
    const upstreams = nginxUpstreams(read("deploy/nginx.conf"));
    const gateways = servicesOf(compose, "gateway");
    const expected = (endpoint) => gateways.map(([name, s]) =>
      `${name}:${urlPort(environmentOf(s)[`Kestrel__Endpoints__${endpoint}__Url`])}`).sort().join(",");
    const problems = [];
    for (const [upstream, servers] of Object.entries(upstreams)) {
      const endpoint = upstream.includes("grpc") ? "Grpc" : "Http";
      if (servers.slice().sort().join(",") !== expected(endpoint)) {
        problems.push(`${upstream} has ${servers.join(",")} but the gateways serve ${expected(endpoint)}`);
      }
    }
    return Object.keys(upstreams).length ? problems : ["no upstream in deploy/nginx.conf"];
  });

  report.run("compose: the proxy forwards WebSocket upgrades and keeps long-lived connections open", () => {
    const conf = read("deploy/nginx.conf");
    return [
      /proxy_set_header\s+Upgrade\s+\$http_upgrade/.test(conf) ? null : "no Upgrade header forwarding",
      /proxy_set_header\s+Connection\s+\$connection_upgrade/.test(conf) ? null : "no Connection upgrade mapping",
      /location\s+\/hubs\/[\s\S]*?proxy_read_timeout\s+(\d+h|\d{4,}s?)/.test(conf) ? null : "SignalR location keeps a short read timeout",
      /location\s+=\s+\/ws[\s\S]*?proxy_read_timeout\s+(\d+h|\d{4,}s?)/.test(conf) ? null : "/ws location keeps a short read timeout",
      ...nginxMetricsProblems(conf),
      ...nginxTokenLogProblems(conf),
      (conf.match(/\{/g) ?? []).length === (conf.match(/\}/g) ?? []).length ? null : "unbalanced braces",
    ];
  });

  report.run("compose: silos and gateways get their configuration from the environment", () =>
    ["silo", "gateway"].flatMap((host) => servicesOf(compose, host).flatMap(([name, s]) => {
      const env = environmentOf(s);
      const needed = host === "silo"
        ? ["ConnectionStrings__MySql", "ConnectionStrings__Redis", "Orleans__ClusterId", "Orleans__ServiceId", "Orleans__SiloPort", "Orleans__GatewayPort", "Kestrel__Endpoints__Http__Url"]
        : ["ConnectionStrings__Redis", "Jwt__SigningKey", "Orleans__ClusterId", "Orleans__ServiceId", "Kestrel__Endpoints__Http__Url", "Kestrel__Endpoints__Grpc__Url"];
      return [
        ...needed.filter((k) => !env[k]).map((k) => `${name} lacks ${k}`),
        ...Object.entries(env).filter(([k, v]) => k.startsWith("Kestrel__") && v.includes("127.0.0.1")).map(([k]) => `${name}: ${k} binds loopback`),
      ];
    })));
}

/** nginx's normalisation of a request path before location matching: %XX decoded, // merged, . and .. resolved. */
function nginxNormalize(path) {
  const decoded = decodeURIComponent(path).replace(/\/{2,}/g, "/");
  const out = [];
  for (const segment of decoded.split("/").slice(1)) {
    if (segment === ".") continue;
    if (segment === "..") out.pop(); else out.push(segment);
  }
  return "/" + out.join("/");
}

/** /metrics must end in a `return 404` location under every spelling the gateway's routing would accept. */
function nginxMetricsProblems(conf) {
  const m = conf.match(/location\s+~\*\s+(\S+)\s*\{\s*return\s+404/);
  if (!m) return ["no case-insensitive location returns 404 for /metrics"];
  const refused = new RegExp(m[1], "i");
  const spellings = ["/metrics", "/METRICS", "/Metrics", "//metrics", "/metrics/", "/%6Detrics", "/metrics%2F",
    "/%2Fmetrics", "/./metrics", "/hubs/../metrics"];
  return spellings.filter((s) => !refused.test(nginxNormalize(s))).map((s) => `${s} reaches the gateway's /metrics`);
}

/** The access log format must not contain ?access_token=... (SignalR and /ws put the bearer token there). */
function nginxTokenLogProblems(conf) {
  const map = conf.match(/map\s+\$request\s+\$(\w+)\s*\{\s*"~\*([^"]+)"\s+"([^"]+)"/);
  if (!map) return ["no map redacting access_token from $request"];
  const [, variable, pattern, replacement] = map;
  const format = conf.match(/log_format\s+(\w+)([^;]+);/);
  const problems = [];
  if (!format || !format[2].includes(`$${variable}`) || format[2].includes("$request\"") || format[2].includes("$request_uri")) {
    problems.push("the log format writes the raw request line");
  }
  if (!format || !new RegExp(`access_log\\s+\\S+\\s+${format[1]}\\s*;`).test(conf)) problems.push("access_log does not use the redacting format");
  const redact = (line) => line.replace(new RegExp(pattern, "i"), replacement.replace(/\$\{(\w+)\}/g, "$<$1>"));
  for (const line of ["GET /hubs/chat?id=abc&access_token=eyJsecret.part HTTP/1.1", "GET /ws?ACCESS_TOKEN=eyJsecret HTTP/1.1",
    "GET /ws?access_token=eyJsecret&x=1 HTTP/1.1"]) {
    if (redact(line).includes("eyJsecret")) problems.push(`a token survives in the log: ${redact(line)}`);
  }
  return problems;
}
