import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { precompress, serviceWorker } from './build/pwa.ts'

/** Where the gateway listens in development (docs/PROTOCOL.md's default). */
const gateway = process.env.CHAT_GATEWAY_URL ?? 'http://127.0.0.1:3001'
const outDir = fileURLToPath(new URL('../src/Gateway/wwwroot', import.meta.url))

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components used in templates are imported one by one, each with its own CSS:
    // the bundle carries only what the app renders.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    // Installable app: /sw.js caches the shell (never API traffic); see src/pwa/service-worker.js.
    serviceWorker(fileURLToPath(new URL('./src/pwa/service-worker.js', import.meta.url))),
    // Brotli and gzip copies of the hashed files, served as they are by the gateway and nginx.
    precompress(outDir),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    // The gateway serves the app at `/` from its wwwroot (static files + SPA fallback to index.html).
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/users': gateway,
      '/chat': gateway,
      '/health': gateway,
      '/hubs': { target: gateway, ws: true },
      '/ws': { target: gateway, ws: true },
    },
  },
})
