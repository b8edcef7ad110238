import { expect, expectMessageOnce, messages, onlineList, openRoom, password, rest, scrollBackTo, send, signedInContext, test, uniqueName } from './support'

test('two people register, meet in a room, see each other online, talk both ways, and one leaves', async ({ browser }) => {
  const annName = uniqueName('ann')
  const benName = uniqueName('ben')
  const roomId = uniqueName('room').toLowerCase()

  const annContext = await browser.newContext()
  const benContext = await browser.newContext()
  const ann = await annContext.newPage()
  const ben = await benContext.newPage()

  for (const [page, name] of [
    [ann, annName],
    [ben, benName],
  ] as const) {
    await page.goto('/register')
    await page.getByLabel('Username').fill(name)
    await page.getByLabel('Email').fill(`${name}@example.com`)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByLabel('Confirm password').fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect(page).toHaveURL(/\/rooms\/general$/)
  }

  // Ann creates a public room; Ben follows the link to it.
  await ann.getByRole('button', { name: 'New room' }).click()
  const dialog = ann.getByRole('dialog', { name: 'Create a room' })
  await dialog.getByLabel('Name').fill(roomId)
  await dialog.getByLabel('Room id (optional)').fill(roomId)
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(ann).toHaveURL(new RegExp(`/rooms/${roomId}$`))
  await openRoom(ben, roomId)

  await expect(onlineList(ann).getByText(benName, { exact: true })).toBeVisible()
  await expect(onlineList(ben).getByText(annName, { exact: true })).toBeVisible()

  await send(ann, 'Hello Ben!')
  await expectMessageOnce(ben, 'Hello Ben!')
  await expectMessageOnce(ann, 'Hello Ben!')
  await send(ben, 'Hi Ann, line one\nline two')
  await expectMessageOnce(ann, 'Hi Ann, line one\nline two')
  await expectMessageOnce(ben, 'Hi Ann, line one\nline two')
  // Shift+Enter writes a new line instead of sending.
  const box = ann.getByLabel('Message', { exact: true })
  await box.fill('first')
  await box.press('Shift+Enter')
  await box.pressSequentially('second')
  await expect(box).toHaveValue('first\nsecond')
  await box.press('Enter')
  await expectMessageOnce(ben, 'first\nsecond')

  await ben.getByRole('button', { name: 'Leave room' }).click()
  await ben.getByRole('dialog', { name: 'Leave room' }).getByRole('button', { name: 'Leave room' }).click()
  await expect(onlineList(ann).getByText(benName, { exact: true })).toHaveCount(0)

  await annContext.close()
  await benContext.close()
})

test('a reload keeps the history, in order and without duplicates', async ({ browser, people }) => {
  const cleo = await people.get('cat')
  const roomId = uniqueName('hist').toLowerCase()
  await rest.createRoom(cleo, roomId)
  for (let i = 1; i <= 3; i++) await rest.send(cleo, roomId, `earlier ${i}`)

  const context = await signedInContext(browser, cleo)
  const page = await context.newPage()
  await openRoom(page, roomId)
  await send(page, 'typed in the browser')
  await expectMessageOnce(page, 'typed in the browser')

  await page.reload()
  await expect(page.getByRole('heading', { level: 2, name: roomId })).toBeVisible()
  const expected = ['earlier 1', 'earlier 2', 'earlier 3', 'typed in the browser']
  await expect(messages(page).locator('.text')).toHaveText(expected)
  await context.close()
})

test('scrolling up loads earlier history until the first message', async ({ browser, people }) => {
  const dora = await people.get('cat')
  const roomId = uniqueName('long').toLowerCase()
  await rest.createRoom(dora, roomId)
  for (let i = 1; i <= 75; i++) await rest.send(dora, roomId, `line ${i}`)

  const context = await signedInContext(browser, dora, { viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  await openRoom(page, roomId)
  await expect(messages(page).getByText('line 75', { exact: true })).toBeVisible()

  const list = messages(page)
  await scrollBackTo(page, 'line 1')
  await expect(list.getByText('This is the beginning of the room.')).toBeVisible()
  await expect(list.locator('.text')).toHaveCount(75)
  await context.close()
})

test('a message that looks like HTML is shown as text and runs nothing', async ({ browser, people }) => {
  const eve = await people.get('ann')
  const fay = await people.get('ben')
  const roomId = uniqueName('xss').toLowerCase()
  await rest.createRoom(eve, roomId)
  const hostile = '<img src=x onerror=alert(1)>'

  const eveContext = await signedInContext(browser, eve)
  const fayContext = await signedInContext(browser, fay)
  const evePage = await eveContext.newPage()
  const fayPage = await fayContext.newPage()
  const dialogs: string[] = []
  for (const page of [evePage, fayPage]) page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()))
  await openRoom(evePage, roomId)
  await openRoom(fayPage, roomId)

  await send(evePage, hostile)
  await expectMessageOnce(fayPage, hostile)
  await expectMessageOnce(evePage, hostile)
  await fayPage.reload()
  await expectMessageOnce(fayPage, hostile)

  for (const page of [evePage, fayPage]) await expect(messages(page).locator('img')).toHaveCount(0)
  expect(dialogs).toEqual([])
  await eveContext.close()
  await fayContext.close()
})

test('sign-in and sign-up forms check input and show what the server refuses', async ({ page, people }) => {
  const taken = await people.get('cat')
  await page.goto('/register')
  await page.getByLabel('Username').fill('ab')
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByLabel('Password', { exact: true }).fill('short')
  await page.getByLabel('Confirm password').fill('different')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByText('Username: 3–32 letters, digits, "_", "." or "-".')).toBeVisible()
  await expect(page.getByText('Enter a valid email address.')).toBeVisible()
  await expect(page.getByText('Password: 8–128 characters, not a common one.')).toBeVisible()
  await expect(page.getByText('The passwords differ.')).toBeVisible()

  await page.getByLabel('Username').fill(taken.user.username.toUpperCase())
  await page.getByLabel('Email').fill(`${uniqueName('other')}@example.com`)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Confirm password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  // The server's refusal, not a field error that may still be fading out (field errors are alerts too).
  await expect(serverAlert(page)).toBeVisible()
  await expect(page).toHaveURL(/\/register$/)

  await page.getByRole('link', { name: 'Sign in' }).click()
  await page.getByLabel('Username').fill(taken.user.username)
  await page.getByLabel('Password').fill('wrong password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(serverAlert(page)).toHaveText('Wrong username or password.')

  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click()
  await expect(page.getByRole('heading', { name: '登录聊天' })).toBeVisible()
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible()
})

/** The form's server-error alert (Element Plus renders field validation messages with role="alert" as well). */
function serverAlert(page: import('@playwright/test').Page) {
  return page.locator('[role="alert"]:not(.el-form-item__error)')
}
