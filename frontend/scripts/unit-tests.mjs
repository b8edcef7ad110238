// Runs the unit tests (vitest) and closes with one line CI reads: `N passed, N failed`.
// vitest's own summary stays above it for people; the counts come from its JSON report.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'chat-unit-'))
const report = join(dir, 'vitest.json')
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
)

let passed = 0
let failed = 0
try {
  const result = JSON.parse(readFileSync(report, 'utf8'))
  passed = result.numPassedTests
  failed = result.numFailedTests
  // A file that fails to load, or an unhandled error, fails the run without failing a test.
  if (run.status !== 0 && failed === 0) failed = 1
} catch {
  failed = Math.max(failed, 1)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
