/**
 * What changed in a page, at a cost that follows the change rather than the page: the elements a
 * batch of mutations added or removed, and the shadow roots of the hosts it added (at any depth),
 * which are then watched too. Heavy pages that change all day (feeds, tickers) are the norm, and a
 * page can add a huge subtree at once: the work is done in slices of a few milliseconds, so no task
 * of ours runs long (Firefox stops scripts that do).
 */
import { shadowRootOf } from './collect-controls';

/** Work per task; the rest waits for the next task. */
export const SLICE_MS = 8;
/** Elements walked between two looks at the clock. */
const CLOCK_EVERY = 256;
/**
 * Custom elements added before their definition get their shadow root later, with no mutation to
 * say so: they are looked at again this often, for this long, and at most this many at a time.
 */
const UNDEFINED_RECHECK_MS = 1_000;
const UNDEFINED_PATIENCE_MS = 30_000;
const MAX_UNDEFINED = 200;

export interface DomChanges {
  /** Elements added since the last report and still in the page (the tops of added subtrees). */
  added: Element[];
  /** Shadow roots met for the first time (of added hosts, or of hosts defined since); now watched. */
  shadowRoots: ShadowRoot[];
  /** Elements removed since the last report. */
  removed: Element[];
  /** Elements with a watched attribute changed, still in the page. */
  changed: Element[];
}

export interface DomWatch {
  /** Watches `shadow` as well (a root the caller's own scan went through); false if it already was. */
  watch(shadow: ShadowRoot): boolean;
}

export interface DomWatchOptions {
  /** Reports come at most this often: a burst of mutations makes one report. */
  delayMs: number;
  /** Attributes whose changes are reported (none by default). */
  attributes?: readonly string[];
  /** Also walk what is already under `root`, in slices, and report the shadow roots met there. */
  walkExisting?: boolean;
  signal: AbortSignal;
}

type Root = Document | Element | ShadowRoot;

/**
 * Watches `root` and every shadow root met below it, and calls `report` with what changed, at most
 * every `delayMs`, in slices of at most {@link SLICE_MS} of our own work. Stops with `signal`.
 */
export function watchDom(
  root: Root,
  { delayMs, attributes, walkExisting, signal }: DomWatchOptions,
  report: (changes: DomChanges) => void,
): DomWatch {
  // The root's own realm: frames and test DOMs have their own MutationObserver.
  const view = ((root as Node).ownerDocument ?? (root as Document)).defaultView!;
  const options: MutationObserverInit = {
    childList: true,
    subtree: true,
    ...(attributes ? { attributes: true, attributeFilter: [...attributes] } : {}),
  };
  const watched = new WeakSet<ShadowRoot>();
  let added = new Set<Element>();
  let removed = new Set<Element>();
  let changed = new Set<Element>();
  /** Subtrees still to walk for shadow hosts, with how far the walk got. */
  const walks: { elements: ArrayLike<Element>; index: number }[] = [];
  /** Custom elements not defined yet, with when to stop waiting for them. */
  const undefinedHosts = new Map<Element, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let recheck: ReturnType<typeof setTimeout> | undefined;

  const observer = new view.MutationObserver((records) => {
    // Only note what changed here: this runs inside the page's own task.
    for (const record of records) {
      if (record.type === 'attributes') changed.add(record.target as Element);
      else {
        for (const node of Array.from(record.addedNodes)) if (node.nodeType === 1) added.add(node as Element);
        for (const node of Array.from(record.removedNodes)) if (node.nodeType === 1) removed.add(node as Element);
      }
    }
    schedule(delayMs);
  });
  observer.observe(root, options);
  if (walkExisting) {
    walks.push({ elements: 'getElementsByTagName' in root ? root.getElementsByTagName('*') : root.querySelectorAll('*'), index: 0 });
    schedule(0);
  }

  const watch = (shadow: ShadowRoot): boolean => {
    if (watched.has(shadow)) return false;
    watched.add(shadow);
    observer.observe(shadow, options);
    return true;
  };

  function schedule(ms: number): void {
    if (!signal.aborted) timer ??= setTimeout(flush, ms);
  }

  /** One element of a walk: a host's root is new (reported, walked in turn); an undefined one is waited for. */
  function visit(element: Element, found: ShadowRoot[]): void {
    const shadow = shadowRootOf(element);
    if (shadow) {
      if (watch(shadow)) {
        found.push(shadow);
        walks.push({ elements: shadow.querySelectorAll('*'), index: 0 });
      }
    } else if (element.localName.includes('-') && !element.matches(':defined') && undefinedHosts.size < MAX_UNDEFINED) {
      undefinedHosts.set(element, performance.now() + UNDEFINED_PATIENCE_MS);
    }
  }

  function flush(): void {
    timer = undefined;
    if (signal.aborted) return;
    const deadline = performance.now() + SLICE_MS;
    const changes: DomChanges = { added: [], shadowRoots: [], removed: [...removed], changed: [] };
    for (const element of changed) if (element.isConnected) changes.changed.push(element);
    for (const element of added) {
      if (!element.isConnected) continue;
      changes.added.push(element);
      visit(element, changes.shadowRoots);
      walks.push({ elements: element.getElementsByTagName('*'), index: 0 });
    }
    added = new Set();
    removed = new Set();
    changed = new Set();
    const now = performance.now();
    for (const [element, until] of undefinedHosts) {
      if (!element.isConnected || now > until) undefinedHosts.delete(element);
      else if (element.matches(':defined')) {
        undefinedHosts.delete(element);
        visit(element, changes.shadowRoots);
      }
    }
    // Walk the added subtrees for hosts until the slice is used up; the rest goes to the next task.
    while (walks.length > 0) {
      const walk = walks[walks.length - 1]!;
      const end = Math.min(walk.elements.length, walk.index + CLOCK_EVERY);
      for (; walk.index < end; walk.index++) visit(walk.elements[walk.index]!, changes.shadowRoots);
      if (walk.index >= walk.elements.length) walks.splice(walks.indexOf(walk), 1);
      if (performance.now() > deadline) break;
    }
    if (changes.added.length + changes.shadowRoots.length + changes.removed.length + changes.changed.length > 0) report(changes);
    if (walks.length > 0) schedule(0);
    if (undefinedHosts.size > 0 && recheck === undefined && !signal.aborted) {
      recheck = setTimeout(() => {
        recheck = undefined;
        schedule(0);
      }, UNDEFINED_RECHECK_MS);
    }
  }

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(recheck);
      walks.length = 0;
      undefinedHosts.clear();
    },
    { once: true },
  );
  return { watch };
}
