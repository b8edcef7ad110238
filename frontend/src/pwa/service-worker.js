// The app's service worker (registered by src/pwa/register.ts, built into /sw.js by build/pwa.ts, which replaces
// the two placeholders). What it guarantees:
// - It caches the app shell only: the hashed build files (/assets/*), the offline page, icons and the manifest.
//   Those are precached on install; a new build installs a new cache and removes the old one.
// - It never answers or stores API traffic: REST (/users, /chat), SignalR (/hubs), the raw WebSocket (/ws),
//   gRPC, /health, /openapi, /metrics and anything else not in the shell go straight to the network untouched.
// - A page load (navigation) always goes to the network, so a new index.html is seen at once; only when the
//   network fails does it show the offline page, which says the chat will reconnect and reloads when it can.
const version = __CHAT_VERSION__
const shell = __CHAT_SHELL__
const cacheName = `chat-shell-${version}`
const offlinePage = '/offline.html'
const neverHandled = ['/users', '/chat', '/chat.v1', '/hubs', '/ws', '/grpc', '/health', '/openapi', '/metrics', '/scalar']

const isNeverHandled = (path) => neverHandled.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`))

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(shell))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('chat-shell-') && name !== cacheName).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || isNeverHandled(url.pathname)) return

  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(offlinePage, { ignoreSearch: true })))
    return
  }
  if (shell.includes(url.pathname)) {
    // Hashed files never change under their name; the rest of the shell is small and revalidated on install.
    event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetch(request)))
  }
})
