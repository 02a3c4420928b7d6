import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { EXTENSION_DIR, extensionWorker, launchWithExtension } from '../e2e/extension';
import { popupOpenTime, preparePopupAccount, toolbarPopupsInTurns, type PopupOpenResult } from './popup-open';
import { buildReferencePopups } from './reference-popup/build';
import { contentSize } from './content-size';
import { measureScanTimes, printScanTimes } from './detection/scan-time';
import { printScore, printScoreTable, scoreCorpus, scoreFixtures } from './detection/score';
import { measureWidgetFills, printWidgetFills } from './detection/widgets';
import { HEAVY_PAGES } from './heavy-pages';
import { measurePageCosts, printPageCosts, WINDOW_MS } from './page-cost';
import { measureSplitFills, printSplitFills } from './detection/split-fills';
import { DEFAULT_SIZE, playScenario, type ScenarioName } from './scenarios';
import { BATCH_HELD_MS, extensionRunner, figuresOf, specLoopRunner, type RunFigures, type Runner } from './runners';
import { spread, type Spread } from './stats';
import { serveFixtures } from '../fixtures/serve';
import { tlsProxy } from '../e2e/tls-proxy';

/**
 * `npm run bench -- [results.json] [options]`: runs the benchmarks in Chromium with built
 * extensions against the sandbox, prints tables and writes the figures as JSON.
 *
 *   --only latency,popup,size,scan,score,widgets,pages   which benchmarks (default: all)
 *   --extension label=DIR                  a build to measure; repeat to compare builds in one run
 *                                          (default: after=.output/chrome-mv3)
 *   --scenarios one-signup,busy,stress,page-send,page-send-ten-waiting   which latency scenarios (default: all)
 *   --size one-signup=20,busy=3,stress=3   signups / rounds of ten / minutes of purchases
 *   --seed N                               the scenarios' random delays (default 11)
 *   --page-rounds N                        rounds of the heavy pages, interleaved, medians kept (default 1)
 *   --popup-rounds N                       toolbar popup opens per build and reference, in turns (default 25)
 *   --sequential                           one runner at a time (default: all runners at once,
 *                                          each with its own key and budget, on one sandbox)
 */
const args = process.argv.slice(2);
function take(name: string): string[] {
  const values: string[] = [];
  for (let i = args.indexOf(name); i >= 0; i = args.indexOf(name)) values.push(...args.splice(i, 2).slice(1));
  return values;
}
function flag(name: string): boolean {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}
const only = take('--only')[0]?.split(',');
const extensions = take('--extension').map((spec) => {
  const at = spec.indexOf('=');
  return at < 0
    ? { label: path.basename(spec), dir: path.resolve(spec) }
    : { label: spec.slice(0, at), dir: path.resolve(spec.slice(at + 1)) };
});
if (extensions.length === 0) extensions.push({ label: 'after', dir: EXTENSION_DIR });
const scenarios = (take('--scenarios')[0]?.split(',') ?? Object.keys(DEFAULT_SIZE)) as ScenarioName[];
const sizes: Record<ScenarioName, number> = { ...DEFAULT_SIZE };
for (const pair of take('--size')[0]?.split(',') ?? []) {
  const [name, value] = pair.split('=');
  sizes[name as ScenarioName] = Number(value);
}
const seed = Number(take('--seed')[0] ?? 11);
const pageRounds = Number(take('--page-rounds')[0] ?? 1);
const popupRounds = Number(take('--popup-rounds')[0] ?? 25);
const sequential = flag('--sequential');
const out = args[0] ?? 'tests/bench/.results/bench.json';
const wanted = (name: string) => only === undefined || only.includes(name);

/** A sandbox and a Chromium with a built extension, for one benchmark. */
async function withExtension<T>(
  dir: string,
  run: (context: BrowserContext, extensionId: string, sandbox: Sandbox) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandbox({ autoDeliver: false });
  const context = await launchWithExtension(dir);
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    return await run(context, new URL(worker.url()).host, sandbox);
  } finally {
    await context.close();
    await sandbox.close();
  }
}

/** Every runner plays the scenario (at once, unless --sequential); figures per runner. */
async function latencyScenario(name: ScenarioName, sandbox: Sandbox, runners: Runner[]): Promise<RunFigures[]> {
  const one = async (runner: Runner) => {
    const { driver, key, finish } = await runner.prepare();
    try {
      const run = await playScenario(name, driver, { seed, size: sizes[name] });
      return await figuresOf(runner.label, run, sandbox, key, spread);
    } finally {
      await finish();
    }
  };
  if (!sequential) return Promise.all(runners.map(one));
  const figures: RunFigures[] = [];
  for (const runner of runners) figures.push(await one(runner));
  return figures;
}

