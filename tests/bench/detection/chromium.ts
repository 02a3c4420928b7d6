/**
 * Debian Chromium for the detection tools: offline (only 127.0.0.1 is
 * reachable), with the detector injected as one bundle.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Route } from '@playwright/test';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..', '..');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

let bundle: Promise<string> | undefined;
/** The detector and the in-page reporter as one IIFE defining `__numpoolBench`. */
export function detectionBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.join(HERE, 'in-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__numpoolBench',
    target: 'chrome120',
    minify: true,
    // Evaluated as a string by Playwright (inside a function): publish the global explicitly.
    footer: { js: 'globalThis.__numpoolBench=__numpoolBench;' },
    logLevel: 'silent',
    // The page side's field shape comes from the content script's messaging module: no extension here.
    plugins: [
      {
        name: 'no-extension-apis',
        setup(build) {
          build.onResolve({ filter: /^wxt\/browser$/ }, () => ({ path: 'wxt-browser', namespace: 'stub' }));
          build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export const browser = {};', loader: 'js' }));
        },
      },
    ],
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/**
 * Opens `url` in a fresh context where only 127.0.0.1 answers, page scripts
 * run only when asked (saved pages are read as they were served), and the
 * detector is injected.
 */
export async function openWithDetector(browser: Browser, url: string, { scripts = false } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: scripts, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await context.route('**/*', (route) => {
    const request = route.request();
    const { hostname, protocol } = new URL(request.url());
    // Without scripts, saved pages need nothing but their documents (their styles and images were not saved).
    const local = (hostname === '127.0.0.1' && (scripts || request.resourceType() === 'document')) || protocol === 'data:';
    // Saved pages may redirect (meta refresh): the page under test stays.
    const leavesPage = request.isNavigationRequest() && request.frame() === page.mainFrame() && request.url() !== url;
    if (!local || leavesPage) return route.abort();
    return scripts || request.resourceType() !== 'document' ? route.continue() : fulfillWithoutRefresh(route);
  });
  await page
    .goto(url, { waitUntil: scripts ? 'networkidle' : 'load', timeout: 30_000 })
    .catch(() => page.waitForLoadState('domcontentloaded'));
  await page.evaluate(await detectionBundle());
  return page;
}

/** `<meta http-equiv=refresh>`, live inside `<noscript>` when scripts are off. */
const META_REFRESH = /<meta[^>]+http-equiv=["']?refresh[^>]*>/gi;

/** Serves a saved document without its redirects (bytes kept: latin1 round-trips any encoding). */
async function fulfillWithoutRefresh(route: Route): Promise<void> {
  const response = await route.fetch();
  const body = (await response.body()).toString('latin1').replace(META_REFRESH, '');
  await route.fulfill({ response, body: Buffer.from(body, 'latin1') });
}
