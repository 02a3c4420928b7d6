import { createOverlayHost, setOverlayText } from './overlay';
import { SETTLE_MS, SeenClock, onAttentionBack, trackVisibility } from './visibility';

const HEIGHT = 22;
/** Room the field keeps for typing beside the button; a narrower field gets no button. */
const MIN_ROOM = 40;
/** The button's width assumed before the measure row is laid out (the host hidden). */
const UNMEASURED_WIDTH = 96;
/** Between the button and the edge it sits by: the field's right edge inside it, a split number's boxes outside. */
const GAP = 4;
/** How often the ground beside a split number's boxes is looked at again for a control that appeared there. */
const BESIDE_RECHECK_MS = 500;
/** How far (CSS px) the drawn button may be from where it was put before it counts as moved or distorted. */
const TOLERANCE = 0.75;
const BUTTON_CSS = `box-sizing:border-box;height:${HEIGHT}px;padding:0 8px;border-radius:${HEIGHT / 2}px;font:600 12px/${HEIGHT}px system-ui,sans-serif;white-space:nowrap`;
// The measure row holds every text the field could show, never drawn: the row's width comes from
// it and from the room in (or beside) the field alone, so the host's size does not tell the page
// whether the user has a rented number.
const CSS = `.row,.measure{display:flex;gap:4px}.measure{position:absolute;left:0;top:0;visibility:hidden}.measure span{${BUTTON_CSS}}button{all:unset;${BUTTON_CSS};flex:1 1 auto;text-align:center;background:#0b7a3b;color:#fff;cursor:pointer}button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}button[aria-busy=true]{cursor:progress}`;

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/**
 * Where the button goes: inside the field, at its right edge. None when the field is not wholly
 * on screen and shown (shrunk, moved off-screen, clipped by its scroll box, transparent, hidden):
 * the button never stays behind or follows onto other content.
 */
export function buttonPlace(
  field: Rect,
  buttonWidth: number,
  viewport: { width: number; height: number },
  fieldShown: boolean,
): { left: number; top: number } | null {
  if (!fieldShown) return null;
  if (field.width < buttonWidth + MIN_ROOM || field.height < HEIGHT - 4) return null;
  if (field.left < 0 || field.top < 0 || field.right > viewport.width || field.bottom > viewport.height) return null;
  return { left: Math.round(field.right - buttonWidth - GAP), top: Math.round(field.top + (field.height - HEIGHT) / 2) };
}

/**
 * Where the button goes beside a number split over boxes too narrow to hold it (`[201] [555]
 * [0123]`): just right of the boxes (`boxes`: the rectangle around them all, so a right-to-left row
 * is not covered), level with them. None unless every box is shown and the button is wholly on
 * screen there.
 */
export function besidePlace(
  boxes: Rect,
  buttonWidth: number,
  viewport: { width: number; height: number },
  boxesShown: boolean,
): { left: number; top: number } | null {
  if (!boxesShown || boxes.height < HEIGHT - 4) return null;
  const left = Math.round(boxes.right + GAP);
  if (boxes.left < 0 || boxes.top < 0 || left + buttonWidth > viewport.width || boxes.bottom > viewport.height) return null;
  return { left, top: Math.round(boxes.top + (boxes.height - HEIGHT) / 2) };
}

/** The rectangle around all of `rects`. */
export function around(rects: readonly Rect[]): Rect {
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}

/**
 * Whether the button is drawn where it was put and at the size it was designed. A transform,
 * `zoom` or `will-change` on `<html>` (undone on `<body>`, so the field stays put) moves or
 * shrinks our button alone; IntersectionObserver v2 still calls it visible. Null: not drawn as
 * designed; else the drawn place, as a key for the seen-clock.
 */
export function drawnPlace(drawn: Rect, intended: { left: number; top: number; width: number; height: number }): string | null {
  const off = (a: number, b: number) => Math.abs(a - b) > TOLERANCE;
  if (off(drawn.width, intended.width) || off(drawn.height, intended.height)) return null;
  if (off(drawn.left, intended.left) || off(drawn.top, intended.top)) return null;
  return `${Math.round(drawn.left)},${Math.round(drawn.top)},${Math.round(drawn.width)}`;
}

/**
 * How a press on the button counts, before the seen-clock: keyboard activation never buys in one
 * step (the page chooses where the focus is); the second press of a double-click is the same
 * intent as the first; a press the page can see the pointer was hidden or replaced for is doubt.
 */
export function pressKind(event: { detail: number; pointerType?: string }): 'keyboard' | 'repeat' | 'pointer' {
  if (event.detail === 0 || event.pointerType === '') return 'keyboard';
  return event.detail > 1 ? 'repeat' : 'pointer';
}

/** A page that hides the real pointer (`cursor: none`) or swaps in an image can draw a fake one elsewhere. */
export function pointerReplaced(cursors: readonly string[]): boolean {
  return cursors.some((cursor) => cursor === 'none' || cursor.includes('url('));
}

