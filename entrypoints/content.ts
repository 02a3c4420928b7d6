import '../lib/zod-jitless'; // first: before any module builds a zod schema
import { partLifetime } from '../lib/content/lifetime';
import { startLoader } from '../lib/content/loader';

// Runs on every page and frame, so it only looks for a likely field and then has the background
// load the autofill part (entrypoints/autofill.ts) into this frame. No React, nothing heavy.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    startLoader(partLifetime('loader'));
  },
});
