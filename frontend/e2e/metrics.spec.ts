import { writeFileSync, mkdirSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { openRoom, rest, signedInContext, uniqueName } from './support'

/** Printed by the e2e script next to the bundle size; numbers for the closing note, not a pass/fail gate. */
test('measures time to first render', async ({ browser }) => {
  const pia = await rest.register(uniqueName('pia'))
  const guest = await browser.newContext()
  const signIn = await guest.newPage()
  await signIn.goto('/login')
  await expect(signIn.getByRole('button', { name: 'Sign in' })).toBeVisible()
  const login = await signIn.evaluate(() => ({
    firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    appRendered: performance.getEntriesByName('chat:first-render')[0]?.startTime ?? null,
  }))

  const context = await signedInContext(browser, pia)
  const page = await context.newPage()
  const started = Date.now()
  await openRoom(page, 'general')
  const chatReadyMs = Date.now() - started
  const chat = await page.evaluate(() => ({
    firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    appRendered: performance.getEntriesByName('chat:first-render')[0]?.startTime ?? null,
  }))

  const metrics = { login, chat: { ...chat, connectedAndShownMs: chatReadyMs } }
  console.log(`time to first render: ${JSON.stringify(metrics)}`)
  mkdirSync('test-results', { recursive: true })
  writeFileSync('test-results/metrics.json', JSON.stringify(metrics, null, 2))
  expect(login.appRendered).not.toBeNull()
  await guest.close()
  await context.close()
})
