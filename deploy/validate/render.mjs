#!/usr/bin/env node
// A small kustomize for machines without one: renders exactly the subset of kustomization.yaml that k8s/
// uses (resources, components, namespace, labels, images, replicas, patches as strategic-merge files — including
// `$patch: delete` of a whole object — or JSON 6902 with a target) and refuses anything else, so it can never silently render something different.
// scripts/validate-deploy.sh prefers `kubectl kustomize` and, when both exist, checks that they agree.
//   node render.mjs k8s/overlays/dev > dev.yaml
import { readFileSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments, stringify } from "yaml";

const supported = new Set(["apiVersion", "kind", "namespace", "labels", "resources", "components", "images", "replicas", "patches"]);
const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "IngressClass"]);
const templated = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);
// Strategic-merge keys of the lists our patches touch (as the Kubernetes API declares them).
const mergeKeys = { containers: "name", initContainers: "name", env: "name", volumes: "name", volumeMounts: "mountPath", ports: "containerPort" };

const readYaml = (file) => parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean);

/**
 * Renders a Kustomization, or applies a Component (kind: Component) to `inherited`, the objects its parent has
 * accumulated so far. Order as kustomize: resources, then components (each adds its resources and transforms
 * everything accumulated), then this level's patches, namespace, labels, images and replicas.
 */
export function build(dir, inherited = null) {
  const kustomization = readYaml(path.join(dir, "kustomization.yaml"))[0];
  const unknown = Object.keys(kustomization).filter((k) => !supported.has(k));
  if (unknown.length) throw new Error(`${dir}: unsupported kustomization fields ${unknown.join(", ")}`);
  const component = kustomization.kind === "Component";
  if (component !== (inherited !== null)) throw new Error(`${dir}: a Component must be listed under components, and only a Component`);

  let objects = inherited ?? [];
  for (const entry of kustomization.resources ?? []) {
    const target = path.join(dir, entry);
    if (!existsSync(target)) throw new Error(`${dir}: resource ${entry} not found`);
    objects.push(...(statSync(target).isDirectory() ? build(target) : readYaml(target)));
  }
  for (const entry of kustomization.components ?? []) objects = build(path.join(dir, entry), objects);
  for (const patch of kustomization.patches ?? []) objects = applyPatch(dir, objects, patch);
  if (kustomization.namespace) setNamespace(objects, kustomization.namespace);
  for (const set of kustomization.labels ?? []) addLabels(objects, set);
  for (const image of kustomization.images ?? []) setImage(objects, image);
  for (const { name, count } of kustomization.replicas ?? []) {
    objects.filter((o) => o.metadata.name === name && o.spec?.replicas !== undefined).forEach((o) => { o.spec.replicas = count; });
  }
  return objects;
}

function applyPatch(dir, objects, { path: file, target, ...rest }) {
  if (Object.keys(rest).length || !file) throw new Error(`${dir}: only patches with a path (and a target) are supported`);
  const docs = readYaml(path.join(dir, file));
  if (Array.isArray(docs[0])) {
    if (!target?.kind || !target?.name) throw new Error(`${file}: a JSON 6902 patch needs a target kind and name`);
    const matches = objects.filter((o) => o.kind === target.kind && o.metadata.name === target.name);
    if (!matches.length) throw new Error(`${file}: no ${target.kind} ${target.name} to patch`);
    return objects.map((o) => (matches.includes(o) ? jsonPatch(o, docs[0], file) : o));
  }
  if (target) throw new Error(`${file}: strategic-merge patches are matched by their own kind and name, no target`);
  for (const patch of docs) {
    const match = objects.find((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
    if (!match) throw new Error(`${file}: no ${patch.kind} ${patch.metadata.name} to patch`);
    if (patch.$patch === "delete") objects = objects.filter((o) => o !== match);
    else objects[objects.indexOf(match)] = merge(match, patch, file);
  }
  return objects;
}

function merge(base, patch, file, key = "") {
  if (Array.isArray(patch)) {
    const mergeKey = mergeKeys[key];
    if (!mergeKey || !Array.isArray(base)) return structuredClone(patch);
    const out = structuredClone(base);
    for (const item of patch) {
      const at = out.findIndex((b) => b[mergeKey] === item[mergeKey]);
      if (at >= 0) out[at] = merge(out[at], item, file); else out.push(structuredClone(item));
    }
    return out;
  }
  if (patch && typeof patch === "object") {
    if (Object.keys(patch).some((k) => k.startsWith("$"))) throw new Error(`${file}: patch directives ($patch, ...) are not supported`);
    const out = base && typeof base === "object" && !Array.isArray(base) ? structuredClone(base) : {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k]; else out[k] = merge(out[k], v, file, k);
    }
    return out;
  }
  return patch;
}

function jsonPatch(object, operations, file) {
  const out = structuredClone(object);
  for (const { op, path: pointer, value } of operations) {
    const keys = pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop();
    let parent = out;
    for (const k of keys) {
      if (parent[k] === undefined) throw new Error(`${file}: ${pointer} does not exist`);
      parent = parent[k];
    }
    if (op === "remove") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last];
    } else if (op === "add" && Array.isArray(parent)) {
      parent.splice(last === "-" ? parent.length : Number(last), 0, structuredClone(value));
    } else if (op === "add" || (op === "replace" && parent[last] !== undefined)) {
      parent[last] = structuredClone(value);
    } else {
      throw new Error(`${file}: unsupported or impossible operation ${op} ${pointer}`);
    }
  }
  return out;
}

