// Dockerfile checks: lint, runtime-only non-root final stage, health check, and that every file the build
// copies exists and every project the host references is copied.
import path from "node:path";
import { createRequire } from "node:module";
import { read, exists } from "./repo.mjs";
import { hosts, assemblyName, projectClosure } from "./code.mjs";

const require = createRequire(import.meta.url);
const { DockerfileParser } = require("dockerfile-ast");
const { validate: lintDockerfile } = require("dockerfile-utils");

/** The UID of the "app" user that Microsoft's .NET 8+ images define (APP_UID). */
export const imageAppUid = 1654;

/** Top-level folders owned by other work streams that may not have landed yet. */
const pendingFolders = ["frontend", "protos"];

export function parseDockerfile(file) {
  const text = read(file);
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions().map((i) => ({
    keyword: i.getKeyword(),
    args: i.getArguments().map((a) => a.getValue()),
    flags: (i.getFlags?.() ?? []).map((f) => f.getName()),
    line: i.getRange().start.line + 1,
  }));
  const stages = [];
  for (const i of instructions) {
    if (i.keyword === "FROM") stages.push({ image: i.args[0], name: i.args[2], instructions: [] });
    else stages.at(-1)?.instructions.push(i);
  }
  return { text, instructions, stages, final: stages.at(-1) };
}

/** ENV instructions of a stage as an object. */
export function stageEnv(stage) {
  const env = {};
  for (const i of stage.instructions.filter((x) => x.keyword === "ENV")) {
    for (const pair of i.args) {
      const [k, ...v] = pair.split("=");
      env[k] = v.join("=");
    }
  }
  return env;
}

