// The Grafana dashboard must only chart series that the code exports, and chart each of them.
import { read, exists, listFiles } from "./repo.mjs";
import { exportedMetrics } from "./code.mjs";

const dashboardFile = "deploy/grafana/chat-dashboard.json";

/** Every PromQL expression in the dashboard (panels nested in rows included). */
function expressions(dashboard) {
  const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  return panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr ?? "" })));
}

export function checkDashboard(report) {
  if (!exists(dashboardFile)) {
    report.check(`${dashboardFile} exists`, ["missing"]);
    return;
  }
  let dashboard;
  report.run(`${dashboardFile}: valid JSON with a uid, a title and a Prometheus data source variable`, () => {
    dashboard = JSON.parse(read(dashboardFile));
    return [
      dashboard.uid ? null : "no uid",
      dashboard.title ? null : "no title",
      (dashboard.templating?.list ?? []).some((v) => v.type === "datasource" && v.query === "prometheus") ? null : "no prometheus datasource variable",
    ];
  });
  if (!dashboard) return;

  // Wherever the metrics classes live (GatewayMetrics in the gateway, ChatGrainMetrics next to the grains).
  const metricFiles = listFiles("src", (f) => f.includes("/Observability/") && /Metrics\.cs$/.test(f));
  const exported = metricFiles.flatMap((file) => exportedMetrics(file));
  const series = new Set(exported.map((m) => m.series));
  const exprs = expressions(dashboard);

  report.run(`${dashboardFile}: every chat_* series it charts is one the code exports`, () =>
    exprs.flatMap(({ panel, expr }) => [...expr.matchAll(/\b(chat_\w+?)(_bucket|_sum|_count)?\b/g)]
      .filter(([, name, suffix]) => !series.has(name) && !(suffix && series.has(name)))
      .map(([whole]) => `"${panel}" uses ${whole}, which nothing exports`)));

  report.run(`${dashboardFile}: every instrument of the metrics classes (${metricFiles.length} found) has a panel`, () => {
    const all = exprs.map((e) => e.expr).join("\n");
    return exported.filter((m) => !new RegExp(`\\b${m.series}(_bucket|_sum|_count)?\\b`).test(all))
      .map((m) => `${m.name} (${m.series}) is not charted`);
  });
}
