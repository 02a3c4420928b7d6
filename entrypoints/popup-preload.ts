import { startStoredRead } from '../lib/ui/early-read';

// Loaded by popup.html next to its main scripts: starts reading storage while those still load.
export default defineUnlistedScript(() => {
  startStoredRead();
});