export function checkDockerfiles(report) {
  for (const [host, { dockerfile, csproj }] of Object.entries(hosts)) {
    const parsed = parseDockerfile(dockerfile);
    const { final } = parsed;
    const finalKeywords = (k) => final.instructions.filter((i) => i.keyword === k);

    report.run(`${dockerfile}: lint (dockerfile-utils) finds no problem`, () =>
      lintDockerfile(parsed.text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`));

    report.run(`${dockerfile}: final stage is the ASP.NET Core runtime image, not the SDK`, () =>
      /^mcr\.microsoft\.com\/dotnet\/aspnet:/.test(final.image) ? [] : [`final FROM is ${final.image}`]);

    report.run(`${dockerfile}: every base image is pinned by digest (name:tag@sha256:…)`, () =>
      parsed.stages.filter((stage) => !/^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/.test(stage.image)).map((stage) => `FROM ${stage.image} is not pinned`));

    report.run(`${dockerfile}: a web build stage, if any, runs a supported Node LTS (22 or 24)`, () =>
      parsed.stages.filter((stage) => /^node:/.test(stage.image) && !/^node:(22|24)[-.@]/.test(stage.image)).map((stage) => `FROM ${stage.image}`));

    report.run(`${dockerfile}: the final image carries the OCI labels (org.opencontainers.image.*)`, () => {
      const labels = finalKeywords("LABEL").flatMap((i) => i.args.map((a) => a.split("=")[0]));
      return ["title", "description", "version", "revision", "created", "base.name", "base.digest"]
        .filter((key) => !labels.includes(`org.opencontainers.image.${key}`)).map((key) => `no org.opencontainers.image.${key}`);
    });

    report.run(`${dockerfile}: runs as the non-root app user`, () => {
      const user = finalKeywords("USER").at(-1)?.args[0];
      return user === "$APP_UID" || user === String(imageAppUid) || user === "app" ? [] : [`USER is ${user ?? "unset (root)"}`];
    });

    report.run(`${dockerfile}: has a HEALTHCHECK that probes /health`, () =>
      finalKeywords("HEALTHCHECK").some((i) => i.args.join(" ").includes("/health")) ? [] : ["no HEALTHCHECK on /health"]);

    report.run(`${dockerfile}: ENTRYPOINT starts ${assemblyName(csproj)}.dll`, () => {
      const entry = finalKeywords("ENTRYPOINT").at(-1)?.args.join(" ") ?? "";
      return entry.includes(`${assemblyName(csproj)}.dll`) ? [] : [`ENTRYPOINT is ${entry}`];
    });

    report.run(`${dockerfile}: EXPOSE matches the ports in its ENV`, () => {
      const env = stageEnv(final);
      const ports = new Set(Object.entries(env)
        .filter(([k]) => /^Kestrel__Endpoints__\w+__Url$|^Orleans__(Silo|Gateway)Port$/.test(k))
        .map(([, v]) => (/^\d+$/.test(v) ? Number(v) : Number(v.match(/:(\d+)/)?.[1]))));
      const exposed = new Set(finalKeywords("EXPOSE").flatMap((i) => i.args.map(Number)));
      const missing = [...ports].filter((p) => !exposed.has(p)).map((p) => `port ${p} not exposed`);
      const extra = [...exposed].filter((p) => !ports.has(p)).map((p) => `port ${p} exposed but not configured`);
      return [...missing, ...extra];
    });

    report.run(`${dockerfile}: a --no-restore publish has a restore with the same runtime identifier and ReadyToRun`, () =>
      checkRestoreMatchesPublish(parsed.instructions));

    const copies = parsed.instructions.filter((i) => (i.keyword === "COPY" || i.keyword === "ADD") && !i.flags.includes("from"));
    const sources = copies.flatMap((i) => i.args.slice(0, -1));
    const pending = pendingFolders.filter((dir) => sources.some((s) => s.startsWith(`${dir}/`)) && !exists(dir));
    report.run(`${dockerfile}: every COPY source exists in the repository`, () =>
      sources.filter((s) => !pending.some((dir) => s.startsWith(`${dir}/`)) && !exists(s)).map((s) => `${s} is missing`));
    for (const dir of pending) report.skip(`${dockerfile}: ${dir}/ is copied`, `${dir}/ has not landed in this branch yet`);

    report.run(`${dockerfile}: copies every project ${path.basename(csproj)} references`, () => {
      const copied = sources.map((s) => s.replace(/\/$/, ""));
      return [...projectClosure(csproj)].filter((dir) => !copied.includes(dir)).map((dir) => `${dir}/ is not copied`);
    });
  }

  report.run(".dockerignore keeps build output, dependencies and secrets out of the context", () => {
    const ignore = exists(".dockerignore") ? read(".dockerignore") : "";
    return ["**/bin/", "**/obj/", "**/node_modules/", "src/Gateway/wwwroot/", ".git/", ".env*"]
      .filter((p) => !ignore.split("\n").includes(p)).map((p) => `${p} not ignored`);
  });
}

/**
 * `dotnet publish --no-restore` uses the assets file of the restore before it: a publish for a runtime identifier, or
 * with ReadyToRun, fails (NETSDK1047, NETSDK1094) unless that restore named the same identifier and ReadyToRun,
 * which is what brings the runtime pack and crossgen2. Only visible when the image is built, so checked here.
 */
function checkRestoreMatchesPublish(instructions) {
  const commands = instructions.filter((i) => i.keyword === "RUN").map((i) => i.args.join(" "));
  const settings = (command) => ({
    rid: command.match(/(?:-r|--runtime)[ =](\S+)/)?.[1] ?? "none",
    readyToRun: /-p:PublishReadyToRun=true\b/i.test(command),
  });
  const restore = commands.find((c) => /\bdotnet restore\b/.test(c));
  const problems = [];
  for (const publish of commands.filter((c) => /\bdotnet publish\b/.test(c) && /--no-restore\b/.test(c))) {
    if (!restore) { problems.push("dotnet publish --no-restore without a dotnet restore before it"); continue; }
    const [want, have] = [settings(publish), settings(restore)];
    if (want.rid !== have.rid) problems.push(`publish runtime identifier ${want.rid}, restore ${have.rid}`);
    if (want.readyToRun && !have.readyToRun) problems.push("publish has -p:PublishReadyToRun=true, restore does not");
  }
  return problems;
}
