import { expect, test } from './support'

const brotli = { 'Accept-Encoding': 'br, gzip' }

test('HEAD is answered like GET for the app, at / and on client routes', async ({ request }) => {
  for (const path of ['/', '/rooms/general', '/login']) {
    const [get, head] = await Promise.all([request.get(path), request.head(path)])
    expect(get.status(), path).toBe(200)
    expect(head.status(), path).toBe(200)
    expect(head.headers()['content-type']).toBe(get.headers()['content-type'])
    expect(head.headers()['cache-control']).toBe('no-cache')
    expect(await head.body()).toHaveLength(0)
  }
  // API mistakes still get 404, whatever the method.
  expect((await request.head('/chat/nothing-here')).status()).toBe(404)
})

test('hashed assets come precompressed and immutable; index.html is revalidated', async ({ request }) => {
  const html = await (await request.get('/')).text()
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1]
  expect(script).toBeTruthy()

  const compressed = await fetch(new URL(script!, test.info().project.use.baseURL), { headers: brotli })
  expect(compressed.headers.get('content-encoding')).toBe('br')
  expect(compressed.headers.get('content-type')).toContain('javascript')
  expect(compressed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  expect(compressed.headers.get('vary')).toContain('Accept-Encoding')
  const plain = await fetch(new URL(script!, test.info().project.use.baseURL), { headers: { 'Accept-Encoding': 'identity' } })
  expect(plain.headers.get('content-encoding')).toBeNull()
  // Both decode to the same script.
  expect(await compressed.text()).toBe(await plain.text())

  const index = await fetch(new URL('/', test.info().project.use.baseURL), { headers: brotli })
  expect(index.headers.get('cache-control')).toBe('no-cache')
})

test('JSON from the API is compressed; the SignalR negotiate path is left alone', async ({ request, people }) => {
  const me = await people.get('ann')
  const base = test.info().project.use.baseURL
  const rooms = await fetch(new URL('/chat/rooms', base), { headers: { ...brotli, Authorization: `Bearer ${me.token}` } })
  expect(rooms.status).toBe(200)
  expect(rooms.headers.get('content-encoding')).toBe('br')
  expect(await rooms.json()).toBeTruthy()

  const negotiate = await request.post('/hubs/chat/negotiate?negotiateVersion=1', { headers: { ...brotli, Authorization: `Bearer ${me.token}` } })
  expect(negotiate.status()).toBe(200)
  expect(negotiate.headers()['content-encoding']).toBeUndefined()
})

test('installable: a manifest whose icons exist, and a reload while offline shows the offline page', async ({ page, request }) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json()
  expect(manifest.display).toBe('standalone')
  for (const icon of manifest.icons as { src: string; type: string }[]) {
    const response = await request.get(icon.src)
    expect(response.status(), icon.src).toBe(200)
    expect(response.headers()['content-type']).toContain(icon.type.split('+')[0])
  }

  await page.goto('/login')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  // The worker installs (precaching the shell), activates and takes control of the page.
  await page.evaluate(() => navigator.serviceWorker.ready)
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
  const cached = await page.evaluate(async () => (await caches.keys()).length)
  expect(cached).toBeGreaterThan(0)

  await page.context().setOffline(true)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible()
  await expect(page.getByText('The chat will reconnect')).toBeVisible()
  await page.context().setOffline(false)
})