/** One button of the group: its words, its accessible name, what a counted click does. */
export interface FieldAction {
  text: string;
  label: string;
  onActivate: (seen: boolean, button: HTMLButtonElement) => void;
}

export interface FieldButton {
  buttons: HTMLButtonElement[];
  /** Whether the first button is in plain view now and has been long enough to be read. */
  seenNow(): boolean;
  remove(): void;
}

/**
 * The button (or buttons, side by side) inside a phone field: `boxes` holds the field, or the boxes
 * of a number split over several, in order; the button goes into the last one, or just beside them
 * all when that box is too narrow. It follows its field on every frame, hides while any box is not
 * wholly visible, is put back if the page moves it, and goes away with its field or `signal`.
 * `onActivate` gets only trusted pointer clicks that landed on that button, judged a moment later:
 * `seen` says whether the button had been visible, drawn as designed and unmoved long enough
 * before. `sizeAs`: the texts of every button this field could show; the group's size follows from
 * them and the room in (or beside) the field, whichever are shown.
 */
export function attachFieldButton(
  boxes: readonly HTMLInputElement[],
  actions: readonly FieldAction[],
  sizeAs: readonly string[],
  parent: AbortSignal,
): FieldButton {
  // An already-stopped owner never fires 'abort' again: its button would outlive it.
  if (parent.aborted) return { buttons: [], seenNow: () => false, remove: () => undefined };
  const controller = new AbortController();
  const signal = controller.signal;
  const remove = () => controller.abort();
  const field = boxes[boxes.length - 1]!;
  const connected = () => boxes.every((box) => box.isConnected);
  parent.addEventListener('abort', remove, { once: true, signal });

  const overlay = createOverlayHost('button', CSS);
  const row = document.createElement('div');
  row.className = 'row';
  const measure = document.createElement('div');
  measure.className = 'measure';
  measure.setAttribute('aria-hidden', 'true');
  for (const text of sizeAs) {
    const span = document.createElement('span');
    setOverlayText(span, text);
    span.removeAttribute('aria-label');
    measure.append(span);
  }
  const widthRule = document.createElement('style');
  overlay.root.append(widthRule, measure, row);
  const buttons = actions.map((action) => {
    const button = document.createElement('button');
    button.type = 'button';
    setOverlayText(button, action.text);
    button.setAttribute('aria-label', action.label);
    row.append(button);
    return button;
  });
  let layer = layerFor(field);
  layer.append(overlay.host);

  // Each button has its own record of being seen: a page can cover one and not the other.
  const clocks = buttons.map((button) => {
    const clock = new SeenClock();
    return { clock, tracked: trackVisibility(button, clock, signal) };
  });
  onAttentionBack((at) => clocks.forEach(({ clock }) => clock.restart(at)), signal);
  // Clipping by scroll boxes shows only in an intersection ratio below 1.
  const inView = new Map<Element, boolean>();
  const fieldObserver = new IntersectionObserver(
    (entries) => entries.forEach((entry) => inView.set(entry.target, entry.intersectionRatio >= 0.99)),
    { threshold: [0, 0.99, 1] },
  );
  boxes.forEach((box) => fieldObserver.observe(box));

  let width = 0;
  let layout = '';
  /** Where the row was put and how large, to compare with where it is drawn. */
  let intended: { left: number; top: number; width: number; height: number } | null = null;
  /** The offset of our containing block (a transformed dialog, say) from the viewport, corrected for. */
  let shift = { x: 0, y: 0 };
  let frame = 0;
  /** Whether the page's ground beside the boxes holds no control, for the place last asked about and when. */
  let besideChecked = { key: '', at: 0, free: false };
  const besideIsFree = (place: { left: number; top: number }, buttonWidth: number, now: number): boolean => {
    const key = `${place.left},${place.top},${buttonWidth}`;
    // Again when the place changes, and now and then: a control can appear there later.
    if (key !== besideChecked.key || now - besideChecked.at > BESIDE_RECHECK_MS) {
      besideChecked = { key, at: now, free: !coversControl(place, buttonWidth, overlay.host) };
    }
    return besideChecked.free;
  };
  /** The drawn place now, checked against what was intended; null when hidden or distorted. */
  const drawnNow = (): string | null => (intended ? drawnPlace(row.getBoundingClientRect(), intended) : null);
  const follow = () => {
    if (!connected()) return remove();
    // A field in a modal dialog or a popover is in the top layer: the button must be drawn there too.
    const nextLayer = layerFor(field);
    if (nextLayer !== layer || overlay.host.parentNode !== layer) (layer = nextLayer).append(overlay.host);
    const fieldRect = field.getBoundingClientRect();
    const allBoxes = boxes.length > 1 ? around(boxes.map((box) => box.getBoundingClientRect())) : fieldRect;
    // A split number's button goes into its last box when that holds it, else beside the boxes.
    const insideSize = groupSize(measure, fieldRect.width - MIN_ROOM);
    const inside = boxes.length === 1 || fieldRect.width >= (insideSize?.width ?? (width || UNMEASURED_WIDTH)) + MIN_ROOM;
    const sized = inside ? insideSize : groupSize(measure, innerWidth - allBoxes.right - GAP);
    if (sized) {
      width = sized.width;
      // Too narrow for all: the first button alone (the rented number, when there is one).
      const rule = `.row{width:${width}px}${sized.all ? '' : 'button~button{display:none}'}`;
      if (rule !== layout) widthRule.textContent = layout = rule;
    }
    const drawn = row.getBoundingClientRect();
    if (intended && drawn.width > 0) shift = { x: shift.x + drawn.left - intended.left, y: shift.y + drawn.top - intended.top };
    const place = intended ? drawnPlace(drawn, intended) : null;
    const now = performance.now();
    for (const { clock } of clocks) clock.setPlace(now, place);
    // Not `opacityProperty`: widgets fade their input while a label rests on it (Material). What
    // matters for a click is whether the button itself is seen, which IntersectionObserver v2 says.
    const shown = boxes.every((box) => inView.get(box) && (box.checkVisibility?.({ visibilityProperty: true }) ?? true));
    const viewport = { width: innerWidth, height: innerHeight };
    const buttonWidth = width || UNMEASURED_WIDTH;
    let next = inside ? buttonPlace(fieldRect, buttonWidth, viewport, shown) : besidePlace(allBoxes, buttonWidth, viewport, shown);
    if (next && !inside && !besideIsFree(next, buttonWidth, now)) next = null;
    overlay.place(next ? { left: `${next.left - shift.x}px`, top: `${next.top - shift.y}px` } : null);
    intended = next && { ...next, width, height: HEIGHT };
    if (!next) shift = { x: 0, y: 0 };
    frame = requestAnimationFrame(follow);
  };
  follow();

  buttons.forEach((button, i) => {
    const { clock, tracked } = clocks[i]!;
    button.addEventListener('pointermove', (event) => event.isTrusted && clock.pointerMoved(performance.now()), { signal });
    button.addEventListener(
      'click',
      (event) => {
        event.preventDefault();
        event.stopPropagation();
        if (!event.isTrusted) return;
        const kind = pressKind(event as PointerEvent);
        if (kind === 'repeat') return;
        // A pointer click must land on the button as drawn.
        const box = button.getBoundingClientRect();
        if (
          kind === 'pointer' &&
          !(event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom)
        )
          return;
        const at = performance.now();
        // Checked now, not at the last frame: a page can move or shrink it between frames.
        const asDesigned = drawnNow() !== null;
        const pointerOk = !pointerReplaced(cursorsAbove(field));
        setTimeout(() => {
          if (signal.aborted || !connected()) return;
          actions[i]!.onActivate(kind === 'pointer' && asDesigned && pointerOk && tracked && clock.pointedAt(at), button);
        }, SETTLE_MS);
      },
      { signal },
    );
  });

  signal.addEventListener(
    'abort',
    () => {
      cancelAnimationFrame(frame);
      fieldObserver.disconnect();
      overlay.host.remove();
    },
    { once: true },
  );
  return { buttons, seenNow: () => clocks[0]!.tracked && drawnNow() !== null && clocks[0]!.clock.seenAt(performance.now()), remove };
}

