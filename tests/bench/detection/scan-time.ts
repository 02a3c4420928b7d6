/**
 * Measures one `detectFields(document)` scan in Chromium: the median per
 * corpus page, and on a generated page of 5,000 elements. Goal: under 2 ms
 * median per real page.
 *   npx tsx tests/bench/detection/scan-time.ts
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveDirectory } from '../../fixtures/serve';
import { launchChromium, openWithDetector } from './chromium';
import { corpusDirectory } from './score';

export interface ScanTimes {
  /** Median milliseconds of one scan, per corpus page. */
  pages: { page: string; medianMs: number }[];
  /** Over the pages' medians. */
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  largePage: { elements: number; medianMs: number };
}

const LARGE_PAGE_ELEMENTS = 5000;

/** Scan times on every corpus page and on a generated large page. */
export async function measureScanTimes(corpus = corpusDirectory()): Promise<ScanTimes> {
  const index = JSON.parse(await readFile(path.join(corpus, 'index.json'), 'utf8')) as Record<string, unknown>;
  const server = await serveDirectory(corpus);
  const browser = await launchChromium();
  try {
    const pages: ScanTimes['pages'] = [];
    for (const page of Object.keys(index)) {
      const tab = await openWithDetector(browser, `${server.origin}/${page}`);
      pages.push({ page, medianMs: await tab.evaluate<number>('__numpoolBench.medianScanMs()') });
      await tab.context().close();
    }
    const tab = await openWithDetector(browser, 'data:text/html,<!doctype html><title>large page</title><body></body>');
    const elements = await tab.evaluate<number>(`__numpoolBench.buildLargePage(${LARGE_PAGE_ELEMENTS})`);
    const largeMs = await tab.evaluate<number>('__numpoolBench.medianScanMs()');
    await tab.context().close();
    const sorted = pages.map((entry) => entry.medianMs).sort((a, b) => a - b);
    return {
      pages,
      medianMs: quantile(sorted, 0.5),
      p90Ms: quantile(sorted, 0.9),
      maxMs: sorted[sorted.length - 1] ?? 0,
      largePage: { elements, medianMs: largeMs },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function printScanTimes(times: ScanTimes): void {
  const slowest = [...times.pages].sort((a, b) => b.medianMs - a.medianMs).slice(0, 5);
  console.log(`${times.pages.length} corpus pages: median ${ms(times.medianMs)}, p90 ${ms(times.p90Ms)}, max ${ms(times.maxMs)} per scan`);
  console.log(`slowest: ${slowest.map((entry) => `${entry.page} ${ms(entry.medianMs)}`).join(', ')}`);
  console.log(`generated page of ${times.largePage.elements} elements: median ${ms(times.largePage.medianMs)} per scan`);
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printScanTimes(await measureScanTimes());
