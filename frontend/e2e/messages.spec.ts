import { deflateSync } from 'node:zlib'
import AxeBuilder from '@axe-core/playwright'
import type { Page, WebSocketRoute } from '@playwright/test'
import { baseURL, expect, expectMessageOnce, messages, openRoom, rest, send, signedInContext, test, uniqueName, type Session } from './support'

/** The contract's message-change calls (docs/PROTOCOL.md, wave 2), for the person not at a browser. */
async function call<T>(session: Session, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, baseURL), {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return (response.status === 204 ? undefined : await response.json()) as T
}
const sendReply = (s: Session, roomId: string, content: string, replyToSeq: number) =>
  call<{ seq: number }>(s, 'POST', '/chat/messages', { roomId, content, replyToSeq, clientMessageId: crypto.randomUUID() })
const edit = (s: Session, roomId: string, seq: number, content: string) => call(s, 'PATCH', `/chat/rooms/${roomId}/messages/${seq}`, { content })

/** A real PNG of `width` × `height` pixels (the server reads its dimensions). */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x3c)])
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

const row = (page: Page, text: string) => messages(page).locator('.message', { hasText: text })

/** Hovers a message and presses one of its actions. */
async function act(page: Page, text: string, action: 'Add reaction' | 'Reply' | 'Edit' | 'Delete') {
  const message = row(page, text)
  await message.hover()
  await message.getByRole('toolbar', { name: 'Actions for this message' }).getByRole('button', { name: action }).click()
}

async function twoPeople(browser: import('@playwright/test').Browser, people: import('./support').People, prefix: string) {
  const ann = await people.get('ann')
  const ben = await people.get('ben')
  const roomId = uniqueName(prefix).toLowerCase()
  await rest.createRoom(ann, roomId)
  const annContext = await signedInContext(browser, ann, { viewport: { width: 1280, height: 800 } })
  const benContext = await signedInContext(browser, ben, { viewport: { width: 1280, height: 800 } })
  const annPage = await annContext.newPage()
  const benPage = await benContext.newPage()
  await openRoom(annPage, roomId)
  await openRoom(benPage, roomId)
  return { ann, ben, roomId, annContext, benContext, annPage, benPage }
}

test('edit, react, reply and delete reach the other person live', async ({ browser, people }) => {
  const { roomId, annContext, benContext, annPage, benPage } = await twoPeople(browser, people, 'msgs')

  await send(annPage, 'Deploy at **five** tday')
  await expect(row(benPage, 'Deploy at five tday').locator('strong')).toHaveText('five')

  // Edit (the author): inline editor, Enter saves; the other side sees the new text and the marker.
  await act(annPage, 'Deploy at five tday', 'Edit')
  const editor = annPage.getByLabel('Edit message')
  await editor.fill('Deploy at **five** today')
  await editor.press('Enter')
  await expect(row(benPage, 'Deploy at five today')).toContainText('(edited)')
  await expect(row(benPage, 'tday')).toHaveCount(0)

  // React: Ben picks 🎉; Ann sees the chip and adds hers by toggling it.
  await act(benPage, 'Deploy at five today', 'Add reaction')
  await benPage.getByRole('group', { name: 'Pick a reaction' }).getByRole('button', { name: '🎉' }).click()
  const annChip = row(annPage, 'Deploy at five today').locator('.chip[data-emoji="🎉"]')
  await expect(annChip).toHaveText(/1/)
  await expect(annChip).toHaveAttribute('aria-pressed', 'false')
  await annChip.click()
  await expect(row(benPage, 'Deploy at five today').locator('.chip[data-emoji="🎉"]')).toHaveText(/2/)
  await expect(annChip).toHaveAttribute('aria-pressed', 'true')

  // Reply: Ben quotes Ann; Ann sees the quote and it takes her to the original.
  await act(benPage, 'Deploy at five today', 'Reply')
  await expect(benPage.getByText('Replying to')).toBeVisible()
  await send(benPage, 'I will be there')
  const quote = row(annPage, 'I will be there').locator('.reply-quote')
  await expect(quote).toContainText('Deploy at **five** today')
  await quote.click()
  await expect(row(annPage, 'Deploy at five today').first()).toHaveClass(/highlighted/)

  // Delete (the author), after confirming: the seq stays, the words are gone for both.
  await send(annPage, 'a message to take back')
  await expectMessageOnce(benPage, 'a message to take back')
  await act(annPage, 'a message to take back', 'Delete')
  const confirm = annPage.getByRole('dialog', { name: 'Delete message' })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(messages(benPage).getByText('a message to take back')).toHaveCount(0)
  await expect(messages(benPage).getByText('message deleted')).toHaveCount(1)
  // Ben may not edit or delete Ann's message: his toolbar has neither.
  await row(benPage, 'Deploy at five today').first().hover()
  const toolbar = benPage.getByRole('toolbar', { name: 'Actions for this message' })
  await expect(toolbar.getByRole('button', { name: 'Reply' })).toBeVisible()
  await expect(toolbar.getByRole('button', { name: 'Edit' })).toHaveCount(0)
  await expect(toolbar.getByRole('button', { name: 'Delete' })).toHaveCount(0)

  const history = await rest.history(await people.get('ann'), roomId)
  expect(history.messages.map((m) => m.content)).toEqual(['Deploy at **five** today', 'I will be there', ''])
  await annContext.close()
  await benContext.close()
})

