#!/usr/bin/env node
// Offline checks of the deployment files (run by scripts/validate-deploy.sh, which renders the overlays):
//   node validate.mjs --rendered base=FILE --rendered dev=FILE --rendered prod=FILE --rendered prod-platform=FILE
// Prints one line per check (ok / not ok / skip) and exits non-zero when any check failed.
import { readFileSync } from "node:fs";
import { Report } from "./lib/report.mjs";
import { yamlDocuments, read } from "./lib/repo.mjs";
import { validateModel, unknownFields } from "./lib/k8s-schema.mjs";
import { checkOverlay } from "./lib/k8s.mjs";
import { checkCompose } from "./lib/compose.mjs";
import { checkDockerfiles } from "./lib/docker.mjs";
import { checkCrossReferences, checkOverlayIntent } from "./lib/crosscheck.mjs";
import { checkDashboard } from "./lib/grafana.mjs";
import { checkPlatform } from "./lib/platform.mjs";

const prodSecretExample = "k8s/overlays/prod/chat-secrets.example.yaml";

function renderedOverlays(argv) {
  const overlays = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== "--rendered") continue;
    const [name, file] = argv[++i].split("=");
    overlays[name] = yamlDocuments(readFileSync(file, "utf8"));
  }
  for (const required of ["base", "dev", "prod", "prod-platform"]) {
    if (!overlays[required]) throw new Error(`missing --rendered ${required}=FILE`);
  }
  return overlays;
}

const report = new Report();
const overlays = renderedOverlays(process.argv.slice(2));

const [secretExample] = yamlDocuments(read(prodSecretExample));
report.check(`${prodSecretExample}: a valid Secret whose values are placeholders`, [
  ...await validateModel(secretExample),
  ...unknownFields(secretExample),
  ...Object.entries(secretExample.stringData ?? {})
    .filter(([, v]) => !/CHANGE-ME|REPLACE_ME/.test(v)).map(([k]) => `${k} holds a value, not a placeholder`),
]);

// The base has no datastores of its own: each overlay brings them.
await checkOverlay(report, "base", overlays.base, { secretSource: secretExample, datastores: false });
await checkOverlay(report, "dev", overlays.dev);
await checkOverlay(report, "prod", overlays.prod, { secretSource: secretExample });
// prod with the optional components: Prometheus Operator monitoring and the Gateway API.
await checkOverlay(report, "prod-platform", overlays["prod-platform"], { secretSource: secretExample });
checkPlatform(report, "prod-platform", overlays["prod-platform"]);
checkOverlayIntent(report, overlays);
checkCompose(report);
checkDockerfiles(report);
checkCrossReferences(report, overlays);
checkDashboard(report);

console.log(`# validate.mjs finished: ${report.passed} ok, ${report.failed} not ok, ${report.skipped} skipped`);
process.exitCode = report.failed ? 1 : 0;
