// Runs the browser end-to-end tests against a running gateway (CHAT_BASE_URL, default http://127.0.0.1:3001)
// that serves the built app, then prints the measurements and one closing line CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleSize } from './bundle-size.mjs'

const baseURL = process.env.CHAT_BASE_URL ?? 'http://127.0.0.1:3001'
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`

async function serverReady() {
  try {
    const [health, page] = await Promise.all([fetch(new URL('/health', baseURL)), fetch(new URL('/', baseURL))])
    const html = await page.text()
    if (!health.ok) return `GET /health answered ${health.status}`
    if (!html.includes('id="app"')) return 'GET / does not serve the app: build it (npm run build) before starting the gateway'
    return null
  } catch (error) {
    return `${baseURL} is not reachable (${error.cause?.code ?? error.message}): start the silo and the gateway first`
  }
}

const problem = await serverReady()
if (problem) {
  console.error(`e2e: ${problem}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

rmSync('test-results/metrics.json', { force: true })
const dir = mkdtempSync(join(tmpdir(), 'chat-e2e-'))
const report = join(dir, 'playwright.json')
const run = spawnSync('npx', ['playwright', 'test', '--reporter=list,json', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHAT_BASE_URL: baseURL, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
})

let passed = 0
let failed = 0
try {
  const { stats, errors } = JSON.parse(readFileSync(report, 'utf8'))
  passed = stats.expected + stats.flaky
  failed = stats.unexpected + (errors?.length ?? 0)
  if (run.status !== 0 && failed === 0) failed = 1
} catch {
  failed = Math.max(failed, 1)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

if (existsSync('test-results/metrics.json')) {
  const metrics = JSON.parse(readFileSync('test-results/metrics.json', 'utf8'))
  const ms = (value) => (value === null || value === undefined ? 'n/a' : `${Math.round(value)} ms`)
  console.log(
    `time to first render: sign-in page ${ms(metrics.login.appRendered)} (first contentful paint ${ms(metrics.login.firstContentfulPaint)}); ` +
      `chat page ${ms(metrics.chat.appRendered)}, connected with history shown ${ms(metrics.chat.connectedAndShownMs)}`,
  )
}
try {
  const size = bundleSize()
  console.log(`bundle size (gzip): total ${kb(size.all.gzip)} (js ${kb(size.js.gzip)}, css ${kb(size.css.gzip)}); raw ${kb(size.all.raw)}`)
} catch {
  console.log('bundle size: no local build to measure')
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
