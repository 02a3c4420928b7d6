import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and contract tests. Browser flows live in tests/e2e (Playwright).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/contract/**/*.test.ts', 'tests/sandbox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Two cores: contract tests each start a sandbox; keep parallelism modest.
    maxWorkers: 2,
    // zod runs through Vitest's module graph, so a test can load it afresh (tests/unit/entrypoints).
    server: { deps: { inline: ['zod'] } },
  },
});
