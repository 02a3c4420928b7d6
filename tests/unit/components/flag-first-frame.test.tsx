// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The browser's paint reports, played by the test: the first one says the first frame is on screen. */
const paintReports: (() => void)[] = [];
class PaintObserver {
  static readonly supportedEntryTypes = ['paint'];
  constructor(private readonly callback: () => void) {}
  observe(): void {
    paintReports.push(() => this.callback());
  }
  disconnect(): void {}
}

beforeAll(() => vi.stubGlobal('PerformanceObserver', PaintObserver));
afterAll(() => vi.unstubAllGlobals());

async function render(node: React.ReactNode): Promise<HTMLElement> {
  const container = document.createElement('div');
  await act(async () => createRoot(container).render(node));
  return container;
}

describe('a flag in the popup before its first frame is on screen', () => {
  it('is the empty box until that frame is reported painted, then the image: fetching it would compete with that frame', async () => {
    // A fresh module: the first frame has not been reported yet.
    vi.resetModules();
    const { Flag } = await import('../../../components/common/Flag');
    const container = await render(<Flag iso2="US" />);
    expect(container.innerHTML).toBe('<span class="flag" aria-hidden="true"></span>');
    expect(paintReports).toHaveLength(1);

    await act(async () => paintReports[0]!());
    expect(container.querySelector('img')?.getAttribute('src')).toBe('/flags/US.svg');

    // Flags drawn later (a panel opened, a country list) are images at once, with no second watch.
    const later = await render(<Flag iso2="BR" />);
    expect(later.querySelector('img')?.getAttribute('src')).toBe('/flags/BR.svg');
    expect(paintReports).toHaveLength(1);
  });
});
