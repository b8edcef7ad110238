import { expect, openRoom, send, signedInContext, test, uniqueName } from './support'

test('a private room is visible only to its members, and unread counts show elsewhere', async ({ browser, people }) => {
  const kai = await people.get('ann')
  const lea = await people.get('ben')
  const roomId = uniqueName('priv').toLowerCase()

  const kaiContext = await signedInContext(browser, kai)
  const leaContext = await signedInContext(browser, lea)
  const kaiPage = await kaiContext.newPage()
  const leaPage = await leaContext.newPage()
  await openRoom(kaiPage, 'general')

  await kaiPage.getByRole('button', { name: 'New room' }).click()
  const create = kaiPage.getByRole('dialog', { name: 'Create a room' })
  await create.getByLabel('Name').fill(roomId)
  await create.getByLabel('Room id (optional)').fill(roomId)
  await create.locator('label', { hasText: 'Public room' }).click()
  await expect(create.getByRole('switch', { name: 'Public room' })).toHaveAttribute('aria-checked', 'false')
  await create.getByRole('button', { name: 'Create' }).click()
  await expect(kaiPage).toHaveURL(new RegExp(`/rooms/${roomId}$`))

  // Lea cannot see it yet.
  await leaPage.goto(`/rooms/${roomId}`)
  await expect(leaPage.getByText('This room does not exist, or you have no access to it.')).toBeVisible()

  await kaiPage.getByRole('button', { name: 'Add member' }).click()
  const add = kaiPage.getByRole('dialog', { name: /Add a member/ })
  await add.getByLabel('Username').fill(lea.user.username)
  await add.getByRole('button', { name: 'Add' }).click()
  await expect(kaiPage.getByText(`${lea.user.username} can now join`)).toBeVisible()

  await openRoom(leaPage, roomId)
  await expect(leaPage.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomId })).toBeVisible()

  // Lea moves to general; Kai's message in the private room shows as unread there.
  await leaPage.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: 'general' }).click()
  await expect(leaPage.getByRole('heading', { level: 2, name: 'general' })).toBeVisible()
  await send(kaiPage, 'psst')
  // Scoped to the room: Lea's rooms are server-side now, so rooms from other scenarios are in her list too.
  const privateLink = leaPage.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomId })
  await expect(privateLink.getByLabel('1 unread')).toBeVisible()
  await privateLink.click()
  await expect(leaPage.getByText('psst', { exact: true })).toBeVisible()
  await expect(privateLink.getByLabel('1 unread')).toHaveCount(0)

  await kaiContext.close()
  await leaContext.close()
})

test('the profile page saves display name and avatar', async ({ browser, people }) => {
  const max = await people.get('cat')
  const context = await signedInContext(browser, max)
  const page = await context.newPage()
  await page.goto('/profile')
  await page.getByLabel('Display name').fill('Max Mustermann')
  await page.getByLabel('Avatar URL').fill('javascript:alert(1)')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('An http(s) URL, or empty.')).toBeVisible()

  await page.getByLabel('Avatar URL').fill('https://example.com/max.png')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Profile saved.')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Display name')).toHaveValue('Max Mustermann')
  await expect(page.getByRole('button', { name: 'Account menu' })).toContainText('Max Mustermann')
  await context.close()
})