const GOALS: Record<ScenarioName, string> = {
  'page-send': 'p50 <= 300 ms, p95 <= 1000 ms',
  'page-send-ten-waiting': 'p95 <= 1500 ms',
  'one-signup': 'p95 <= 1500 ms, p99 <= 2500 ms',
  busy: 'p95 <= 2500 ms',
  stress: 'no waiting order unpolled for more than 5000 ms',
};

function goalsMet(name: ScenarioName, f: RunFigures, loop: RunFigures | undefined): string[] {
  const checks: [string, boolean][] = [['0 x 429', f.rateLimited === 0]];
  if (name === 'one-signup') checks.push(['p95 <= 1.5 s', f.p95 <= 1_500], ['p99 <= 2.5 s', f.p99 <= 2_500]);
  if (name === 'page-send') checks.push(['p50 <= 0.3 s', f.p50 <= 300], ['p95 <= 1 s', f.p95 <= 1_000]);
  if (name === 'page-send-ten-waiting') checks.push(['p95 <= 1.5 s', f.p95 <= 1_500]);
  if (name === 'busy') checks.push(['p95 <= 2.5 s', f.p95 <= 2_500]);
  if (name === 'stress') checks.push(['pause <= 5 s', f.longestPollPauseMs <= 5_000]);
  if (loop) checks.push(['p50 <= loop/2', f.p50 <= loop.p50 / 2], ['p95 <= loop/2', f.p95 <= loop.p95 / 2]);
  return checks.map(([goal, met]) => `${goal}: ${met ? 'met' : 'NOT met'}`);
}

function printLatency(name: ScenarioName, figures: RunFigures[]): void {
  console.log(
    `\nScenario "${name}" (${sizes[name]}; goal: ${GOALS[name]}; everywhere 0 x 429 and at most half the spec loop's p50 and p95)`,
  );
  console.table(
    figures.map((f) => ({
      runner: f.runner,
      samples: f.samples,
      'p50 ms': f.p50,
      'p95 ms': f.p95,
      'p99 ms': f.p99,
      'max ms': f.max,
      'requests/min': f.requestsPerMinute,
      'busiest 60 s': f.busiestMinute,
      '429s': f.rateLimited,
      'longest poll pause ms': f.longestPollPauseMs,
    })),
  );
  const loop = figures.find((f) => f.runner === "spec's 4 s loop");
  for (const f of figures) if (f !== loop) console.log(`  ${f.runner}: ${goalsMet(name, f, loop).join('; ')}`);
  // The batch's requests hold the budget's window for a minute: how the codes fared in it and after.
  for (const f of figures) {
    if (!f.afterBatch) continue;
    const part = (s: Spread) => (s.samples === 0 ? 'none' : `${s.samples} codes, p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms`);
    console.log(
      `  ${f.runner}: SMS within ${BATCH_HELD_MS / 1000} s of the purchases: ${part(f.afterBatch.within)}; later: ${part(f.afterBatch.after)}`,
    );
  }
}

function printPopup(label: string, r: PopupOpenResult): void {
  console.log(
    `\nPopup open as a tab (${label}): from navigation to the first frame painting the known orders (${r.orders}) and the balance, over ${r.opens} opens`,
  );
  console.table({
    'HTML parsed': r.htmlParsed,
    'scripts run': r.scriptsRun,
    'orders and balance shown': r.shown,
  });
  console.log(`first open (nothing cached yet): ${r.firstOpenMs} ms`);
}

/** The goal (issue 20): each build's toolbar first paint within 25 ms of React alone's, same run. */
function printToolbarPopups(times: Record<string, PopupOpenResult['toolbar']>, reference: string): void {
  console.log(
    `\nThe real toolbar popup (action.openPopup), every build and reference in turns, ${popupRounds} opens each: first paint includes Chrome showing the popup window`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(times).map(([label, r]) => [
        label,
        {
          'scripts run ms': r.scriptsRun.medianMs,
          'load event done ms': r.loaded.medianMs,
          'first paint ms': r.firstPaint.medianMs,
          'first paint p95 ms': r.firstPaint.p95Ms,
          'first paint mean ms': r.firstPaint.meanMs,
        },
      ]),
    ),
  );
  const ref = times[reference]!.firstPaint;
  for (const e of extensions) {
    const paint = times[e.label]!.firstPaint;
    console.log(
      `  ${e.label}: first paint ${paint.medianMs} ms, ${paint.medianMs - ref.medianMs} ms over React alone (${(paint.medianMs / ref.medianMs).toFixed(2)}x; mean ${paint.meanMs - ref.meanMs} ms over); goal <= 25 ms over: ${paint.medianMs - ref.medianMs <= 25 ? 'met' : 'NOT met'}`,
    );
  }
}

