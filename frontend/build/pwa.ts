import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** Files of `public/` that belong to the app shell (precached by the service worker). */
const publicShell = ['/offline.html', '/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png']

/**
 * Writes /sw.js from src/pwa/service-worker.js: the list of files to precache (every emitted JS and CSS file plus
 * `publicShell`) and a version derived from that list, so every build with different files gets a new cache.
 */
export function serviceWorker(template: string): Plugin {
  return {
    name: 'chat-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle)
        .filter((file) => /\.(js|css)$/.test(file))
        .map((file) => `/${file}`)
        .sort()
      const shell = [...emitted, ...publicShell]
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12)
      const source = readFileSync(template, 'utf8')
        .replace('__CHAT_VERSION__', JSON.stringify(version))
        .replace('__CHAT_SHELL__', JSON.stringify(shell))
      this.emitFile({ type: 'asset', fileName: 'sw.js', source })
    },
  }
}

/** Text files worth compressing ahead of time (images are compressed already). */
const compressible = /\.(js|css|html|svg|json|webmanifest)$/
const minBytes = 1024

/**
 * After the build, writes `x.br` (Brotli, quality 11) and `x.gz` (gzip, level 9) beside every compressible file of
 * `assets/` (the hashed, immutable files the gateway and nginx serve precompressed). Skips tiny files and copies
 * that would not be smaller.
 */
export function precompress(outDir: string, folder = 'assets'): Plugin {
  return {
    name: 'chat-precompress',
    apply: 'build',
    closeBundle() {
      const root = join(outDir, folder)
      for (const name of readdirSync(root)) {
        const path = join(root, name)
        if (!statSync(path).isFile() || !compressible.test(name)) continue
        const raw = readFileSync(path)
        if (raw.length < minBytes) continue
        const brotli = brotliCompressSync(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        })
        const gzip = gzipSync(raw, { level: 9 })
        if (brotli.length < raw.length) writeFileSync(`${path}.br`, brotli)
        if (gzip.length < raw.length) writeFileSync(`${path}.gz`, gzip)
      }
      console.log(`precompressed ${relative(process.cwd(), root)} (.br, .gz)`)
    },
  }
}
