import { createOverlayHost, setOverlayText } from './overlay';
import { SETTLE_MS, SeenClock, trackVisibility } from './visibility';

const HEIGHT = 22;
/** Room the field keeps for typing beside the button; a narrower field gets no button. */
const MIN_ROOM = 40;
const CSS = `div{display:flex;gap:4px}button{all:unset;box-sizing:border-box;height:${HEIGHT}px;padding:0 8px;border-radius:${HEIGHT / 2}px;background:#0b7a3b;color:#fff;font:600 12px/${HEIGHT}px system-ui,sans-serif;white-space:nowrap;cursor:pointer}button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}button[aria-busy=true]{cursor:progress}`;

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
export function buttonPlace(field: Rect, buttonWidth: number, viewport: { width: number; height: number }, fieldShown: boolean): { left: number; top: number } | null {
  if (!fieldShown) return null;
  if (field.width < buttonWidth + MIN_ROOM || field.height < HEIGHT - 4) return null;
  if (field.left < 0 || field.top < 0 || field.right > viewport.width || field.bottom > viewport.height) return null;
  return { left: Math.round(field.right - buttonWidth - 4), top: Math.round(field.top + (field.height - HEIGHT) / 2) };
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
 * The button (or buttons, side by side) inside a phone field. It follows its field on every frame,
 * hides while the field is not wholly visible, is put back if the page moves it, and goes away
 * with its field or `signal`. `onActivate` gets only trusted clicks (or Enter/Space) that landed
 * on that button, judged a moment later: `seen` says whether the button had been visible and
 * unmoved long enough before.
 */
export function attachFieldButton(field: HTMLInputElement, actions: readonly FieldAction[], parent: AbortSignal): FieldButton {
  // An already-stopped owner never fires 'abort' again: its button would outlive it.
  if (parent.aborted) return { buttons: [], seenNow: () => false, remove: () => undefined };
  const controller = new AbortController();
  const signal = controller.signal;
  const remove = () => controller.abort();
  parent.addEventListener('abort', remove, { once: true, signal });

  const overlay = createOverlayHost('numpool-field-button', CSS);
  const row = document.createElement('div');
  overlay.root.append(row);
  const buttons = actions.map((action) => {
    const button = document.createElement('button');
    button.type = 'button';
    setOverlayText(button, action.text);
    button.setAttribute('aria-label', action.label);
    row.append(button);
    return button;
  });
  document.documentElement.append(overlay.host);

  // Each button has its own record of being seen: a page can cover one and not the other.
  const clocks = buttons.map((button) => {
    const clock = new SeenClock();
    return { clock, tracked: trackVisibility(button, clock, signal) };
  });
  // Clipping by scroll boxes shows only in an intersection ratio below 1.
  let fieldInView = false;
  const fieldObserver = new IntersectionObserver((entries) => (fieldInView = entries[entries.length - 1]!.intersectionRatio >= 0.99), { threshold: [0, 0.99, 1] });
  fieldObserver.observe(field);

  let width = 0;
  let frame = 0;
  const follow = () => {
    if (!field.isConnected) return remove();
    if (overlay.host.parentNode !== document.documentElement) document.documentElement.append(overlay.host);
    const drawn = row.getBoundingClientRect().width;
    if (drawn > 0) width = drawn;
    // Not `opacityProperty`: widgets fade their input while a label rests on it (Material). What
    // matters for a click is whether the button itself is seen, which IntersectionObserver v2 says.
    const shown = fieldInView && (field.checkVisibility?.({ visibilityProperty: true }) ?? true);
    const place = buttonPlace(field.getBoundingClientRect(), width || 96 * buttons.length, { width: innerWidth, height: innerHeight }, shown);
    overlay.place(place ? { left: `${place.left}px`, top: `${place.top}px` } : null);
    const now = performance.now();
    for (const { clock } of clocks) clock.setPlace(now, place ? `${place.left},${place.top},${width}` : 'none');
    frame = requestAnimationFrame(follow);
  };
  follow();

  buttons.forEach((button, i) => {
    const { clock, tracked } = clocks[i]!;
    button.addEventListener(
      'click',
      (event) => {
        event.preventDefault();
        event.stopPropagation();
        if (!event.isTrusted) return;
        // A pointer click must land on the button as drawn (`detail` is 0 for Enter and Space).
        const box = button.getBoundingClientRect();
        if (event.detail > 0 && !(event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom)) return;
        const at = performance.now();
        setTimeout(() => {
          if (signal.aborted || !field.isConnected) return;
          actions[i]!.onActivate(tracked && clock.seenAt(at), button);
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
  return { buttons, seenNow: () => clocks[0]!.tracked && clocks[0]!.clock.seenAt(performance.now()), remove };
}
