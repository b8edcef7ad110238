// Facts taken from the code itself, so deployment files are checked against what the programs really read,
// listen on and emit: project files, configuration keys, Kestrel endpoints, metric names.
import path from "node:path";
import { read, exists, listFiles } from "./repo.mjs";

/** The two hosts the deployment runs. */
export const hosts = {
  silo: { dir: "src/Silo", csproj: "src/Silo/Silo.csproj", dockerfile: "deploy/silo.Dockerfile" },
  gateway: { dir: "src/Gateway", csproj: "src/Gateway/Gateway.csproj", dockerfile: "deploy/gateway.Dockerfile" },
};

/** AssemblyName of a project (its file name when none is set). */
export function assemblyName(csproj) {
  return read(csproj).match(/<AssemblyName>([^<]+)<\/AssemblyName>/)?.[1] ?? path.basename(csproj, ".csproj");
}

/** The folders of a project and of every project it references, transitively. */
export function projectClosure(csproj, seen = new Set()) {
  const dir = path.dirname(csproj);
  if (seen.has(dir)) return seen;
  seen.add(dir);
  for (const m of read(csproj).matchAll(/<ProjectReference\s+Include="([^"]+)"/g)) {
    projectClosure(path.normalize(path.join(dir, m[1].replace(/\\/g, "/"))), seen);
  }
  return seen;
}

/**
 * A host is a skeleton while its Program.cs is still the placeholder of the initial layout (it answers /health
 * with a constant "ok"): then the code-side checks have nothing to compare with and are skipped, not failed.
 */
export function isSkeleton(host) {
  const program = path.join(hosts[host].dir, "Program.cs");
  return !exists(program) || read(program).includes('MapGet("/health", () => "ok")');
}

const sourceCache = new Map();

/** All C# sources and appsettings files under src/, concatenated per kind. */
function sources() {
  if (!sourceCache.has("cs")) {
    sourceCache.set("cs", listFiles("src", (f) => f.endsWith(".cs")).map((f) => read(f)).join("\n"));
    sourceCache.set("json", listFiles("src", (f) => /appsettings.*\.json$/.test(path.basename(f))).map((f) => read(f)).join("\n"));
  }
  return { cs: sourceCache.get("cs"), json: sourceCache.get("json") };
}

/** Keys that ASP.NET Core, .NET, Orleans' Kubernetes hosting or the images consume, not our code. */
export function isPlatformKey(key) {
  return /^(ASPNETCORE_|DOTNET_|POD_|ORLEANS_(SERVICE|CLUSTER)_ID$|Kestrel__|Logging__(?!Json$))/.test(key);
}

/**
 * Whether the code (or its appsettings) reads an environment key such as `Jwt__SigningKey`:
 * a literal "Jwt:SigningKey", or the section "Jwt" named in code plus a member named SigningKey;
 * `ConnectionStrings__X` through GetConnectionString("X").
 */
export function codeReadsKey(key) {
  const { cs, json } = sources();
  const parts = key.split("__");
  if (parts[0] === "ConnectionStrings") {
    return cs.includes(`GetConnectionString("${parts[1]}")`) || cs.includes(`"ConnectionStrings:${parts[1]}"`);
  }
  if (cs.includes(`"${parts.join(":")}"`)) return true;
  const sectionNamed = cs.includes(`"${parts[0]}"`) || cs.includes(`"${parts[0]}:`) || json.includes(`"${parts[0]}"`);
  const memberNamed = new RegExp(`\\b${parts.at(-1)}\\b`).test(cs);
  return sectionNamed && memberNamed;
}

/** Kestrel endpoints that a host's appsettings*.json define: { name: url }. */
export function appsettingsEndpoints(host) {
  const endpoints = {};
  for (const file of listFiles(hosts[host].dir, (f) => /appsettings.*\.json$/.test(path.basename(f)))) {
    const json = JSON.parse(read(file).replace(/^\s*\/\/.*$/gm, ""));
    for (const [name, value] of Object.entries(json?.Kestrel?.Endpoints ?? {})) endpoints[name] = value?.Url ?? "";
  }
  return endpoints;
}

const unitSuffix = { ms: "_milliseconds", s: "_seconds", By: "_bytes" };

/**
 * The Prometheus series names that a metrics class (GatewayMetrics.cs, ChatGrainMetrics.cs) exports, as OpenTelemetry's exporter spells them:
 * dots become underscores, the unit becomes a suffix ({annotations} add none), counters end in _total.
 */
export function exportedMetrics(metricsFile) {
  if (!exists(metricsFile)) return [];
  const names = [];
  const pattern = /Create(Counter|UpDownCounter|Histogram|ObservableGauge)(?:<\w+>)?\(\s*"([^"]+)",\s*(?:"([^"]*)"|[^,]*,\s*unit:\s*null)/g;
  for (const [, kind, name, unit] of read(metricsFile).matchAll(pattern)) {
    const base = name.replace(/[.-]/g, "_") + (unitSuffix[unit] ?? "");
    names.push({ kind, name, series: kind === "Counter" ? `${base}_total` : base });
  }
  return names;
}

/** Whether a host's Program.cs (or any of its sources) calls a method, e.g. AddChatObservability. */
export function hostCalls(host, method) {
  return listFiles(hosts[host].dir, (f) => f.endsWith(".cs"))
    .some((f) => read(f).includes(`${method}(`));
}

/** Whether a host maps a route literal such as "/health/ready". */
export function hostMapsRoute(host, route) {
  return listFiles(hosts[host].dir, (f) => f.endsWith(".cs")).some((f) => read(f).includes(`"${route}"`));
}
