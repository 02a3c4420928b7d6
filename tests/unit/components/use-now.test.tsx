// @vitest-environment jsdom
import { act, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNow } from '../../../components/common/hooks';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('useNow (the countdowns of the popup’s orders)', () => {
  it('draws once when it mounts ticking: no second render before the first frame is painted', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    // The clock moves between the render and the effect, as it does in a browser.
    let clock = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 3));
    let renders = 0;
    function Clock() {
      renders++;
      useNow(true);
      return null;
    }
    const root = createRoot(document.createElement('div'));
    await act(async () => root.render(<Clock />));
    expect(renders).toBe(1);
    // ...and it still ticks every second.
    await act(async () => vi.advanceTimersByTime(1_000));
    expect(renders).toBe(2);
    root.unmount();
  });

  it('reads the clock again when it starts ticking after a still spell', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const seen: number[] = [];
    let enable: (on: boolean) => void = () => {};
    function Clock() {
      const [on, setOn] = useState(false);
      enable = setOn;
      seen.push(useNow(on));
      return null;
    }
    const root = createRoot(document.createElement('div'));
    await act(async () => root.render(<Clock />));
    vi.setSystemTime(1_090_000);
    await act(async () => enable(true));
    expect(seen.at(-1)).toBe(1_090_000);
    root.unmount();
  });
});