function setNamespace(objects, namespace) {
  for (const o of objects) {
    if (o.kind === "Namespace") o.metadata.name = namespace;
    else if (!clusterScoped.has(o.kind)) o.metadata.namespace = namespace;
    if (o.kind === "RoleBinding" || o.kind === "ClusterRoleBinding") {
      for (const s of o.subjects ?? []) if (s.kind === "ServiceAccount") s.namespace = namespace;
    }
  }
}

function addLabels(objects, { pairs, includeSelectors = false, includeTemplates = false, ...rest }) {
  if (includeSelectors || Object.keys(rest).length) throw new Error("labels: only pairs with includeTemplates are supported");
  const add = (meta) => { meta.labels = { ...meta.labels, ...pairs }; };
  for (const o of objects) {
    add(o.metadata);
    if (!includeTemplates || !templated.has(o.kind)) continue;
    add((o.spec.template.metadata ??= {}));
    for (const claim of o.spec.volumeClaimTemplates ?? []) add((claim.metadata ??= {}));
  }
}

function setImage(objects, { name, newName, newTag, ...rest }) {
  if (Object.keys(rest).length) throw new Error(`images: only name, newName and newTag are supported`);
  for (const o of objects.filter((x) => x.spec?.template?.spec)) {
    const spec = o.spec.template.spec;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      const colon = c.image.lastIndexOf(":");
      const hasTag = colon > c.image.lastIndexOf("/");
      const image = hasTag ? c.image.slice(0, colon) : c.image;
      const tag = newTag ?? (hasTag ? c.image.slice(colon + 1) : undefined);
      if (image === name) c.image = tag ? `${newName ?? image}:${tag}` : newName ?? image;
    }
  }
}

/** Differences between two renderings, compared as sets of objects (order of objects and keys ignored). */
export function compare(ours, theirs) {
  const key = (o) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
  const canonical = (v) => (Array.isArray(v) ? v.map(canonical)
    : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v);
  const index = (list) => new Map(list.map((o) => [key(o), JSON.stringify(canonical(o))]));
  const a = index(ours), b = index(theirs);
  return [
    ...[...b.keys()].filter((k) => !a.has(k)).map((k) => `${k} missing`),
    ...[...a.keys()].filter((k) => !b.has(k)).map((k) => `${k} extra`),
    ...[...a.keys()].filter((k) => b.has(k) && a.get(k) !== b.get(k)).map((k) => `${k} differs`),
  ];
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [dir, flag, other] = process.argv.slice(2);
  if (!dir) throw new Error("usage: node render.mjs <kustomization dir> [--compare rendered.yaml]");
  const objects = build(path.resolve(dir));
  if (flag === "--compare") {
    const differences = compare(objects, readYaml(other));
    differences.forEach((d) => console.log(d));
    process.exitCode = differences.length ? 1 : 0;
  } else {
    process.stdout.write(objects.map((o) => stringify(o)).join("---\n"));
  }
}
