import { defineConfig } from '@playwright/test'

/** The running gateway that serves the built app (scripts/run.sh or the lead's runner starts it). */
const baseURL = process.env.CHAT_BASE_URL ?? 'http://127.0.0.1:3001'

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // One browser at a time: the machine is small and the scenarios share one server.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Browsers cannot be downloaded here: Debian's chromium, flags that work as root in a container.
      // Playwright gives every launch a fresh, temporary user data dir.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
