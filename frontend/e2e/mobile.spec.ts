import { expect, expectMessageOnce, password, rest, send, test, uniqueName } from './support'

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })

test('on a 375 px phone: sign in, pick a room from the drawer, chat, see who is online', async ({ page, people }) => {
  const nia = await people.get('ann')
  const oto = await people.get('cat')
  const roomId = uniqueName('phone').toLowerCase()
  await rest.createRoom(oto, roomId)

  await page.goto('/login')
  await page.getByLabel('Username').fill(nia.user.username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'general' })).toBeVisible()

  // The room list is a drawer on a phone.
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeHidden()
  await page.getByRole('button', { name: 'Rooms' }).click()
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomId }).click()
  await expect(page.getByRole('heading', { level: 2, name: roomId })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeHidden()

  await send(page, 'hello from a phone')
  await expectMessageOnce(page, 'hello from a phone')
  await rest.send(oto, roomId, 'hello back')
  await expectMessageOnce(page, 'hello back')

  await page.getByRole('button', { name: 'People online' }).click()
  await expect(page.getByRole('list', { name: /Online/ }).getByText(nia.user.username, { exact: true })).toBeVisible()

  // Nothing sticks out sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})
