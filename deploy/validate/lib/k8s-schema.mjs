// Kubernetes object validation without a cluster.
//
// kubernetes-models checks types, required fields and enums, but its schemas accept unknown fields, so a
// misspelled key (`readinesProbe`) would pass. We therefore also walk each object against the TypeScript
// declarations that ship with the same package: every key must be a declared property of its type.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { isCustomResource, validateCustom } from "./crd-schemas.mjs";

const require = createRequire(import.meta.url);
const modelsRoot = path.dirname(require.resolve("kubernetes-models/package.json"));
const nodeModules = path.dirname(modelsRoot);

/** Module path of a kind inside kubernetes-models: "apps/v1" + "Deployment" → "apps/v1/Deployment". */
function modelPath(apiVersion, kind) {
  return `${apiVersion}/${kind}`;
}

/** Validates one object with kubernetes-models; returns a list of error strings. */
export async function validateModel(object) {
  if (isCustomResource(object)) return validateCustom(object);
  const { apiVersion, kind } = object;
  const file = path.join(modelsRoot, `${modelPath(apiVersion, kind)}.js`);
  if (!existsSync(file)) return [`no model for ${apiVersion} ${kind}`];
  const module = await import(`kubernetes-models/${modelPath(apiVersion, kind)}`);
  const Model = module[kind];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const details = error.errors?.map((e) => `${e.instancePath || "/"} ${e.message}`) ?? [String(error.message)];
    return details;
  }
}

// ---- unknown-field check from the .d.ts declarations ----

const interfaceCache = new Map();

/** Parses `export interface IName { "key"?: Type; ... }` into { props: Map<key, typeText>, imports }. */
function readInterface(dtsFile) {
  if (interfaceCache.has(dtsFile)) return interfaceCache.get(dtsFile);
  // Doc comments sit between properties; drop them (and the blank lines they leave) before splitting.
  const text = readFileSync(dtsFile, "utf8").replace(/\n\s*\/\*\*[\s\S]*?\*\//g, "");
  const imports = new Map();
  for (const m of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) imports.set(m[1], m[2]);
  const start = text.search(/^export interface \w+/m);
  let result = null;
  if (start >= 0) {
    const body = text.slice(text.indexOf("{", start) + 1, text.indexOf("\n}", start));
    const props = new Map();
    // Properties sit at four spaces; their type runs to the next property.
    const parts = body.split(/\n(?=    "[^"]+"\??: )/);
    for (const part of parts) {
      const m = part.match(/^\s*"([^"]+)"\??: ([\s\S]*?);?\s*$/);
      if (m) props.set(m[1], m[2].trim());
    }
    result = { props, imports, file: dtsFile };
  }
  interfaceCache.set(dtsFile, result);
  return result;
}

function resolveImport(fromFile, specifier) {
  if (specifier.startsWith(".")) return path.resolve(path.dirname(fromFile), specifier.replace(/\.js$/, ".d.ts"));
  return path.join(nodeModules, `${specifier}.d.ts`);
}

/** The interface a type text refers to, or null for leaves (strings, numbers, unions, quantities). */
function referencedInterface(owner, typeText) {
  const name = typeText.match(/^I\w+$/)?.[0];
  if (!name || !owner.imports.has(name)) return null;
  return readInterface(resolveImport(owner.file, owner.imports.get(name)));
}

function checkValue(owner, typeText, value, at, errors) {
  if (value === null || value === undefined) return;
  const array = typeText.match(/^Array<(.+)>$/s);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(owner, array[1], item, `${at}[${i}]`, errors));
    return;
  }
  const map = typeText.match(/^\{\s*\[key: string\]: (.+?);\s*\}$/s);
  if (map) {
    if (typeof value === "object") for (const [k, v] of Object.entries(value)) checkValue(owner, map[1], v, `${at}.${k}`, errors);
    return;
  }
  const target = referencedInterface(owner, typeText);
  if (target && typeof value === "object" && !Array.isArray(value)) checkObject(target, value, at, errors);
}

function checkObject(schema, object, at, errors) {
  for (const [key, value] of Object.entries(object)) {
    if (!schema.props.has(key)) {
      errors.push(`${at ? at + "." : ""}${key}: unknown field`);
      continue;
    }
    checkValue(schema, schema.props.get(key), value, at ? `${at}.${key}` : key, errors);
  }
}

/** Returns "path: unknown field" for every key that the object's declared type does not have. */
export function unknownFields(object) {
  if (isCustomResource(object)) return []; // validateCustom rejects unknown fields itself
  const file = path.join(modelsRoot, `${modelPath(object.apiVersion, object.kind)}.d.ts`);
  if (!existsSync(file)) return [];
  const schema = readInterface(file);
  const errors = [];
  if (schema) checkObject(schema, object, "", errors);
  return errors;
}
