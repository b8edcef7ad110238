#!/usr/bin/env node
// Checks every relative link in the repository's tracked Markdown files: the target must be a file or folder
// tracked inside the repository (never outside it), and a #fragment must name a heading (or an explicit anchor)
// of the target Markdown file, with GitHub's heading ids. Links with a scheme (https:, mailto:) are not checked.
// Ends with the line CI reads: `N passed, N failed` (one per link).
//   node scripts/check-links.mjs            check the repository this script is in
//   node scripts/check-links.mjs --root DIR check another checkout (the self-test uses it)
// Without --root it first checks a small fixture repository with known good and broken links (one more result).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const rootArg = process.argv.indexOf('--root')
const root = resolve(rootArg > 0 ? process.argv[rootArg + 1] : join(dirname(fileURLToPath(import.meta.url)), '..'))
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean)
const files = new Set(tracked)
const folders = new Set(tracked.flatMap((file) => file.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))))
const anchorCache = new Map()

let passed = 0
let failed = 0
if (rootArg < 0) {
  // First prove that the checker still catches what it is for, so that this check cannot pass by checking nothing.
  if (selfTest()) passed++
  else failed++
}
for (const file of tracked.filter((path) => path.endsWith('.md'))) {
  const text = readFileSync(join(root, file), 'utf8')
  for (const { target, line } of links(text)) {
    const problem = check(file, target)
    if (problem) {
      failed++
      console.log(`${file}:${line}: ${target}: ${problem}`)
    } else {
      passed++
    }
  }
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)

/** Why `target`, linked from `file`, does not resolve; undefined when it does. */
function check(file, target) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined
  const hash = target.indexOf('#')
  const pathPart = decodeURIComponent(hash >= 0 ? target.slice(0, hash) : target).split('?')[0]
  const fragment = hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : undefined
  if (pathPart.startsWith('/')) return 'an absolute path; link relative to the file instead'
  const resolved = pathPart === '' ? file : normalize(join(dirname(file), pathPart)).split(sep).join('/').replace(/\/$/, '')
  if (resolved === '..' || resolved.startsWith('../')) return 'points outside the repository'
  const isFile = files.has(resolved)
  if (!isFile && !folders.has(resolved) && resolved !== '.') return 'no such tracked file or folder'
  if (fragment === undefined || fragment === '') return undefined
  if (!isFile || !resolved.endsWith('.md')) return `#${fragment} can only be checked in a Markdown file`
  return anchors(resolved).has(fragment) ? undefined : `no heading with the id #${fragment} in ${resolved}`
}

/** Inline links and images `[text](target "title")` and reference definitions `[id]: target`, outside code. */
function* links(text) {
  let fenced = false
  for (const [index, raw] of text.split('\n').entries()) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced
      continue
    }
    if (fenced) continue
    const line = raw.replace(/`[^`]*`/g, '')
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) yield { target: match[1], line: index + 1 }
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/.exec(line)
    if (definition) yield { target: definition[1], line: index + 1 }
  }
}

/** The ids GitHub gives a file's headings (lower case, punctuation dropped, spaces to '-', repeats numbered), plus `<a id|name>`. */
function anchors(file) {
  if (anchorCache.has(file)) return anchorCache.get(file)
  const ids = new Set()
  const seen = new Map()
  let fenced = false
  for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    if (fenced) continue
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) ids.add(match[1])
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const base = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    ids.add(count === 0 ? base : `${base}-${count}`)
  }
  anchorCache.set(file, ids)
  return ids
}

/** Runs the checker on a fixture repository: 2 good links, 3 broken ones (missing file, missing heading, outside). */
function selfTest() {
  const dir = mkdtempSync(join(tmpdir(), 'check-links-'))
  try {
    mkdirSync(join(dir, 'docs'))
    writeFileSync(join(dir, 'docs', 'A.md'), '# Title\n## Raw WebSocket `/ws`\n')
    writeFileSync(join(dir, 'README.md'),
      '[ok](docs/A.md) [ok](docs/A.md#raw-websocket-ws) `[code](nope.md)`\n[bad](docs/B.md) [bad](docs/A.md#nope) [bad](../outside.md)\n')
    execFileSync('git', ['init', '-q', dir])
    execFileSync('git', ['add', '.'], { cwd: dir })
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--root', dir], { encoding: 'utf8' })
    const ok = run.status === 1 && run.stdout.trim().endsWith('2 passed, 3 failed')
    console.log(ok ? 'self-test: the checker finds broken links' : `self-test FAILED: the checker missed broken links:\n${run.stdout}${run.stderr}`)
    return ok
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
