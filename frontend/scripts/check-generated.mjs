// Fails when a generated client file is stale: regenerates each one into a temporary folder with the pinned
// generator and compares it with the committed copy. Ends with the line CI reads: `N passed, N failed`.
// Fix a failure with `npm run generate` (after regenerating docs/openapi.v1.json if the REST API changed).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Every generated file and the document it comes from (paths relative to frontend/); `npm run generate` makes the same. */
const targets = [{ source: '../docs/openapi.v1.json', output: 'src/api/generated/openapi.ts' }]

const dir = mkdtempSync(join(tmpdir(), 'chat-generated-'))
let passed = 0
let failed = 0
try {
  for (const { source, output } of targets) {
    const fresh = join(dir, output.replaceAll('/', '_'))
    const run = spawnSync('npx', ['openapi-typescript', source, '-o', fresh], { encoding: 'utf8' })
    const current = existsSync(output) ? readFileSync(output, 'utf8') : null
    if (run.status !== 0) {
      failed++
      console.error(`${output}: the generator failed on ${source}:\n${run.stderr}`)
    } else if (current !== readFileSync(fresh, 'utf8')) {
      failed++
      console.error(`${output} is stale: it is not what ${source} generates. Run 'npm run generate' in frontend/ and commit the result.`)
    } else {
      passed++
      console.log(`${output} is current`)
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
