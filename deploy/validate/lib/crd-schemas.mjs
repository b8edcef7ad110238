// Structural schemas for the custom resources k8s/ uses, written from the CRDs' documented fields (no CRD files
// can be fetched offline): Prometheus Operator (monitoring.coreos.com/v1: PodMonitor, ServiceMonitor,
// PrometheusRule) and the Gateway API (gateway.networking.k8s.io/v1: HTTPRoute, GRPCRoute). They cover the fields
// we use and their neighbours, reject unknown fields (a misspelled `podMetricsEndpoint` fails) and check types,
// required fields, enums and duration formats. A field the CRD has but this file lacks fails too: add it here.

const str = { type: "string" };
const int = { type: "integer" };
const bool = { type: "boolean" };
const duration = { type: "string", pattern: /^(0|([0-9]+(\.[0-9]+)?(ms|s|m|h))+)$/ };
const map = (values) => ({ type: "map", values });
const list = (items, minItems = 0) => ({ type: "array", items, minItems });
const obj = (props, required = []) => ({ type: "object", props, required });
const oneOf = (...values) => ({ type: "string", enum: values });

const metadata = obj({ name: str, namespace: str, labels: map(str), annotations: map(str) }, ["name"]);
const labelSelector = obj({
  matchLabels: map(str),
  matchExpressions: list(obj({ key: str, operator: oneOf("In", "NotIn", "Exists", "DoesNotExist"), values: list(str) }, ["key", "operator"])),
});
const namespaceSelector = obj({ any: bool, matchNames: list(str) });
const relabel = obj({
  sourceLabels: list(str), separator: str, targetLabel: str, regex: str, modulus: int, replacement: str,
  action: oneOf("replace", "Replace", "keep", "Keep", "drop", "Drop", "hashmod", "HashMod", "labelmap", "LabelMap", "labeldrop", "LabelDrop", "labelkeep", "LabelKeep", "lowercase", "uppercase", "keepequal", "dropequal"),
});
const scrapeEndpoint = {
  path: str, scheme: oneOf("http", "https"), interval: duration, scrapeTimeout: duration, honorLabels: bool,
  honorTimestamps: bool, params: map(list(str)), relabelings: list(relabel), metricRelabelings: list(relabel),
  enableHttp2: bool, followRedirects: bool,
};
const podMonitor = obj({
  apiVersion: str, kind: str, metadata,
  spec: obj({
    jobLabel: str, podTargetLabels: list(str), selector: labelSelector, namespaceSelector, sampleLimit: int,
    podMetricsEndpoints: list(obj({ port: str, portNumber: int, targetPort: { type: "intOrString" }, ...scrapeEndpoint }), 1),
  }, ["selector", "podMetricsEndpoints"]),
}, ["apiVersion", "kind", "metadata", "spec"]);
const serviceMonitor = obj({
  apiVersion: str, kind: str, metadata,
  spec: obj({
    jobLabel: str, targetLabels: list(str), podTargetLabels: list(str), selector: labelSelector, namespaceSelector, sampleLimit: int,
    endpoints: list(obj({ port: str, targetPort: { type: "intOrString" }, ...scrapeEndpoint }), 1),
  }, ["selector", "endpoints"]),
}, ["apiVersion", "kind", "metadata", "spec"]);
const prometheusRule = obj({
  apiVersion: str, kind: str, metadata,
  spec: obj({
    groups: list(obj({
      name: str, interval: duration, limit: int, partial_response_strategy: str, labels: map(str),
      rules: list(obj({ alert: str, record: str, expr: str, for: duration, keep_firing_for: duration, labels: map(str), annotations: map(str) }, ["expr"]), 1),
    }, ["name", "rules"]), 1),
  }, ["groups"]),
}, ["apiVersion", "kind", "metadata", "spec"]);