test('message text is never HTML: hostile markup stays text, only http(s) links become links', async ({ browser, people }) => {
  const { annContext, benContext, benPage, ann, roomId } = await twoPeople(browser, people, 'safe')
  const hostile = '<img src=x onerror="window.pwned=1"> [click](javascript:window.pwned=2) see https://example.com/docs'
  await rest.send(ann, roomId, hostile)
  const message = row(benPage, 'see https://example.com/docs')
  await expect(message).toContainText('<img src=x onerror="window.pwned=1">')
  await expect(message.locator('img')).toHaveCount(0)
  const links = message.locator('a')
  await expect(links).toHaveCount(1)
  await expect(links).toHaveAttribute('href', 'https://example.com/docs')
  await expect(links).toHaveAttribute('rel', 'noopener noreferrer nofollow')
  await expect(links).toHaveAttribute('target', '_blank')
  expect(await benPage.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
  await annContext.close()
  await benContext.close()
})

test('a reply quote loads the original from far back in history and highlights it', async ({ browser, people }) => {
  const ann = await people.get('ann')
  const roomId = uniqueName('quote').toLowerCase()
  await rest.createRoom(ann, roomId)
  const original = await rest.send(ann, roomId, 'the very first word')
  for (let i = 1; i <= 80; i++) await rest.send(ann, roomId, `filler ${i}`)
  await sendReply(ann, roomId, 'answering the first word', original.seq)

  const context = await signedInContext(browser, await people.get('ben'), { viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await openRoom(page, roomId)
  const target = messages(page).locator(`.message[data-seq="${original.seq}"]`)
  await expect(row(page, 'answering the first word')).toBeVisible()
  await expect(target).toHaveCount(0)
  await row(page, 'answering the first word').locator('.reply-quote').click()
  await expect(target).toHaveClass(/highlighted/)
  await expect(target).toBeInViewport()
  await context.close()
})

test('search finds English and Chinese words, highlights them, and opens the hit in its room', async ({ browser, people }) => {
  const ann = await people.get('ann')
  const roomId = uniqueName('find').toLowerCase()
  await rest.createRoom(ann, roomId)
  const word = `zebra${Date.now().toString(36)}`
  const target = await rest.send(ann, roomId, `the ${word} crossing is closed`)
  await rest.send(ann, roomId, '我们明天发布新版本')
  for (let i = 1; i <= 60; i++) await rest.send(ann, roomId, `later ${i}`)

  const context = await signedInContext(browser, await people.get('ben'), { viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await openRoom(page, 'general')
  await page.getByRole('button', { name: 'Search messages' }).click()
  const panel = page.getByRole('dialog', { name: 'Search messages' })
  const results = panel.getByRole('list', { name: 'Search results' })
  // The index may trail the store by a moment: search again until the hit is there.
  await expect(async () => {
    await panel.getByLabel('Search words').fill('发布')
    await panel.getByRole('button', { name: 'Search' }).click()
    // Public rooms of earlier runs hold the same sentence: look at this room's hit.
    await expect(results.getByRole('button').filter({ hasText: `#${roomId}` }).locator('mark')).toHaveText(['发布'], { timeout: 1000 })
  }).toPass()
  await expect(async () => {
    await panel.getByLabel('Search words').fill(word.toUpperCase())
    await panel.getByRole('button', { name: 'Search' }).click()
    await expect(results.locator('mark')).toHaveText([word], { timeout: 1000 })
  }).toPass()
  // The pointer leaves the Search button: its hover colour is Element Plus's, app-wide, not this panel's.
  await page.mouse.move(0, 0)
  const axe = await new AxeBuilder({ page }).include('.search-drawer').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).slice(0, 3).join(' | ')}`),
  ).toEqual([])
  await results.getByRole('button').filter({ hasText: word }).click()

  await expect(page).toHaveURL(new RegExp(`/rooms/${roomId}$`))
  const hit = messages(page).locator(`.message[data-seq="${target.seq}"]`)
  await expect(hit).toHaveClass(/highlighted/)
  await expect(hit).toBeInViewport()
  await context.close()
})

test('an image uploaded by one person shows to the other, with a preview and a lightbox', async ({ browser, people }) => {
  const { annContext, benContext, annPage, benPage } = await twoPeople(browser, people, 'pics')

  await annPage.locator('input[type="file"]').setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: png(40, 30) })
  await expect(annPage.getByRole('progressbar', { name: 'Uploading chart.png' })).toBeVisible()
  await expect(annPage.getByRole('progressbar', { name: 'Uploading chart.png' })).toHaveAttribute('aria-valuenow', '100')
  await send(annPage, 'the numbers')

  const preview = row(benPage, 'the numbers').getByRole('button', { name: 'Open image chart.png' })
  await expect(preview.locator('img')).toBeVisible()
  expect(await preview.locator('img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([40, 30])
  await preview.click()
  const lightbox = benPage.getByRole('dialog', { name: 'chart.png' })
  await expect(lightbox.locator('img')).toBeVisible()
  await benPage.keyboard.press('Escape')
  await expect(lightbox).toBeHidden()

  // Dropping a file on the composer uploads it too.
  await annPage.locator('form.composer').evaluate(async (form) => {
    const data = new DataTransfer()
    data.items.add(new File(['plain notes'], 'notes.txt', { type: 'text/plain' }))
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
  })
  await expect(annPage.getByRole('progressbar', { name: 'Uploading notes.txt' })).toHaveAttribute('aria-valuenow', '100')
  await send(annPage, 'and the notes')
  await expect(row(benPage, 'and the notes').getByRole('button', { name: 'Download notes.txt' })).toBeVisible()
  await annContext.close()
  await benContext.close()
})

test('someone offline during an edit sees it once they are back', async ({ browser, people }) => {
  const ann = await people.get('ann')
  const ben = await people.get('ben')
  const roomId = uniqueName('away').toLowerCase()
  await rest.createRoom(ann, roomId)
  const first = await rest.send(ann, roomId, 'meet at noon')
  const second = await rest.send(ann, roomId, 'bring snacks')

  const context = await signedInContext(browser, ben, { viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = []
  await page.routeWebSocket(/\/hubs\/chat/, (ws) => {
    sockets.push({ page: ws, server: ws.connectToServer() })
  })
  await openRoom(page, roomId)
  await expectMessageOnce(page, 'meet at noon')

  await context.setOffline(true)
  for (const socket of sockets) {
    await socket.server.close()
    await socket.page.close({ code: 1006, reason: 'network lost' })
  }
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible()
  await edit(ann, roomId, first.seq, 'meet at one instead')
  await call(ann, 'PUT', `/chat/rooms/${roomId}/messages/${second.seq}/reactions/${encodeURIComponent('👍')}`)
  await call(ann, 'DELETE', `/chat/rooms/${roomId}/messages/${second.seq}`)

  await context.setOffline(false)
  await expect(page.locator('.banner[data-status="connected"]')).toBeAttached({ timeout: 30_000 })
  await expect(row(page, 'meet at one instead')).toContainText('(edited)')
  await expect(messages(page).getByText('meet at noon')).toHaveCount(0)
  await expect(messages(page).getByText('bring snacks')).toHaveCount(0)
  await expect(messages(page).getByText('message deleted')).toHaveCount(1)
  await context.close()
})

test('on a touch screen a long press opens the actions', async ({ browser, people }) => {
  const ann = await people.get('ann')
  const roomId = uniqueName('touch').toLowerCase()
  await rest.createRoom(ann, roomId)
  await rest.send(ann, roomId, 'hold me down')
  const context = await signedInContext(browser, await people.get('ben'), { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  await openRoom(page, roomId)
  const message = row(page, 'hold me down')
  const toolbar = message.getByRole('toolbar', { name: 'Actions for this message' })
  await expect(toolbar).toHaveCount(0)

  await message.dispatchEvent('touchstart')
  await expect(toolbar).toBeVisible()
  await message.dispatchEvent('touchend')
  await toolbar.getByRole('button', { name: 'Add reaction' }).tap()
  await page.getByRole('group', { name: 'Pick a reaction' }).getByRole('button', { name: '👍' }).tap()
  await expect(message.locator('.chip[data-emoji="👍"]')).toHaveAttribute('aria-pressed', 'true')
  await context.close()
})

for (const theme of ['light', 'dark'] as const) {
  test(`axe: message actions, emoji picker, reactions, quotes and markers, ${theme} theme`, async ({ browser, people }) => {
    const ann = await people.get('ann')
    const roomId = uniqueName('axemsg').toLowerCase()
    await rest.createRoom(ann, roomId)
    const first = await rest.send(ann, roomId, 'some **bold** and `code` and https://example.com')
    await sendReply(ann, roomId, 'a reply to it', first.seq)
    const gone = await rest.send(ann, roomId, 'to be deleted')
    await edit(ann, roomId, first.seq, 'some **bold** and `code` and https://example.com, edited')
    await call(ann, 'PUT', `/chat/rooms/${roomId}/messages/${first.seq}/reactions/${encodeURIComponent('🎉')}`)
    await call(ann, 'DELETE', `/chat/rooms/${roomId}/messages/${gone.seq}`)

    const context = await signedInContext(browser, ann, { viewport: { width: 1280, height: 800 }, colorScheme: theme })
    const page = await context.newPage()
    await openRoom(page, roomId)
    await expect(row(page, 'a reply to it').locator('.reply-quote')).toBeVisible()
    await expect(messages(page).getByText('message deleted')).toBeVisible()
    await act(page, 'a reply to it', 'Add reaction')
    await expect(page.getByRole('group', { name: 'Pick a reaction' })).toBeVisible()
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([])
    await context.close()
  })
}
