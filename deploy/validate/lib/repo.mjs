// Reading the repository: files, YAML, the compose variables, C# sources and project files.
import { readFileSync, existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments, parse } from "yaml";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

export const abs = (relative) => path.join(root, relative);
export const exists = (relative) => existsSync(abs(relative));
export const read = (relative) => readFileSync(abs(relative), "utf8");

/** All documents of a (multi-document) YAML file or string; `merge` resolves compose's `<<:` keys. */
export function yamlDocuments(text) {
  return parseAllDocuments(text, { merge: true })
    .map((doc) => {
      if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join("; "));
      return doc.toJS();
    })
    .filter((doc) => doc !== null && doc !== undefined);
}

export const yamlFile = (relative) => parse(read(relative), { merge: true });

/** Files under a folder (relative paths), skipping build output and dependencies. */
export function listFiles(relativeDir, predicate = () => true) {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(abs(dir))) return;
    for (const name of readdirSync(abs(dir))) {
      if (["bin", "obj", "node_modules", "wwwroot"].includes(name)) continue;
      const rel = path.join(dir, name);
      if (statSync(abs(rel)).isDirectory()) walk(rel);
      else if (predicate(rel)) out.push(rel);
    }
  };
  walk(relativeDir);
  return out;
}

/** KEY=value lines of an env file (compose's .env format, without quotes handling beyond the basics). */
export function envFile(relative) {
  const env = {};
  for (const line of read(relative).split("\n")) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (m) env[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return env;
}

/** Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR?err}, $$. */
export function interpolate(value, env) {
  if (typeof value === "string") {
    return value
      .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (_, name, op, arg) => {
        const set = env[name] !== undefined && (env[name] !== "" || !op?.startsWith(":"));
        if (set) return env[name];
        if (op?.endsWith("-")) return arg;
        if (op?.endsWith("?")) throw new Error(`required variable ${name} is not set (${arg})`);
        return "";
      })
      .replace(/\$\$/g, "$");
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  }
  return value;
}

/** Every ${VAR...} reference in a text, with whether it is required (:? / ?). */
export function variableReferences(text) {
  return [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?])?/g)].map((m) => ({
    name: m[1],
    required: m[2]?.endsWith("?") ?? false,
    defaulted: m[2]?.endsWith("-") ?? false,
  }));
}

/** The port of a URL such as http://0.0.0.0:3001 (null when none). */
export function urlPort(url) {
  const m = String(url ?? "").match(/:(\d+)\/?$/);
  return m ? Number(m[1]) : null;
}

/** A compose service's environment as an object (it may be a list of KEY=value). */
export function environmentOf(service) {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? "" : String(v)]));
  return Object.fromEntries(env.map((line) => [line.split("=")[0], line.split("=").slice(1).join("=")]));
}
