import { defineConfig } from '@playwright/test';

// Browser flows against the sandbox: Debian's Chromium with .output/chrome-mv3 (Playwright), and
// Firefox ESR with .output/firefox-mv3 (puppeteer over WebDriver BiDi, run by the same runner).
export default defineConfig({
  testDir: 'tests/e2e',
  projects: [
    { name: 'chromium', testIgnore: 'firefox/**' },
    { name: 'firefox', testMatch: 'firefox/**/*.spec.ts' },
  ],
  // Traces and reports stay under tests/, not at the top level.
  outputDir: 'tests/e2e/.results',
  // One browser at a time: the machine has two cores and each test runs a Chromium and a sandbox.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'tests/e2e/.report' }]] : 'list',
  use: { trace: 'retain-on-failure' },
});
