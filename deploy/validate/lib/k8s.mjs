// Checks of a rendered overlay (the output of `kustomize build`): schemas, references between objects,
// probes, shutdown timing, and what Orleans' Kubernetes hosting needs.
import { validateModel, unknownFields } from "./k8s-schema.mjs";
import { urlPort } from "./repo.mjs";
import { imageAppUid } from "./docker.mjs";
import { checkNetworkPolicies } from "./network.mjs";

const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
const podSpec = (o) => o.spec?.template?.spec;
const containerEnv = (c) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "IngressClass"]);

/** The env values a container sees (literal values, plus the keys envFrom brings from ConfigMaps). */
function effectiveEnv(objects, container) {
  const env = {};
  for (const from of container.envFrom ?? []) {
    const map = from.configMapRef && find(objects, "ConfigMap", from.configMapRef.name);
    Object.assign(env, map?.data ?? {});
  }
  for (const e of container.env ?? []) env[e.name] = e.value ?? (e.valueFrom ? "<from>" : "");
  return env;
}

export async function checkOverlay(report, name, objects, { secretSource, datastores = true } = {}) {
  const label = `k8s/${name}`;
  const workloads = objects.filter((o) => ["Deployment", "StatefulSet"].includes(o.kind));
  const chatDeployments = ["chat-silo", "chat-gateway"].map((n) => find(objects, "Deployment", n));
  const [silo, gateway] = chatDeployments;
  const secrets = [...objects.filter((o) => o.kind === "Secret"), ...(secretSource ? [secretSource] : [])];

  const schemaProblems = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    for (const e of [...await validateModel(o), ...unknownFields(o)]) schemaProblems.push(`${id}: ${e}`);
  }
  report.check(`${label}: ${objects.length} objects valid against the Kubernetes schemas, no unknown field`, schemaProblems);

  report.run(`${label}: silo and gateway Deployments exist`, () =>
    chatDeployments.map((d, i) => (d ? null : `${["chat-silo", "chat-gateway"][i]} missing`)));
  if (!silo || !gateway) return;

  const namespace = objects.find((o) => o.kind === "Namespace")?.metadata.name;
  report.run(`${label}: every namespaced object is in namespace ${namespace}`, () =>
    objects.filter((o) => !clusterScoped.has(o.kind) && o.metadata.namespace !== namespace)
      .map((o) => `${o.kind}/${o.metadata.name} in ${o.metadata.namespace}`));

  // Gateways are live while they serve (/health/live), cluster or not: their start-up and liveness probes never
  // depend on the silos. A silo's /health (the process, no datastore) is its start-up and liveness probe.
  const livenessPath = (d) => (d.metadata.name.includes("gateway") ? "/health/live" : "/health");
  report.run(`${label}: chat containers have startup and liveness (silo /health, gateway /health/live) and readiness (/health/ready) probes`, () =>
    chatDeployments.flatMap((d) => podSpec(d).containers.flatMap((c) => [
      c.startupProbe?.httpGet?.path === livenessPath(d) ? null : `${d.metadata.name}: startupProbe not on ${livenessPath(d)}`,
      c.readinessProbe?.httpGet?.path === "/health/ready" ? null : `${d.metadata.name}: readinessProbe not on /health/ready`,
      c.livenessProbe?.httpGet?.path === livenessPath(d) ? null : `${d.metadata.name}: livenessProbe not on ${livenessPath(d)}`,
    ])));

  // A gateway starts listening only once it reached the cluster: on a cold cluster it waits for a silo, so its
  // start-up budget must outlast the silo's with a minute to spare, or gateways restart in a loop.
  const budget = (probe) => (probe?.initialDelaySeconds ?? 0) + (probe?.periodSeconds ?? 10) * (probe?.failureThreshold ?? 3);
  report.run(`${label}: the gateway's startupProbe outlasts a cold silo's (budget ≥ silo's + 60 s)`, () => {
    const [siloBudget, gatewayBudget] = chatDeployments.map((d) => budget(podSpec(d).containers[0].startupProbe));
    return gatewayBudget >= siloBudget + 60 ? [] : [`gateway ${gatewayBudget} s < silo ${siloBudget} s + 60 s`];
  });

  report.run(`${label}: every container requests CPU and memory and limits memory`, () =>
    workloads.flatMap((w) => podSpec(w).containers.flatMap((c) => [
      c.resources?.requests?.cpu && c.resources?.requests?.memory ? null : `${w.metadata.name}/${c.name} lacks requests`,
      c.resources?.limits?.memory ? null : `${w.metadata.name}/${c.name} lacks a memory limit`,
    ])));

  report.run(`${label}: chat pods run as the image's non-root user with a read-only root file system`, () =>
    chatDeployments.flatMap((d) => {
      const pod = podSpec(d);
      return [
        pod.securityContext?.runAsNonRoot === true ? null : `${d.metadata.name}: runAsNonRoot not set`,
        pod.securityContext?.runAsUser === imageAppUid ? null : `${d.metadata.name}: runAsUser is not the image's APP_UID ${imageAppUid}`,
        ...pod.containers.flatMap((c) => [
          c.securityContext?.readOnlyRootFilesystem ? null : `${c.name}: root file system writable`,
          c.securityContext?.allowPrivilegeEscalation === false ? null : `${c.name}: privilege escalation allowed`,
          (c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp") ? null : `${c.name}: no writable /tmp`,
        ]),
      ];
    }));

  report.run(`${label}: named ports agree with the Kestrel and Orleans settings`, () =>
    chatDeployments.flatMap((d) => podSpec(d).containers.flatMap((c) => {
      const env = effectiveEnv(objects, c);
      const port = (n) => c.ports?.find((p) => p.name === n)?.containerPort;
      const expect = [["http", urlPort(env.Kestrel__Endpoints__Http__Url)]];
      if (d === gateway) expect.push(["grpc", urlPort(env.Kestrel__Endpoints__Grpc__Url)], ["metrics", urlPort(env.Kestrel__Endpoints__Metrics__Url)], ["metrics", Number(env.Observability__MetricsPort)]);
      if (d === silo) expect.push(["silo", Number(env.Orleans__SiloPort)], ["orleans-gw", Number(env.Orleans__GatewayPort)]);
      const scrape = d.spec.template.metadata.annotations?.["prometheus.io/port"];
      return [
        ...expect.filter(([n, p]) => !p || port(n) !== p).map(([n, p]) => `${d.metadata.name}: port ${n}=${port(n)} but settings say ${p}`),
        Number(scrape) === (port("metrics") ?? port("http")) ? null : `${d.metadata.name}: prometheus.io/port ${scrape} is not the metrics port`,
      ];
    })));

  report.run(`${label}: graceful shutdown fits the grace period (host timeout + preStop < terminationGracePeriodSeconds)`, () =>
    chatDeployments.flatMap((d) => podSpec(d).containers.map((c) => {
      const timeout = Number(effectiveEnv(objects, c).DOTNET_shutdownTimeoutSeconds ?? 30);
      const preStop = Number(c.lifecycle?.preStop?.exec?.command?.join(" ").match(/sleep\s+(\d+)/)?.[1] ?? 0);
      const grace = podSpec(d).terminationGracePeriodSeconds ?? 30;
      return timeout + preStop < grace ? null : `${d.metadata.name}: ${timeout}s + ${preStop}s ≥ ${grace}s`;
    })));

  report.run(`${label}: Secret, ConfigMap and ServiceAccount references resolve`, () =>
    workloads.flatMap((w) => {
      const pod = podSpec(w);
      const problems = [];
      if (pod.serviceAccountName && !find(objects, "ServiceAccount", pod.serviceAccountName)) problems.push(`${w.metadata.name}: no ServiceAccount ${pod.serviceAccountName}`);
      for (const c of pod.containers) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
          if (!ref) continue;
          const pool = e.valueFrom.secretKeyRef ? secrets : objects.filter((o) => o.kind === "ConfigMap");
          const source = pool.find((o) => o.metadata.name === ref.name);
          const keys = Object.keys({ ...source?.data, ...source?.stringData });
          if (!keys.includes(ref.key)) problems.push(`${w.metadata.name}/${c.name}: ${e.name} → ${ref.name}.${ref.key} not found`);
        }
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef && !find(objects, "ConfigMap", from.configMapRef.name)) problems.push(`${c.name}: no ConfigMap ${from.configMapRef.name}`);
        }
      }
      return problems;
    }));

  report.run(`${label}: Services, the Ingress, PDBs and the HPA point at things that exist`, () => {
    const pods = workloads.map((w) => ({ w, labels: w.spec.template.metadata.labels }));
    const problems = [];
    for (const svc of objects.filter((o) => o.kind === "Service" && o.spec.type !== "ExternalName")) {
      const targets = pods.filter((p) => matches(svc.spec.selector, p.labels));
      if (!targets.length) problems.push(`Service ${svc.metadata.name} selects no pod`);
      for (const port of svc.spec.ports ?? []) {
        const named = targets.some((p) => podSpec(p.w).containers.some((c) => c.ports?.some((cp) => cp.name === port.targetPort || cp.containerPort === port.targetPort)));
        if (targets.length && !named) problems.push(`Service ${svc.metadata.name}: no container port ${port.targetPort}`);
      }
    }
    for (const ing of objects.filter((o) => o.kind === "Ingress")) {
      for (const path of ing.spec.rules.flatMap((r) => r.http.paths)) {
        const svc = find(objects, "Service", path.backend.service.name);
        if (!svc?.spec.ports.some((p) => p.name === path.backend.service.port.name)) problems.push(`Ingress ${ing.metadata.name}: no ${path.backend.service.name}:${path.backend.service.port.name}`);
      }
    }
    for (const pdb of objects.filter((o) => o.kind === "PodDisruptionBudget")) {
      if (!pods.some((p) => matches(pdb.spec.selector.matchLabels, p.labels))) problems.push(`PDB ${pdb.metadata.name} selects no pod`);
    }
    for (const hpa of objects.filter((o) => o.kind === "HorizontalPodAutoscaler")) {
      if (!find(objects, hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name)) problems.push(`HPA ${hpa.metadata.name}: no target`);
      if (hpa.spec.minReplicas > hpa.spec.maxReplicas) problems.push(`HPA ${hpa.metadata.name}: min > max`);
    }
    for (const name of ["chat-silo", "chat-gateway"]) {
      if (!find(objects, "PodDisruptionBudget", name)) problems.push(`no PodDisruptionBudget ${name}`);
    }
    return problems;
  });

  report.run(`${label}: silo pods carry what Orleans' Kubernetes hosting reads`, () => {
    const pod = silo.spec.template;
    const config = find(objects, "ConfigMap", "chat-config")?.data ?? {};
    const env = containerEnv(pod.spec.containers[0]);
    const field = (n) => env[n]?.valueFrom?.fieldRef?.fieldPath;
    const role = find(objects, "Role", "chat-silo-pods");
    const binding = objects.find((o) => o.kind === "RoleBinding" && o.roleRef.name === role?.metadata.name);
    const verbs = role?.rules.find((r) => r.resources.includes("pods"))?.verbs ?? [];
    const headless = objects.find((o) => o.kind === "Service" && o.spec.clusterIP === "None" && matches(o.spec.selector, pod.metadata.labels));
    return [
      pod.metadata.labels["orleans/clusterId"] === config.Orleans__ClusterId ? null : "label orleans/clusterId ≠ Orleans__ClusterId",
      pod.metadata.labels["orleans/serviceId"] === config.Orleans__ServiceId ? null : "label orleans/serviceId ≠ Orleans__ServiceId",
      field("POD_NAME") === "metadata.name" ? null : "POD_NAME not from metadata.name",
      field("POD_NAMESPACE") === "metadata.namespace" ? null : "POD_NAMESPACE not from metadata.namespace",
      field("POD_IP") === "status.podIP" ? null : "POD_IP not from status.podIP",
      field("ORLEANS_CLUSTER_ID") === "metadata.labels['orleans/clusterId']" ? null : "ORLEANS_CLUSTER_ID not from the pod label",
      field("ORLEANS_SERVICE_ID") === "metadata.labels['orleans/serviceId']" ? null : "ORLEANS_SERVICE_ID not from the pod label",
      ...["get", "list", "watch", "patch"].filter((v) => !verbs.includes(v)).map((v) => `Role lacks pods/${v}`),
      binding?.subjects?.some((s) => s.kind === "ServiceAccount" && s.name === pod.spec.serviceAccountName) ? null : "the silo's ServiceAccount is not bound to the Role",
      headless ? null : "no headless Service for the silos",
    ];
  });

  checkNetworkPolicies(report, label, objects, namespace);

  if (!datastores) return;
  report.run(`${label}: connection strings name datastores that exist in the overlay`, () => {
    const secret = secrets.find((s) => s.metadata.name === "chat-secrets");
    const data = { ...secret?.stringData };
    const mysqlHost = data.ConnectionStrings__MySql?.match(/Server=([^;]+)/i)?.[1];
    const redisHost = data.ConnectionStrings__Redis?.split(/[,:]/)[0];
    return [mysqlHost, redisHost].map((host) => (host && find(objects, "Service", host) ? null : `no Service named ${host}`));
  });
}
