/**
 * Scores the detector in Chromium: precision, recall and F1 per labelled
 * visible field for phone (`ph`, `P1`-`P3`; also apart: whole numbers `ph`
 * and parts of split numbers `P1`-`P3`), phone country code (`P0`) and SMS
 * code (`pi`) on the Formasaurus corpus, and per `data-expect` label on the
 * fixture pages (a phone box is a part when its `data-fill-number` row has
 * several).
 *   npx tsx tests/bench/detection/score.ts
 * The corpus is `../shared/corpus/formasaurus` next to the repository, or
 * NUMPOOL_CORPUS.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveDirectory, serveFixtures } from '../../fixtures/serve';
import { launchChromium, openWithDetector, REPO_ROOT } from './chromium';
import type { FixtureField, FoundField } from './in-page';
import { measureSplitFills, printSplitFills } from './split-fills';

type Kind = FoundField['kind'];

export interface KindScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Labelled fields of this kind that were not found. */
  misses: string[];
  /** Fields found as this kind that are labelled otherwise. */
  falseAlarms: string[];
}

export interface Score {
  pages: number;
  labelledFields: number;
  /** Phone numbers, whole or in parts. */
  phone: KindScore;
  /** Phone numbers in one box (`ph`). */
  whole: KindScore;
  /** Boxes of a number split over several (`P1`-`P3`). */
  part: KindScore;
  country: KindScore;
  code: KindScore;
}

/** What is scored: the three kinds the detector reports, phones also split into whole numbers and parts. */
type ScoredKind = Kind | 'whole' | 'part';
const SCORED: ScoredKind[] = ['phone', 'whole', 'part', 'country', 'code'];
const emptyTallies = () => Object.fromEntries(SCORED.map((kind) => [kind, emptyTally()])) as Record<ScoredKind, KindScore>;
const finishAll = (tallies: Record<ScoredKind, KindScore>) =>
  Object.fromEntries(SCORED.map((kind) => [kind, finish(tallies[kind])])) as Record<ScoredKind, KindScore>;

interface CorpusEntry {
  url: string;
  forms: string[];
  visible_html_fields: Record<string, string>[];
}

/** Field codes of each kind; every other code is a negative. `XX` (not annotated) and `--` (skip) are not scored. */
const CODES: Record<ScoredKind, string[]> = {
  phone: ['ph', 'P1', 'P2', 'P3'],
  whole: ['ph'],
  part: ['P1', 'P2', 'P3'],
  country: ['P0'],
  code: ['pi'],
};
const UNSCORED = new Set(['XX', '--']);

export function corpusDirectory(): string {
  return process.env.NUMPOOL_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'formasaurus');
}