/**
 * The group's width: every text side by side when there is `room` for that (the field's width
 * less the room kept for typing, or the room beside a split number's last box), else the widest
 * text alone (one button). Both depend only on the texts and the field, never on which buttons
 * are shown. Null while nothing is laid out (the host is hidden).
 */
function groupSize(measure: HTMLElement, room: number): { width: number; all: boolean } | null {
  const all = Math.ceil(measure.getBoundingClientRect().width);
  if (all === 0) return null;
  if (room >= all) return { width: all, all: true };
  return { width: Math.ceil(Math.max(...Array.from(measure.children, (child) => child.getBoundingClientRect().width))), all: false };
}

/** What a click may be meant for on the page: a button beside the boxes must not cover one (an extension box, a link). */
const CONTROL = 'input,select,textarea,button,a[href],[role=button],[role=link],[contenteditable]:not([contenteditable=false])';

/** Whether the button at `place` would lie over one of the page's controls (our own host aside). */
function coversControl(place: { left: number; top: number }, buttonWidth: number, host: Element): boolean {
  const y = place.top + HEIGHT / 2;
  return [place.left + 2, place.left + buttonWidth / 2, place.left + buttonWidth - 2].some((x) => {
    const below = document.elementsFromPoint(x, y).find((element) => element !== host);
    return !!below?.closest(CONTROL);
  });
}

/** The element our host goes into: the field's modal dialog or open popover, else `<html>`. */
function layerFor(field: Element): Element {
  for (let node: Element | null = field; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    if (node.localName === 'dialog' ? node.matches(':modal') : node.matches(':popover-open')) return node;
  }
  return document.documentElement;
}

/** The pointer styles of the field and everything around it, up to `<html>` (shadow hosts included). */
function cursorsAbove(field: Element): string[] {
  const cursors: string[] = [];
  for (let node: Element | null = field; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    cursors.push(getComputedStyle(node).cursor);
  }
  return cursors;
}
