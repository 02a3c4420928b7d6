/**
 * Prints what the detector finds in saved pages, as JSON per page:
 *   npx tsx tests/tools/detect.ts page.html... [--scripts] [--explain=NAME] [--expect]
 * Pages are served from 127.0.0.1 with every other host blocked; page
 * scripts stay off unless --scripts is given (for live fixtures).
 * --explain=NAME adds the snapshot and every classifier's score of the
 * controls named NAME: why a field was or was not found. --expect checks
 * pages that state what must be found (data-expect attributes, as the
 * fixtures do) and exits non-zero on any difference.
 */
import path from 'node:path';
import { launchChromium, openWithDetector } from '../bench/detection/chromium';
import type { FoundField } from '../bench/detection/in-page';
import { serveDirectory, serveFixtures } from '../fixtures/serve';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');

async function main(args: string[]): Promise<void> {
  const scripts = args.includes('--scripts');
  const explain = args.find((arg) => arg.startsWith('--explain='))?.slice('--explain='.length);
  const expect = args.includes('--expect');
  const pages = args.filter((arg) => !arg.startsWith('--'));
  if (pages.length === 0) {
    console.error('usage: npx tsx tests/tools/detect.ts page.html... [--scripts] [--explain=NAME] [--expect]');
    process.exitCode = 2;
    return;
  }
  const browser = await launchChromium();
  try {
    for (const page of pages) {
      const file = path.resolve(page);
      // Fixtures need their server's extras (bundled React, Vue); other pages are served from their folder.
      const fixture = file.startsWith(FIXTURES + path.sep);
      const server = fixture ? await serveFixtures() : await serveDirectory(path.dirname(file));
      const url = fixture
        ? `${server.origin}/${path.relative(FIXTURES, file).split(path.sep).join('/')}`
        : `${server.origin}/${encodeURIComponent(path.basename(file))}`;
      try {
        const tab = await openWithDetector(browser, url, { scripts });
        const found = await tab.evaluate<FoundField[]>('__numpoolBench.reportDetection()');
        const explanation =
          explain === undefined ? undefined : await tab.evaluate(`__numpoolBench.explainField(${JSON.stringify(explain)})`);
        const mismatches = expect ? await tab.evaluate<string[]>('__numpoolBench.expectationMismatches()') : undefined;
        if (mismatches?.length) process.exitCode = 1;
        console.log(JSON.stringify({ page, found, explanation, mismatches }, null, 2));
        await tab.context().close();
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
}

await main(process.argv.slice(2));
