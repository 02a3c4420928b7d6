import { config } from 'zod/v4/core';

// Imported first by every entrypoint, for this side effect: zod builds its first schemas while the
// modules after this one load, and each object schema decides then whether it may compile a fast
// parser with `new Function`. Asking that is itself an eval, which an extension's CSP blocks and
// Firefox logs as a violation. Extension pages never allow eval, so zod gives nothing up here.
config({ jitless: true });
