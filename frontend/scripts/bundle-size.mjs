// Prints the size of the built app (raw and gzip) as the gateway serves it from src/Gateway/wwwroot.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('../../src/Gateway/wwwroot', import.meta.url))

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.(js|css|html)$/.test(name)) yield path
  }
}

/** Sizes in bytes per kind of file; gzip at level 9 as a static-compressing server would send them. */
export function bundleSize() {
  const totals = { js: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 }, html: { raw: 0, gzip: 0 } }
  let entry = null
  for (const path of files(root)) {
    const bytes = readFileSync(path)
    const kind = path.split('.').pop()
    totals[kind].raw += bytes.length
    totals[kind].gzip += gzipSync(bytes, { level: 9 }).length
    if (kind === 'html') entry = relative(root, path)
  }
  const all = Object.values(totals).reduce((sum, t) => ({ raw: sum.raw + t.raw, gzip: sum.gzip + t.gzip }), { raw: 0, gzip: 0 })
  return { entry, ...totals, all }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const size = bundleSize()
    console.log(
      `bundle size (gzip): total ${kb(size.all.gzip)} (js ${kb(size.js.gzip)}, css ${kb(size.css.gzip)}, html ${kb(size.html.gzip)}); raw ${kb(size.all.raw)}`,
    )
  } catch (error) {
    console.log(`bundle size: no build found in ${root} (${error.message})`)
  }
}
