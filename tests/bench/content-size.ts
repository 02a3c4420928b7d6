import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../e2e/extension';

export interface ContentSize {
  /** Injected into every page and frame. */
  everyPageGzipBytes: number;
  /** Loaded only into frames where a likely field was found. */
  onFieldGzipBytes: number;
}

const gz = async (file: string) => gzipSync(await readFile(`${EXTENSION_DIR}/${file}`), { level: 9 }).length;

/** Gzipped size of the built content script, and of the part loaded where fields are found. */
export async function contentSize(): Promise<ContentSize> {
  return { everyPageGzipBytes: await gz('content-scripts/content.js'), onFieldGzipBytes: await gz('autofill.js') };
}
