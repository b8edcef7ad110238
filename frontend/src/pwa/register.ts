/**
 * Registers the service worker of a production build (/sw.js: app shell cache and offline page). Development
 * (`vite`) has none, so that the dev server's modules are never served from a cache.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without a service worker the app works as before; only offline reloads lose their page.
    })
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
