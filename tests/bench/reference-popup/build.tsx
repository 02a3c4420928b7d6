import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { renderToStaticMarkup } from 'react-dom/server';
import { REFERENCE_CSS, ReferencePopup } from './ReferencePopup';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const MANIFEST = {
  manifest_version: 3,
  name: 'Reference popup (bench)',
  version: '1.0',
  action: { default_popup: 'popup.html' },
  // Empty: the bench opens the popup through this worker's chrome.action.openPopup().
  background: { service_worker: 'background.js' },
};

const page = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Reference</title><style>${REFERENCE_CSS}</style>${head}</head><body>${body}</body></html>`;

async function extension(dir: string, html: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  await writeFile(path.join(dir, 'background.js'), '');
  await writeFile(path.join(dir, 'popup.html'), html);
  return dir;
}

/** Builds the two reference extensions into a temporary folder (`root`): static HTML, and React alone. */
export async function buildReferencePopups(): Promise<{ root: string; staticHtml: string; reactOnly: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'numpool-reference-popup-'));
  const staticHtml = await extension(path.join(root, 'static'), page('', renderToStaticMarkup(<ReferencePopup />)));
  const reactOnly = await extension(
    path.join(root, 'react'),
    page('<script type="module" src="popup.js"></script>', '<div id="root"></div>'),
  );
  await build({
    entryPoints: [path.join(HERE, 'react-main.tsx')],
    outfile: path.join(reactOnly, 'popup.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    jsx: 'automatic',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return { root, staticHtml, reactOnly };
}