const REACT_ALONE = 'React alone, fixed markup';
const figures: Record<string, unknown> = { seed, sizes, sequential, extensions };
if (wanted('latency')) {
  const sandbox = await startSandbox({ autoDeliver: false });
  const cleanup: (() => Promise<void>)[] = [];
  try {
    // Signup pages for the page-send scenario, posing as a service's site over HTTPS.
    const fixtures = await serveFixtures();
    const tls = await tlsProxy(Number(new URL(fixtures.origin).port));
    const signupPage = `https://signup.whatsapp.com:${tls.port}/forms/vue-signup.html`;
    cleanup.push(
      () => tls.close(),
      () => fixtures.close(),
    );
    const runners = [...extensions.map((e) => extensionRunner(e.label, e.dir, sandbox, signupPage)), specLoopRunner(sandbox)];
    const latency: Record<string, RunFigures[]> = {};
    for (const name of scenarios) {
      const result = await latencyScenario(name, sandbox, runners);
      latency[name] = result;
      printLatency(name, result);
    }
    figures.codeLatency = latency;
  } finally {
    for (const close of cleanup) await close();
    await sandbox.close();
  }
}
if (wanted('popup')) {
  const popup: Record<string, PopupOpenResult> = {};
  for (const e of extensions) {
    const result = await withExtension(e.dir, (context, extensionId, sandbox) => popupOpenTime(context, extensionId, sandbox, 25, 0));
    popup[e.label] = result;
    printPopup(e.label, result);
  }
  figures.popupOpen = popup;
  // The toolbar popups of every build and of the references (popups with none of our code:
  // tests/bench/reference-popup), each in its own browser, opened in turns so they meet the same load.
  const references = await buildReferencePopups();
  const sandbox = await startSandbox({ autoDeliver: false });
  const contexts: BrowserContext[] = [];
  try {
    const targets = [];
    for (const e of extensions) {
      const context = await launchWithExtension(e.dir);
      contexts.push(context);
      const worker = await extensionWorker(context);
      targets.push({ label: e.label, context, worker: await preparePopupAccount(context, new URL(worker.url()).host, sandbox) });
    }
    for (const [label, dir] of [
      ['static HTML, no script', references.staticHtml],
      [REACT_ALONE, references.reactOnly],
    ] as const) {
      const context = await launchWithExtension(dir);
      contexts.push(context);
      targets.push({ label, context, worker: await extensionWorker(context) });
    }
    const toolbar = await toolbarPopupsInTurns(targets, popupRounds);
    figures.toolbarPopups = toolbar;
    printToolbarPopups(toolbar, REACT_ALONE);
  } finally {
    for (const context of contexts) await context.close();
    await sandbox.close();
    await rm(references.root, { recursive: true, force: true });
  }
}
if (wanted('size')) {
  const size = await contentSize();
  figures.contentScript = size;
  console.log(
    `\nContent script, gzipped: ${(size.everyPageGzipBytes / 1024).toFixed(1)} KB on every page (budget 10 KB), ${(size.onFieldGzipBytes / 1024).toFixed(1)} KB more where a field is found`,
  );
}
if (wanted('scan')) {
  console.log('\nField detection: one scan of a page (goal: median under 2 ms on real pages)');
  const scans = await measureScanTimes();
  figures.scanTime = scans;
  printScanTimes(scans);
}
if (wanted('score')) {
  console.log('\nField detection scored on the formasaurus corpus');
  const score = await scoreCorpus();
  figures.detectionScore = score;
  printScore(score);
  console.log('\nField detection scored on the fixture pages (tests/fixtures/forms, data-expect labels)');
  const fixtures = await scoreFixtures();
  figures.fixtureScore = fixtures;
  printScore(fixtures);
  console.log('\nDetection per field kind');
  printScoreTable({ formasaurus: score, fixtures });
  const splitFills = await measureSplitFills();
  figures.splitFills = splitFills;
  printSplitFills(splitFills);
}
if (wanted('widgets')) {
  console.log(
    '\nFill success per widget (tests/fixtures/widgets): what the widget holds after detection, country choice, formatting and filling',
  );
  const fills = await measureWidgetFills();
  figures.widgetFills = fills;
  printWidgetFills(fills);
}
if (wanted('pages')) {
  console.log(
    `\nCost on heavy pages that keep changing (${HEAVY_PAGES.join(', ')}): script ms per second of the page's renderer over ${WINDOW_MS / 1000} s (median of ${pageRounds}), without and with each build (goal: at most 2 ms/s more, no task over 50 ms)`,
  );
  const costs = await measurePageCosts(extensions, HEAVY_PAGES, pageRounds);
  figures.pageCost = costs;
  printPageCosts(
    costs,
    extensions.map((e) => e.label),
  );
}

await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2));
console.log(`\nfigures written to ${out}`);
