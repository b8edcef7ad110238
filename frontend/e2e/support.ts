import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test'

export const baseURL = process.env.CHAT_BASE_URL ?? 'http://127.0.0.1:3001'

export interface Session {
  token: string
  user: { id: string; username: string; email: string; displayName: string; avatar: string | null; createdAt: number }
}

/** A username no earlier run has taken: 3-32 of [A-Za-z0-9_.-]. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.slice(0, 32)
}

export const password = 'correct horse battery'

/** Retries a rate-limited request after the server's Retry-After, as a well-behaved client does. */
export async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  let response: Response
  for (let attempt = 0; ; attempt++) {
    response = await fetch(new URL(path, baseURL), {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (response.status !== 429 || attempt === 5) break
    const seconds = Number(response.headers.get('Retry-After') ?? '1')
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1000))
  }
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return (response.status === 204 ? undefined : await response.json()) as T
}

/** The contract's REST surface, for the "other user" who is not looking at a browser. */
export const rest = {
  register: (username: string) => call<Session>('POST', '/users/register', null, { username, email: `${username}@example.com`, password }),
  createRoom: (s: Session, id: string, isPublic = true) => call<{ id: string }>('POST', '/chat/rooms', s.token, { id, name: id, isPublic }),
  send: (s: Session, roomId: string, content: string) =>
    call<{ seq: number }>('POST', '/chat/messages', s.token, { roomId, content, clientMessageId: crypto.randomUUID() }),
  history: (s: Session, roomId: string) =>
    call<{ messages: { content: string; seq: number }[] }>('GET', `/chat/rooms/${roomId}/messages?limit=200`, s.token),
}

/** A browser context already signed in as `session` (the app keeps its session in localStorage). */
export async function signedInContext(browser: Browser, session: Session, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, ...options })
  await context.addInitScript((saved) => {
    if (!localStorage.getItem('chat.session')) localStorage.setItem('chat.session', saved)
    if (!localStorage.getItem('chat.locale')) localStorage.setItem('chat.locale', 'en')
  }, JSON.stringify(session))
  return context
}

export async function openRoom(page: Page, roomId: string): Promise<void> {
  await page.goto(`/rooms/${roomId}`)
  await expect(page.getByRole('heading', { level: 2, name: roomId })).toBeVisible()
  await expect(page.locator('.banner[data-status="connected"]')).toBeAttached()
}

export const messages = (page: Page) => page.getByRole('log', { name: 'Messages' })

/** The online list of the room on screen (the side column on a desktop). */
export const onlineList = (page: Page) => page.getByRole('list', { name: /Online/ })

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true })
  await box.fill(text)
  await box.press('Enter')
}

/** Scrolls the message list to the top until the line with `text` has been loaded (older history pages in). */
export async function scrollBackTo(page: Page, text: string): Promise<void> {
  const list = messages(page)
  await expect(async () => {
    await list.evaluate((el) => (el.scrollTop = 0))
    await expect(list.getByText(text, { exact: true })).toBeAttached({ timeout: 1000 })
  }).toPass()
}

/** Exactly one line in the message list has this text. */
export async function expectMessageOnce(page: Page, text: string): Promise<void> {
  await expect(messages(page).getByText(text, { exact: true })).toHaveCount(1)
}

/**
 * People registered once per test run and shared by the scenarios (each scenario makes its own rooms): sign-ups
 * and sign-ins are rate limited per client address, and every scenario here comes from 127.0.0.1.
 */
export class People {
  private readonly registered = new Map<string, Promise<Session>>()

  get(name: 'ann' | 'ben' | 'cat'): Promise<Session> {
    let session = this.registered.get(name)
    if (!session) {
      session = rest.register(uniqueName(name))
      this.registered.set(name, session)
    }
    return session
  }
}

export const test = base.extend<object, { people: People }>({
  people: [async ({}, use) => use(new People()), { scope: 'worker' }],
})
export { expect }