/** Runs the detector on every corpus page and compares it with the labels. */
export async function scoreCorpus(corpus = corpusDirectory()): Promise<Score> {
  const index = JSON.parse(await readFile(path.join(corpus, 'index.json'), 'utf8')) as Record<string, CorpusEntry>;
  const tallies = emptyTallies();
  let labelledFields = 0;
  const server = await serveDirectory(corpus);
  const browser = await launchChromium();
  try {
    for (const [page, entry] of Object.entries(index)) {
      const tab = await openWithDetector(browser, `${server.origin}/${page}`);
      const found = await tab.evaluate<FoundField[]>('__numpoolBench.reportDetection()');
      await tab.context().close();
      entry.visible_html_fields.forEach((fields, form) => {
        for (const [name, code] of Object.entries(fields)) {
          if (UNSCORED.has(code)) continue;
          labelledFields++;
          const matches = found.filter((field) => field.form === form && field.name === name);
          const kinds = new Set<ScoredKind>(matches.map((field) => field.kind));
          for (const field of matches) if (field.kind === 'phone') kinds.add(field.parts ? 'part' : 'whole');
          for (const kind of SCORED) {
            tally(
              tallies[kind],
              CODES[kind].includes(code),
              kinds.has(kind),
              `${page} form ${form} ${name} (${code}; found ${[...kinds].join(',') || 'nothing'})`,
            );
          }
        }
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { pages: Object.keys(index).length, labelledFields, ...finishAll(tallies) };
}

const FORMS = path.resolve(REPO_ROOT, 'tests', 'fixtures', 'forms');
/** Fixture pages that are parts of others (the iframe's inner page) or need a click first (delayed.html). */
const NOT_STANDALONE = new Set(['iframe-inner.html', 'delayed.html']);

/**
 * Runs the detector on the fixture pages (tests/fixtures/forms, scripts on)
 * and compares it with what each page labels (`data-expect`): phone, country
 * code and code fields, and the fields that must be none of them.
 */
export async function scoreFixtures(): Promise<Score> {
  const pages = (await readdir(FORMS)).filter((file) => file.endsWith('.html') && !NOT_STANDALONE.has(file)).sort();
  const tallies = emptyTallies();
  let labelledFields = 0;
  const server = await serveFixtures();
  const browser = await launchChromium();
  try {
    for (const page of pages) {
      const tab = await openWithDetector(browser, `${server.origin}/forms/${page}`, { scripts: true });
      const fields = await tab.evaluate<FixtureField[]>('__numpoolBench.fixtureFields()');
      await tab.context().close();
      for (const field of fields) {
        labelledFields++;
        const expected = field.expected === 'phone' ? (field.expectedPart ? 'part' : 'whole') : field.expected;
        const found = field.found === 'phone' ? (field.foundPart ? 'part' : 'whole') : field.found;
        for (const kind of SCORED) {
          const is = (value: string | null | undefined, phone: ScoredKind | null | undefined) => value === kind || phone === kind;
          tally(
            tallies[kind],
            is(field.expected, expected),
            is(field.found, found),
            `${page} ${field.where} (expected ${expected ?? 'none'}; found ${found ?? 'nothing'})`,
          );
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { pages: pages.length, labelledFields, ...finishAll(tallies) };
}

function emptyTally(): KindScore {
  return { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0, misses: [], falseAlarms: [] };
}

function tally(score: KindScore, labelled: boolean, found: boolean, where: string): void {
  if (labelled && found) score.tp++;
  else if (labelled) {
    score.fn++;
    score.misses.push(where);
  } else if (found) {
    score.fp++;
    score.falseAlarms.push(where);
  }
}

function finish(score: KindScore): KindScore {
  const precision = score.tp / (score.tp + score.fp || 1);
  const recall = score.tp / (score.tp + score.fn || 1);
  return { ...score, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Precision and recall per field kind, one row per corpus. */
export function printScoreTable(scores: Record<string, Score>): void {
  const rows: Record<string, string | number>[] = [];
  for (const [corpus, score] of Object.entries(scores)) {
    for (const kind of SCORED) {
      const { tp, fp, fn, precision, recall, f1 } = score[kind];
      rows.push({ corpus, kind, precision: percent(precision), recall: percent(recall), F1: percent(f1), TP: tp, FP: fp, FN: fn });
    }
  }
  console.table(rows);
}

export function printScore(score: Score): void {
  console.log(`${score.pages} pages, ${score.labelledFields} labelled visible fields`);
  for (const kind of SCORED) {
    const { tp, fp, fn, precision, recall, f1, misses, falseAlarms } = score[kind];
    console.log(`\n${kind}: precision ${percent(precision)}  recall ${percent(recall)}  F1 ${percent(f1)}  (TP ${tp}, FP ${fp}, FN ${fn})`);
    for (const miss of misses) console.log(`  missed: ${miss}`);
    for (const alarm of falseAlarms) console.log(`  false alarm: ${alarm}`);
  }
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const scores = { formasaurus: await scoreCorpus(), fixtures: await scoreFixtures() };
  printScore(scores.formasaurus);
  printScore(scores.fixtures);
  printScoreTable(scores);
  printSplitFills(await measureSplitFills());
}