const parentRef = obj({ group: str, kind: str, namespace: str, name: str, sectionName: str, port: int }, ["name"]);
const backendRef = obj({ group: str, kind: str, name: str, namespace: str, port: int, weight: int }, ["name"]);
const headerMatch = obj({ type: oneOf("Exact", "RegularExpression"), name: str, value: str }, ["name", "value"]);
const sessionPersistence = obj({
  sessionName: str, absoluteTimeout: duration, idleTimeout: duration, type: oneOf("Cookie", "Header"),
  cookieConfig: obj({ lifetimeType: oneOf("Permanent", "Session") }),
});
const httpRoute = obj({
  apiVersion: str, kind: str, metadata,
  spec: obj({
    parentRefs: list(parentRef, 1),
    hostnames: list({ type: "string", pattern: /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/ }),
    rules: list(obj({
      name: str,
      matches: list(obj({
        path: obj({ type: oneOf("Exact", "PathPrefix", "RegularExpression"), value: str }),
        headers: list(headerMatch), queryParams: list(headerMatch), method: oneOf("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"),
      })),
      backendRefs: list(backendRef),
      timeouts: obj({ request: duration, backendRequest: duration }),
      sessionPersistence,
    })),
  }),
}, ["apiVersion", "kind", "metadata", "spec"]);
const grpcRoute = obj({
  apiVersion: str, kind: str, metadata,
  spec: obj({
    parentRefs: list(parentRef, 1),
    hostnames: httpRoute.props.spec.props.hostnames,
    rules: list(obj({
      name: str,
      matches: list(obj({ method: obj({ type: oneOf("Exact", "RegularExpression"), service: str, method: str }), headers: list(headerMatch) })),
      backendRefs: list(backendRef),
      sessionPersistence,
    })),
  }),
}, ["apiVersion", "kind", "metadata", "spec"]);

const schemas = {
  "monitoring.coreos.com/v1/PodMonitor": podMonitor,
  "monitoring.coreos.com/v1/ServiceMonitor": serviceMonitor,
  "monitoring.coreos.com/v1/PrometheusRule": prometheusRule,
  "gateway.networking.k8s.io/v1/HTTPRoute": httpRoute,
  "gateway.networking.k8s.io/v1/GRPCRoute": grpcRoute,
};

/** True for the custom resources this file knows (kubernetes-models has no schema for them). */
export const isCustomResource = (o) => `${o.apiVersion}/${o.kind}` in schemas;

/** Errors of one custom resource against its schema ("spec.podMetricsEndpoints[0].prot: unknown field"). */
export function validateCustom(object) {
  const schema = schemas[`${object.apiVersion}/${object.kind}`];
  if (!schema) return [`no schema for ${object.apiVersion} ${object.kind}`];
  const errors = [];
  check(schema, object, "", errors);
  return errors;
}

function check(schema, value, at, errors) {
  const where = at || "/";
  switch (schema.type) {
    case "object":
      if (!value || typeof value !== "object" || Array.isArray(value)) return void errors.push(`${where}: not an object`);
      for (const key of schema.required) if (value[key] === undefined) errors.push(`${where}: ${key} is required`);
      for (const [key, v] of Object.entries(value)) {
        const path = at ? `${at}.${key}` : key;
        if (!(key in schema.props)) errors.push(`${path}: unknown field`);
        else check(schema.props[key], v, path, errors);
      }
      return;
    case "map":
      if (!value || typeof value !== "object" || Array.isArray(value)) return void errors.push(`${where}: not a map`);
      for (const [key, v] of Object.entries(value)) check(schema.values, v, `${at}.${key}`, errors);
      return;
    case "array":
      if (!Array.isArray(value)) return void errors.push(`${where}: not a list`);
      if (value.length < schema.minItems) errors.push(`${where}: needs at least ${schema.minItems} item(s)`);
      value.forEach((item, i) => check(schema.items, item, `${at}[${i}]`, errors));
      return;
    case "string":
      if (typeof value !== "string") return void errors.push(`${where}: not a string`);
      if (schema.enum && !schema.enum.includes(value)) errors.push(`${where}: ${value} is not one of ${schema.enum.join(", ")}`);
      if (schema.pattern && !schema.pattern.test(value)) errors.push(`${where}: ${value} has the wrong format`);
      return;
    case "integer":
      if (!Number.isInteger(value)) errors.push(`${where}: not an integer`);
      return;
    case "boolean":
      if (typeof value !== "boolean") errors.push(`${where}: not a boolean`);
      return;
    case "intOrString":
      if (!Number.isInteger(value) && typeof value !== "string") errors.push(`${where}: neither an integer nor a string`);
      return;
  }
}
