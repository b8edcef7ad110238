import { expect, test } from '@playwright/test'
import { openRoom, rest, signedInContext, uniqueName } from './support'

// The access token never travels in a URL (URLs end up in access logs): the web app opens its live connection with a
// one-time ticket fetched just before, and the token only ever goes in Authorization headers.
test('the live connection carries a one-time ticket in its URL, never the access token', async ({ browser }) => {
  const session = await rest.register(uniqueName('ticket'))
  const roomId = uniqueName('ticket-room').toLowerCase()
  await rest.createRoom(session, roomId)
  const context = await signedInContext(browser, session)
  const page = await context.newPage()
  const urls: string[] = []
  page.on('request', (request) => urls.push(request.url()))
  const sockets: string[] = []
  page.on('websocket', (socket) => sockets.push(socket.url()))

  await openRoom(page, roomId)

  const hub = sockets.filter((url) => new URL(url).pathname === '/hubs/chat')
  expect(hub.length).toBeGreaterThan(0)
  for (const url of hub) expect(new URL(url).searchParams.get('ticket')).toBeTruthy()
  for (const url of [...urls, ...sockets]) {
    expect(url).not.toContain('access_token=')
    expect(url).not.toContain(session.token)
  }
  await context.close()
})
