import type { WebSocketRoute } from '@playwright/test'
import { expect, expectMessageOnce, messages, openRoom, rest, send, signedInContext, test, uniqueName } from './support'

test('a dropped connection comes back and shows, once each, the messages sent meanwhile', async ({ browser, people }) => {
  const hana = await people.get('ann')
  const ivan = await people.get('cat')
  const roomId = uniqueName('drop').toLowerCase()
  await rest.createRoom(ivan, roomId)
  await rest.send(ivan, roomId, 'before the drop')

  const context = await signedInContext(browser, hana)
  const page = await context.newPage()
  // Every hub socket passes through here, so the test can cut it like a network failure would.
  const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = []
  await page.routeWebSocket(/\/hubs\/chat/, (ws) => {
    sockets.push({ page: ws, server: ws.connectToServer() })
  })
  await openRoom(page, roomId)
  await expectMessageOnce(page, 'before the drop')

  await context.setOffline(true)
  for (const socket of sockets) {
    await socket.server.close()
    await socket.page.close({ code: 1006, reason: 'network lost' })
  }
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible()

  // Ivan keeps talking over REST; Hana writes too while offline.
  await rest.send(ivan, roomId, 'while you were away 1')
  await rest.send(ivan, roomId, 'while you were away 2')
  await send(page, 'typed while offline')
  await expect(messages(page).getByText('Waiting for the connection…')).toBeVisible()

  await context.setOffline(false)
  await expect(page.locator('.banner[data-status="connected"]')).toBeAttached({ timeout: 30_000 })
  for (const text of ['before the drop', 'while you were away 1', 'while you were away 2', 'typed while offline']) {
    await expectMessageOnce(page, text)
  }
  await expect(messages(page).getByText('Waiting for the connection…')).toHaveCount(0)

  // The queued message was stored exactly once, after Ivan's.
  const history = (await rest.history(ivan, roomId)).messages.map((m) => m.content)
  expect(history).toEqual(['before the drop', 'while you were away 1', 'while you were away 2', 'typed while offline'])
  // Live delivery works again on the new connection.
  await rest.send(ivan, roomId, 'after the drop')
  await expectMessageOnce(page, 'after the drop')
  await context.close()
})

test('a message is delivered to the other tabs of the same user, and once to the tab that sent it', async ({ browser, people }) => {
  const jade = await people.get('ben')
  const roomId = uniqueName('tabs').toLowerCase()
  await rest.createRoom(jade, roomId)

  const context = await signedInContext(browser, jade)
  const first = await context.newPage()
  const second = await context.newPage()
  await openRoom(first, roomId)
  await openRoom(second, roomId)

  await send(first, 'from the first tab')
  await expectMessageOnce(second, 'from the first tab')
  await expectMessageOnce(first, 'from the first tab')
  await context.close()
})
