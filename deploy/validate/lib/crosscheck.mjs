// Agreement between the code, the compose file and the Kubernetes manifests: the same configuration keys,
// images, cluster ids and endpoints everywhere, and keys that the programs really read.
import { environmentOf } from "./repo.mjs";
import { hosts, isSkeleton, isPlatformKey, codeReadsKey, appsettingsEndpoints, hostCalls, hostMapsRoute } from "./code.mjs";
import { loadCompose, servicesOf } from "./compose.mjs";
import { parseDockerfile, stageEnv } from "./docker.mjs";

/** Settings that exist in one environment only, each for a stated reason. */
const environmentSpecific = {
  // Kubernetes only: pod identity and the advertised pod IP (compose silos resolve their own address).
  POD_NAME: "k8s", POD_NAMESPACE: "k8s", POD_IP: "k8s", ORLEANS_CLUSTER_ID: "k8s", ORLEANS_SERVICE_ID: "k8s",
  Orleans__AdvertisedIPAddress: "k8s",
  // Kubernetes only: host shutdown budget aligned with terminationGracePeriodSeconds.
  DOTNET_shutdownTimeoutSeconds: "k8s",
  // Kubernetes only: /metrics on its own port, out of the Ingress' reach (compose's proxy blocks the path).
  Kestrel__Endpoints__Metrics__Url: "k8s", Observability__MetricsPort: "k8s",
  // Set by the image's ENV already; Kubernetes restates it to be explicit.
  Kestrel__Endpoints__Grpc__Protocols: "k8s",
};

const deployment = (objects, name) => objects.find((o) => o.kind === "Deployment" && o.metadata.name === name);

/** Every environment key a host's container gets in a rendered overlay (ConfigMaps expanded). */
function k8sKeys(objects, host) {
  const container = deployment(objects, `chat-${host}`).spec.template.spec.containers[0];
  const keys = new Set((container.env ?? []).map((e) => e.name));
  for (const from of container.envFrom ?? []) {
    const map = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === from.configMapRef?.name);
    Object.keys(map?.data ?? {}).forEach((k) => keys.add(k));
  }
  return keys;
}

export function checkCrossReferences(report, overlays) {
  const compose = loadCompose();
  const base = overlays.base;

  for (const host of Object.keys(hosts)) {
    const composeKeys = new Set(servicesOf(compose, host).flatMap(([, s]) => Object.keys(environmentOf(s))));
    const kubeKeys = k8sKeys(base, host);

    report.run(`${host}: compose and Kubernetes set the same configuration keys (apart from stated exceptions)`, () => [
      ...[...composeKeys].filter((k) => !kubeKeys.has(k)).map((k) => `${k} only in compose`),
      ...[...kubeKeys].filter((k) => !composeKeys.has(k) && !environmentSpecific[k]).map((k) => `${k} only in k8s`),
    ]);

    const appKeys = [...new Set([...composeKeys, ...kubeKeys])].filter((k) => !isPlatformKey(k));
    if (isSkeleton(host)) {
      report.skip(`${host}: the code reads every key the deployment sets`, `${hosts[host].dir} is still a skeleton`);
      report.skip(`${host}: the code maps /health, /health/ready and wires AddChatObservability/MapChatObservability`, `${hosts[host].dir} is still a skeleton`);
    } else {
      report.run(`${host}: the code reads every key the deployment sets`, () =>
        appKeys.filter((k) => !codeReadsKey(k)).map((k) => `${k} is set but no code reads it`));
      report.run(`${host}: the code maps /health, /health/ready and wires AddChatObservability/MapChatObservability`, () => [
        ...["/health", "/health/ready"].filter((r) => !hostMapsRoute(host, r)).map((r) => `${r} not mapped`),
        ...["AddChatObservability", "MapChatObservability"].filter((m) => !hostCalls(host, m)).map((m) => `${m} not called`),
      ]);
    }

    report.run(`${host}: every Kestrel endpoint in appsettings is rebound by the deployment (else it stays on loopback)`, () => {
      const imageEnv = stageEnv(parseDockerfile(hosts[host].dockerfile).final);
      const bound = new Set([...composeKeys, ...kubeKeys, ...Object.keys(imageEnv)]);
      return Object.keys(appsettingsEndpoints(host))
        .filter((name) => !bound.has(`Kestrel__Endpoints__${name}__Url`))
        .map((name) => `endpoint ${name} is not overridden`);
    });

    report.run(`${host}: compose, the Kubernetes base and the overlays name the same image`, () => {
      const composeImages = servicesOf(compose, host).map(([, s]) => s.image.split(":")[0]);
      const kubeImage = deployment(base, `chat-${host}`).spec.template.spec.containers[0].image.split(":")[0];
      const problems = composeImages.filter((i) => i !== kubeImage).map((i) => `compose ${i} ≠ k8s ${kubeImage}`);
      for (const [name, objects] of Object.entries(overlays)) {
        const image = deployment(objects, `chat-${host}`).spec.template.spec.containers[0].image;
        if (!image.split(":")[0].endsWith(kubeImage)) problems.push(`${name} runs ${image}`);
      }
      return problems;
    });
  }

  report.run("compose and Kubernetes use the same Orleans cluster and service ids", () => {
    const config = base.find((o) => o.kind === "ConfigMap" && o.metadata.name === "chat-config").data;
    return servicesOf(compose, "silo").concat(servicesOf(compose, "gateway")).flatMap(([name, s]) => {
      const env = environmentOf(s);
      return ["Orleans__ClusterId", "Orleans__ServiceId"]
        .filter((k) => env[k] !== config[k]).map((k) => `${name}: ${k}=${env[k]} but k8s says ${config[k]}`);
    });
  });
}

