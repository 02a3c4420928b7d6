import '../lib/zod-jitless';  // first: before any module builds a zod schema
import { startPageAutofill } from '../lib/content/page-autofill';

// Loaded into a frame by the background when the content script found a likely field.
export default defineUnlistedScript(() => {
  startPageAutofill(new AbortController().signal);
});
