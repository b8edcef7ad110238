import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, messages, openRoom, rest, scrollBackTo, send, signedInContext, test, uniqueName } from './support'

/** WCAG 2.1 A and AA rules; only serious and critical findings fail the test (moderate/minor are printed). */
async function expectNoSeriousViolations(page: Page, what: string) {
  // A dialog or drawer still fading in has blended colours: wait for every finite animation and transition to end.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  )
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`)
  expect(summary, `axe on ${what}`).toEqual([])
}

const layouts = [
  { name: 'desktop', options: { viewport: { width: 1280, height: 800 } } },
  { name: 'phone', options: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } },
] as const
const themes = ['light', 'dark'] as const

for (const layout of layouts) {
  for (const theme of themes) {
    test(`axe: no serious or critical violations, ${theme} theme, ${layout.name}`, async ({ browser, people }) => {
      // The system setting picks the theme: nothing is saved, so this also checks "follow the system" by default.
      const guest = await browser.newContext({ ...layout.options, colorScheme: theme })
      await guest.addInitScript(() => localStorage.setItem('chat.locale', 'en'))
      const page = await guest.newPage()
      await page.goto('/login')
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
      await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /dark/ : /^(?!.*dark)/)
      await expectNoSeriousViolations(page, `sign-in (${theme}, ${layout.name})`)
      await page.goto('/register')
      await expect(page.getByRole('button', { name: 'Create account' })).toBeVisible()
      await expectNoSeriousViolations(page, `sign-up (${theme}, ${layout.name})`)
      await guest.close()

      const owner = await people.get('ann')
      const roomId = uniqueName('axe').toLowerCase()
      await rest.createRoom(owner, roomId, false)
      await rest.send(owner, roomId, 'a message so that the list has content')
      const context = await signedInContext(browser, owner, { ...layout.options, colorScheme: theme })
      const chat = await context.newPage()
      await openRoom(chat, roomId)
      await expect(messages(chat).getByText('a message so that the list has content')).toBeVisible()
      await expectNoSeriousViolations(chat, `chat (${theme}, ${layout.name})`)

      if (layout.name === 'phone') {
        await chat.getByRole('button', { name: 'Rooms', exact: true }).click()
        await expect(chat.getByRole('navigation', { name: 'Rooms' })).toBeVisible()
        await expectNoSeriousViolations(chat, `room drawer (${theme}, ${layout.name})`)
        await chat.keyboard.press('Escape')
        await expect(chat.getByRole('navigation', { name: 'Rooms' })).toBeHidden()
        await chat.getByRole('button', { name: 'People online' }).click()
        await expect(chat.getByRole('dialog', { name: 'People online' })).toBeVisible()
        await expectNoSeriousViolations(chat, `people drawer (${theme}, ${layout.name})`)
        await chat.keyboard.press('Escape')
      }

      // On a phone the room list (and its "New room" button) is in the drawer.
      if (layout.name === 'phone') await chat.getByRole('button', { name: 'Rooms', exact: true }).click()
      await chat.getByRole('button', { name: 'New room' }).click()
      await expect(chat.getByRole('dialog', { name: 'Create a room' })).toBeVisible()
      await expectNoSeriousViolations(chat, `create-room dialog (${theme}, ${layout.name})`)
      await chat.keyboard.press('Escape')
      await expect(chat.getByRole('dialog', { name: 'Create a room' })).toBeHidden()

      await openRoom(chat, roomId)
      await chat.getByRole('button', { name: 'Add member' }).click()
      await expect(chat.getByRole('dialog', { name: /Add a member/ })).toBeVisible()
      await expectNoSeriousViolations(chat, `add-member dialog (${theme}, ${layout.name})`)
      await chat.keyboard.press('Escape')

      await chat.goto('/profile')
      await expect(chat.getByRole('heading', { level: 2 }).first()).toBeVisible()
      await expectNoSeriousViolations(chat, `profile (${theme}, ${layout.name})`)
      await context.close()
    })
  }
}

/** The computed background of the main surfaces, as `rgb(...)` strings. */
const surfaces = (page: Page) =>
  page.evaluate(() => {
    const bg = (selector: string) => getComputedStyle(document.querySelector(selector)!).backgroundColor
    return { topbar: bg('.topbar'), room: bg('.room-main'), page: getComputedStyle(document.documentElement).backgroundColor }
  })
const luminance = (rgb: string) => {
  const [r, g, b] = rgb.match(/\d+/g)!.map(Number)
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

test('dark mode: follows the system, the toggle overrides it and survives a reload; screenshots of both', async ({ browser, people }, testInfo) => {
  const pat = await people.get('cat')
  const context = await signedInContext(browser, pat, { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' })
  const page = await context.newPage()
  await openRoom(page, 'general')
  const toggle = page.getByRole('button', { name: 'Dark theme' })
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  const dark = await surfaces(page)
  mkdirSync(testInfo.outputDir, { recursive: true })
  const darkShot = await page.screenshot({ path: testInfo.outputPath('theme-dark.png') })

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(page.locator('html')).not.toHaveClass(/dark/)
  const light = await surfaces(page)
  const lightShot = await page.screenshot({ path: testInfo.outputPath('theme-light.png') })
  await testInfo.attach('theme-dark', { body: darkShot, contentType: 'image/png' })
  await testInfo.attach('theme-light', { body: lightShot, contentType: 'image/png' })

  // Every main surface changes, dark ones are darker, and the two screenshots differ.
  for (const key of Object.keys(dark) as (keyof typeof dark)[]) {
    expect(dark[key], key).not.toBe(light[key])
    expect(luminance(dark[key]), key).toBeLessThan(luminance(light[key]))
  }
  expect(darkShot.equals(lightShot)).toBe(false)

  // The explicit choice is saved and wins over the (still dark) system setting after a reload.
  await page.reload()
  await expect(page.getByRole('heading', { level: 2, name: 'general' })).toBeVisible()
  await expect(page.locator('html')).not.toHaveClass(/dark/)
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'false')
  expect(await page.evaluate(() => localStorage.getItem('chat.theme'))).toBe('light')
  await context.close()
})

/** Presses Tab until the focused element matches, as a keyboard user would (at most `limit` presses). */
async function tabTo(page: Page, matches: (el: Element, arg: string) => boolean, arg = '', limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const active = await page.evaluateHandle(() => document.activeElement!)
    if (await active.evaluate(matches, arg)) return
  }
  throw new Error('the element was never reached with Tab')
}

test('keyboard only: send, switch room, open a dialog and close it', async ({ browser, people }) => {
  const kim = await people.get('ben')
  const first = uniqueName('keys').toLowerCase()
  const second = uniqueName('keys').toLowerCase()
  await rest.createRoom(kim, first)
  await rest.createRoom(kim, second)
  const context = await signedInContext(browser, kim, { viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await openRoom(page, first)

  // Send: Tab to the composer, type, Enter.
  await tabTo(page, (el) => el.getAttribute('aria-label') === 'Message')
  await page.keyboard.type('typed without a mouse')
  await page.keyboard.press('Enter')
  await expect(messages(page).getByText('typed without a mouse', { exact: true })).toHaveCount(1)

  // Switch room: Tab to its link in the room list, Enter.
  await tabTo(page, (el, name) => el.tagName === 'A' && (el.textContent ?? '').includes(name), second)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: second })).toBeVisible()

  // Open a dialog with Enter, focus moves into it; Escape closes it and focus returns to the button.
  await tabTo(page, (el) => el.tagName === 'BUTTON' && (el.textContent ?? '').includes('New room'))
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Create a room' })
  await expect(dialog).toBeVisible()
  await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect.poll(() => page.evaluate(() => (document.activeElement?.textContent ?? '').includes('New room'))).toBe(true)
  await context.close()
})

test('the live region announces new messages only, never history loaded by scrolling back', async ({ browser, people }) => {
  const lee = await people.get('cat')
  const max = await people.get('ann')
  const roomId = uniqueName('live').toLowerCase()
  await rest.createRoom(lee, roomId)
  for (let i = 1; i <= 60; i++) await rest.send(lee, roomId, `old ${i}`)

  const context = await signedInContext(browser, max, { viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  await openRoom(page, roomId)
  const list = messages(page)
  await expect(list.getByText('old 60', { exact: true })).toBeVisible()
  const announcer = page.getByTestId('new-message-announcer')
  await expect(announcer).toHaveAttribute('aria-live', 'polite')
  await expect(list).toHaveAttribute('aria-live', 'off')
  await expect(announcer).toHaveText('')

  await rest.send(lee, roomId, 'fresh news')
  await expect(announcer).toContainText('fresh news')

  await scrollBackTo(page, 'old 1')
  await expect(announcer).not.toContainText('old ')
  await send(page, 'my own words')
  await expect(list.getByText('my own words', { exact: true })).toHaveCount(1)
  await expect(announcer).not.toContainText('my own words')
  await context.close()
})
