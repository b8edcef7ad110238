import type { Browser, Page } from '@playwright/test'
import { call, expect, messages, onlineList, openRoom, rest, send, signedInContext, test, uniqueName, type Session } from './support'

/**
 * Conversations with two people, each in their own browser context (and one of them in two): read state that
 * follows the user, direct messages, typing, and an owner removing a member. They get display names of their own,
 * which the app must show instead of usernames.
 */
let pair: Promise<[Session, Session]> | null = null
function people(): Promise<[Session, Session]> {
  pair ??= (async () => {
    const dana = await rest.register(uniqueName('dana'))
    const eli = await rest.register(uniqueName('eli'))
    await call('PUT', '/users/me', dana.token, { displayName: 'Dana Scully' })
    await call('PUT', '/users/me', eli.token, { displayName: 'Eli Wallach' })
    return [dana, eli]
  })()
  return pair
}

async function pageOf(browser: Browser, session: Session): Promise<Page> {
  const context = await signedInContext(browser, session)
  return context.newPage()
}

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Rooms' })
const roomLink = (page: Page, name: string | RegExp) => sidebar(page).getByRole('link', { name })

test('unread and mention badges follow the user to a second browser and clear there when read', async ({ browser }) => {
  const [dana, eli] = await people()
  const roomId = uniqueName('sync').toLowerCase()
  await call('POST', '/chat/rooms', eli.token, { id: roomId, name: roomId, isPublic: true })
  await call('POST', `/chat/rooms/${roomId}/join`, dana.token)
  const laptop = await pageOf(browser, dana)
  const phone = await pageOf(browser, dana)
  await openRoom(laptop, 'general')
  await openRoom(phone, 'general')

  await rest.send(eli, roomId, 'first news')
  await rest.send(eli, roomId, `hey @${dana.user.username}, look`)
  for (const page of [laptop, phone]) {
    await expect(roomLink(page, roomId).getByLabel('2 unread')).toBeVisible()
    await expect(roomLink(page, roomId).getByLabel('Mentions of you: 1')).toBeVisible()
  }

  // Reading on the laptop clears the badges on the phone, live and after a reload (the server keeps the position).
  await roomLink(laptop, roomId).click()
  await expect(messages(laptop).getByText(`hey @${dana.user.username}, look`)).toBeVisible()
  await expect(roomLink(laptop, roomId).getByLabel(/unread/)).toHaveCount(0)
  await expect(roomLink(phone, roomId).getByLabel(/unread/)).toHaveCount(0)
  await expect(roomLink(phone, roomId).getByLabel(/Mentions/)).toHaveCount(0)
  await phone.reload()
  await expect(roomLink(phone, roomId)).toBeVisible()
  await expect(roomLink(phone, roomId).getByLabel(/unread/)).toHaveCount(0)

  // One more message while neither browser shows the room (one that does marks it read at once, for both): both
  // show it unread again, only one of them.
  await openRoom(laptop, 'general')
  await rest.send(eli, roomId, 'and another thing')
  for (const page of [laptop, phone]) {
    await expect(roomLink(page, roomId).getByLabel('1 unread')).toBeVisible()
  }
  await laptop.context().close()
  await phone.context().close()
})

test('a direct message starts from "New message" and shows in the other person\'s sidebar under their name', async ({ browser }) => {
  const [dana, eli] = await people()
  const danaPage = await pageOf(browser, dana)
  const eliPage = await pageOf(browser, eli)
  await openRoom(danaPage, 'general')
  await openRoom(eliPage, 'general')

  await sidebar(danaPage).getByRole('button', { name: 'New message' }).click()
  const dialog = danaPage.getByRole('dialog', { name: 'New direct message' })
  await dialog.getByLabel('Username').fill(eli.user.username)
  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect(danaPage.getByRole('heading', { level: 2, name: 'Eli Wallach' })).toBeVisible()
  const text = `hello eli ${Date.now()}`
  await send(danaPage, text)

  const dmSection = sidebar(eliPage).locator('[data-section="dms"]')
  await expect(dmSection.getByRole('link', { name: /Dana Scully/ }).getByLabel('1 unread')).toBeVisible()
  await dmSection.getByRole('link', { name: /Dana Scully/ }).click()
  await expect(messages(eliPage).getByText(text)).toBeVisible()
  await expect(messages(eliPage).getByText('Dana Scully').first()).toBeVisible()
  await expect(dmSection.getByRole('link', { name: /Dana Scully/ }).getByLabel(/unread/)).toHaveCount(0)

  // Asking again from the other side opens the same room.
  const again = await call<{ id: string }>('POST', '/chat/dms', eli.token, { username: dana.user.username })
  await expect(eliPage).toHaveURL(new RegExp(`/rooms/${again.id}$`))
  await send(eliPage, 'hi dana')
  await expect(messages(danaPage).getByText('hi dana')).toBeVisible()
  await danaPage.context().close()
  await eliPage.context().close()
})

