import { describe, expect, it } from 'vitest';
import { ownScript } from '../../bench/page-cost';

const OURS = { data: { url: 'chrome-extension://abc/content-scripts/content.js' } };
const PAGE = { data: { url: 'https://example.com/app.js' } };

describe("the page-cost bench's own-script measure", () => {
  it("takes V8's collections out of our longest call, on its own thread only, and keeps them in the CPU per second", () => {
    const events = [
      { name: 'FunctionCall', ph: 'X', ts: 1_000, dur: 40_000, tdur: 38_000, pid: 1, tid: 7, args: OURS },
      { name: 'MinorGC', ph: 'X', ts: 5_000, dur: 25_000, tdur: 25_000, pid: 1, tid: 7 },
      // Another thread's collection at the same moment is not ours.
      { name: 'MajorGC', ph: 'X', ts: 5_000, dur: 30_000, tdur: 30_000, pid: 1, tid: 9 },
      { name: 'FunctionCall', ph: 'X', ts: 100_000, dur: 20_000, tdur: 20_000, pid: 1, tid: 7, args: OURS },
      { name: 'FunctionCall', ph: 'X', ts: 200_000, dur: 90_000, tdur: 90_000, pid: 1, tid: 7, args: PAGE },
    ];
    const own = ownScript(events, 0, 1_000_000);
    // 38 ms with a 25 ms collection is 13 ms of ours: the 20 ms call is the longest.
    expect(own).toMatchObject({ longestCpuMs: 20, longestWithGcMs: 20, longestWallMs: 20 });
    expect(own.cpuMsPerS).toBe(58);
  });
});
