import '../lib/zod-jitless'; // first: before any module builds a zod schema
import { partLifetime } from '../lib/content/lifetime';
import { startPageAutofill } from '../lib/content/page-autofill';

// Loaded into a frame by the background when the content script found a likely field. Injected
// again, it replaces the running copy; when the extension goes, it removes everything it added.
export default defineUnlistedScript(() => {
  startPageAutofill(partLifetime('autofill'));
});