test('the typing line shows who is typing and goes when they send; profiles say who is online', async ({ browser }) => {
  const [dana, eli] = await people()
  const roomId = uniqueName('type').toLowerCase()
  await call('POST', '/chat/rooms', eli.token, { id: roomId, name: roomId, isPublic: true })
  const danaPage = await pageOf(browser, dana)
  const eliPage = await pageOf(browser, eli)
  await openRoom(eliPage, roomId)
  await openRoom(danaPage, roomId)
  await expect(onlineList(eliPage).getByRole('button', { name: /Dana Scully/ })).toBeVisible()

  await danaPage.getByLabel('Message', { exact: true }).fill('I am writing some')
  await expect(eliPage.getByTestId('typing-line')).toHaveText('Dana Scully is typing…')
  await expect(danaPage.getByTestId('typing-line')).toHaveText('')
  await danaPage.getByLabel('Message', { exact: true }).press('Enter')
  await expect(messages(eliPage).getByText('I am writing some')).toBeVisible()
  await expect(eliPage.getByTestId('typing-line')).toHaveText('')

  await onlineList(eliPage).getByRole('button', { name: /Dana Scully/ }).click()
  await expect(eliPage.locator(`[data-profile="${dana.user.username}"]`).getByTestId('presence')).toHaveText('Online')
  await danaPage.context().close()
  await eliPage.context().close()
})

test('the owner removes a member, who loses the room at once; then deletes it', async ({ browser }) => {
  const [dana, eli] = await people()
  const roomId = uniqueName('team').toLowerCase()
  await call('POST', '/chat/rooms', dana.token, { id: roomId, name: roomId, isPublic: false })
  await call('POST', `/chat/rooms/${roomId}/members`, dana.token, { username: eli.user.username })
  const danaPage = await pageOf(browser, dana)
  const eliPage = await pageOf(browser, eli)
  await openRoom(eliPage, roomId)
  await send(eliPage, 'glad to be here')
  await openRoom(danaPage, roomId)
  await expect(messages(danaPage).getByText('glad to be here')).toBeVisible()

  await danaPage.getByRole('button', { name: 'Room settings' }).click()
  const settings = danaPage.getByRole('dialog', { name: `Settings of ${roomId}` })
  await settings.getByRole('button', { name: 'Remove Eli Wallach' }).click()
  const confirm = danaPage.getByRole('dialog', { name: 'Members' })
  await expect(confirm).toContainText(`Remove Eli Wallach from ${roomId}?`)
  await confirm.getByRole('button', { name: 'Remove' }).click()
  await expect(danaPage.getByText(`Eli Wallach was removed from ${roomId}.`)).toBeVisible()

  await expect(eliPage.getByText(`You are no longer a member of ${roomId}.`)).toBeVisible()
  await expect(eliPage).not.toHaveURL(new RegExp(`/rooms/${roomId}$`))
  await expect(roomLink(eliPage, roomId)).toHaveCount(0)
  await expect(rest.history(eli, roomId)).rejects.toThrow(/40[34]/)

  // Deleting asks first; Cancel keeps the room.
  await settings.getByRole('button', { name: 'Delete room' }).click()
  const ask = danaPage.getByRole('dialog', { name: 'Delete room' })
  await ask.getByRole('button', { name: 'Cancel' }).click()
  await expect(roomLink(danaPage, roomId)).toBeVisible()
  await settings.getByRole('button', { name: 'Delete room' }).click()
  await ask.getByRole('button', { name: 'Delete room' }).click()
  await expect(danaPage.getByText(`Room ${roomId} deleted.`)).toBeVisible()
  await expect(roomLink(danaPage, roomId)).toHaveCount(0)
  await expect(rest.history(dana, roomId)).rejects.toThrow(/404/)
  await danaPage.context().close()
  await eliPage.context().close()
})
