// Measures the first load of the sign-in page in Chromium against a running gateway (CHAT_BASE_URL):
// bytes on the wire (encoded, headers included, from the DevTools protocol), request count, and navigation-timing
// figures (requests = answered by the server, not from the browser cache; revalidated = 304s; DOMContentLoaded, load, and the app's own `chat:first-render` mark, taken as "interactive": the form is
// rendered and its handlers bound). Cold = fresh browser context (empty cache); warm = the same page opened again in a new tab of that context.
// Prints the median of N runs (CHAT_RUNS, default 5) as one JSON line. Figures on a shared 2-core machine are noisy.
//
//   CHAT_BASE_URL=http://127.0.0.1:3001 node scripts/first-load.mjs
import { chromium } from '@playwright/test'

const baseURL = process.env.CHAT_BASE_URL ?? 'http://127.0.0.1:3001'
const runs = Number(process.env.CHAT_RUNS ?? 5)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
})

async function load(page, cdp, action) {
  let bytes = 0
  let requests = 0
  let revalidated = 0
  const finished = (event) => {
    bytes += event.encodedDataLength
  }
  // Answered by the server (200 or 304), not by the browser's cache without asking.
  const received = ({ response }) => {
    if (response.fromDiskCache || response.fromMemoryCache || response.fromServiceWorker) return
    requests += 1
    if (response.status === 304) revalidated += 1
  }
  cdp.on('Network.loadingFinished', finished)
  cdp.on('Network.responseReceived', received)
  await action()
  await page.getByRole('button', { name: 'Sign in' }).waitFor()
  await page.waitForLoadState('load')
  cdp.off('Network.loadingFinished', finished)
  cdp.off('Network.responseReceived', received)
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0]
    return {
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      interactive: performance.getEntriesByName('chat:first-render')[0]?.startTime ?? null,
    }
  })
  return { bytes, requests, revalidated, ...timing }
}

const cold = []
const warm = []
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' })
  await context.addInitScript(() => localStorage.setItem('chat.locale', 'en'))
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  cold.push(await load(page, cdp, () => page.goto('/login')))
  // A return visit: a new tab of the same browser profile (cache kept) opens the app again.
  const again = await context.newPage()
  const againCdp = await context.newCDPSession(again)
  await againCdp.send('Network.enable')
  warm.push(await load(again, againCdp, () => again.goto('/login')))
  await context.close()
}
await browser.close()

const median = (rows, key) => {
  const values = rows.map((r) => r[key]).filter((v) => v !== null).sort((a, b) => a - b)
  return Math.round(values[Math.floor(values.length / 2)])
}
const summary = (rows) => Object.fromEntries(['bytes', 'requests', 'revalidated', 'domContentLoaded', 'load', 'interactive'].map((k) => [k, median(rows, k)]))
console.log(JSON.stringify({ baseURL, runs, cold: summary(cold), warm: summary(warm) }))
