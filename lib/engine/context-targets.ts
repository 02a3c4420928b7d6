import type { StorageArea } from '../state/store';

const KEY = 'contextTargets';

/**
 * The frame of each tab where the user last right-clicked an editable field ("Get number here"),
 * so a purchase finished in the popup fills that exact field. Session storage: a tab id means
 * nothing after the browser restarts.
 */
export class ContextTargets {
  constructor(private readonly session: StorageArea) {}

  async remember(tabId: number, frameId: number): Promise<void> {
    const all = await this.all();
    await this.session.set({ [KEY]: { ...all, [tabId]: frameId } });
  }

  async frameFor(tabId: number): Promise<number> {
    return (await this.all())[tabId] ?? 0;
  }

  private async all(): Promise<Record<number, number>> {
    const value = (await this.session.get(KEY))[KEY];
    return value && typeof value === 'object' ? (value as Record<number, number>) : {};
  }
}