/** Differences between environments that are the point of having them. */
export function checkOverlayIntent(report, overlays) {
  const { dev, prod } = overlays;
  const byKind = (objects, kind) => objects.filter((o) => o.kind === kind);

  report.run("k8s/dev: MySQL and Redis run in the cluster as StatefulSets with volumes", () =>
    ["mysql", "redis"].map((n) => {
      const set = byKind(dev, "StatefulSet").find((s) => s.metadata.name === n);
      return set?.spec.volumeClaimTemplates?.length ? null : `${n} StatefulSet with a volume missing`;
    }));

  report.run("k8s/prod: MySQL and Redis are external (ExternalName Services), no datastore runs in the cluster", () => [
    ...["mysql", "redis"].filter((n) => !byKind(prod, "Service").some((s) => s.metadata.name === n && s.spec.type === "ExternalName")).map((n) => `${n} is not an ExternalName Service`),
    ...byKind(prod, "StatefulSet").map((s) => `StatefulSet ${s.metadata.name} in prod`),
  ]);

  report.run("k8s/prod: no Secret is rendered from git (chat-secrets is created out of band)", () =>
    byKind(prod, "Secret").map((s) => `Secret ${s.metadata.name} is rendered`));

  report.run("k8s/prod: images are pinned to a registry and a version tag", () =>
    byKind(prod, "Deployment").flatMap((d) => d.spec.template.spec.containers.map((c) =>
      /^[\w.-]+\.[\w.-]+(:\d+)?\/.+:(?!latest$)[\w.-]+$/.test(c.image) ? null : `${d.metadata.name} runs ${c.image}`)));

  report.run("k8s/prod: every Ingress terminates TLS", () =>
    byKind(prod, "Ingress").filter((i) => !i.spec.tls?.length).map((i) => `Ingress ${i.metadata.name} has no tls`));

  report.run("k8s/prod: at least three silos and three gateways, HPA minimum included", () => {
    const hpa = byKind(prod, "HorizontalPodAutoscaler")[0];
    return [
      deployment(prod, "chat-silo").spec.replicas >= 3 ? null : "fewer than 3 silos",
      deployment(prod, "chat-gateway").spec.replicas >= 3 ? null : "fewer than 3 gateways",
      hpa?.spec.minReplicas >= 3 ? null : "HPA minReplicas below 3",
    ];
  });
}
