import { browser } from 'wxt/browser';
import { codeElements, detectFields, type CodeField, type Detection, type PhoneField } from '../autofill/detect';
import { fillCode, fillPhone } from '../autofill/fill';
import { snapshotField } from '../autofill/field-snapshot';
import { watchForFields } from '../autofill/watch';
import type { PageGesture } from '../messaging/protocol';
import { askBackground, fieldShape } from './ask-background';
import { attachFieldButton, type FieldAction, type FieldButton } from './field-button';
import { hideToast, showToast } from './overlay';
import { tabEvent } from './page-protocol';
import { pageShared } from './shared';
import { formatMoney } from '../i18n/format';
import { t, uiLocale } from '../i18n/i18n';

type PageContext = Awaited<ReturnType<typeof askBackground<'page.context'>>>;
type BuyReply = Awaited<ReturnType<typeof askBackground<'page.buy'>>>;

/**
 * Autofill on one page (one frame): buttons in phone fields, the number filled where it was asked
 * for, the code filled when the background says it arrived. Asks the background nothing until the
 * page has a phone or code field. Everything it adds goes with `signal`.
 */
export function startPageAutofill(signal: AbortSignal): void {
  let detection: Detection = { phoneFields: [], countryControls: [], codeFields: [] };
  let context: PageContext | null = null;
  let pendingCode: string | null = null;
  const shared = pageShared();
  const buttons = new Map<HTMLInputElement, FieldButton>();
  /** Fields whose purchase waits for the user's answer in the confirmation window. */
  const awaitingConfirmation = new Map<string, PhoneField>();
  const watchedCodeFields = new WeakSet<HTMLInputElement>();
  let buying = false;
  /** Set when we fill a bought number: the page's next "send" is the moment its SMS is due. */
  let sendWatch: { signals: number; lastAt: number } | null = null;

  // The loader receives the background's messages and hands them over, queued ones first.
  const onMessage = (message: unknown) => {
    const event = tabEvent.safeParse(message);
    if (!event.success || signal.aborted) return;
    if (event.data.event === 'code.ready' || event.data.event === 'rentalCode.ready') void fillKnownCode(false);
    else if (event.data.event === 'number.ready') void fillBoughtNumber({ orderId: event.data.orderId }, event.data.requestId);
    else if (event.data.event === 'rentedNumber.ready') void fillBoughtNumber({ rentalId: event.data.rentalId }, event.data.requestId);
    else if (event.data.event === 'menu.clicked') void buyFromMenu(event.data.token, event.data.targetElementId);
    else buyFromShortcut(event.data.token);
  };
  shared.deliver = onMessage;
  signal.addEventListener(
    'abort',
    () => {
      if (shared.deliver === onMessage) shared.deliver = undefined;
      hideToast();
    },
    { once: true },
  );

  async function update(next: Detection): Promise<void> {
    detection = next;
    // Buttons go with fields that are gone or no longer qualify (hidden, changed).
    for (const [element, button] of buttons) {
      if (!next.phoneFields.some((f) => f.element === element)) {
        button.remove();
        buttons.delete(element);
      }
    }
    if (next.phoneFields.length === 0 && next.codeFields.length === 0) return;
    // Only phone fields use the context (button, price); a page with only a code field needs none.
    const first = next.phoneFields[0];
    if (first) context ??= await askBackground('page.context', { field: fieldShape(first) }).catch(() => null);
    if (signal.aborted) return;
    for (const field of next.codeFields) watchCodeFocus(field);
    if (pendingCode) fillCodeNow(pendingCode);
    else if (next.codeFields.length > 0) await fillKnownCode(true);
    // Replaced or torn down while waiting: a stopped copy adds nothing.
    if (signal.aborted) return;
    if (context?.button) for (const field of next.phoneFields) addButton(field);
  }

  function addButton(field: PhoneField): void {
    const quote = context?.quote;
    if (buttons.has(field.element) || !quote || !context?.service) return;
    const price = formatPrice(quote.price, quote.currency);
    const buyNew: FieldAction = {
      text: t('pageButtonText', price),
      label: t('pageButtonLabel', [context.service.name, price]),
      onActivate: (seen, button) => void buy(field, { kind: 'button', seen, shownPrice: quote.price }, button, 'new'),
    };
    // A rented number for this service comes first, at no cost; a new one stays one click away.
    const useRental: FieldAction = {
      text: t('pageRentalButtonText'),
      label: t('pageRentalButtonLabel', context.service.name),
      onActivate: (seen, button) => void buy(field, { kind: 'button', seen, shownPrice: quote.price }, button, 'rental'),
    };
    // Sized as both, rental or not: the button's size must not tell the page that the user rents a number.
    const sizeAs = [useRental.text, buyNew.text];
    buttons.set(
      field.element,
      attachFieldButton(field.parts ?? [field.element], context.rental ? [useRental, buyNew] : [buyNew], sizeAs, signal),
    );
  }

  /** One purchase at a time from this page; the answer fills the field, or waits for the window. */
  async function buy(field: PhoneField, gesture: PageGesture, button?: HTMLButtonElement, use?: 'rental' | 'new'): Promise<void> {
    if (buying || !field.element.isConnected) return;
    buying = true;
    button?.setAttribute('aria-busy', 'true');
    try {
      handleBuyReply(field, await askBackground('page.buy', { field: fieldShape(field), gesture, ...(use ? { use } : {}) }));
    } catch (error) {
      showToast((error as Error).message, 'error', 6_000);
    } finally {
      buying = false;
      button?.removeAttribute('aria-busy');
    }
  }

  function handleBuyReply(field: PhoneField, reply: BuyReply): void {
    if (reply.status === 'confirming') {
      awaitingConfirmation.set(reply.requestId, field);
      showToast(t('pageConfirmInWindow'));
      return;
    }
    if (!field.element.isConnected) return;
    fillPhone(field, reply);
    if (reply.status === 'bought') sendWatch = { signals: 0, lastAt: 0 };
    showToast(t(reply.status === 'rented' ? 'pageRentalFilled' : 'pageNumberFilled'));
  }

  /** "Get number here" on the field the user right-clicked (never one the page pointed at). */
  async function buyFromMenu(token: string, targetElementId: number | undefined): Promise<void> {
    const menus = (browser as unknown as { menus?: { getTargetElement?: (id: number) => Element | null } }).menus;
    const target = (targetElementId !== undefined ? menus?.getTargetElement?.(targetElementId) : null) ?? shared.rightClicked;
    if (!(target instanceof HTMLInputElement) || !target.isConnected) {
      showToast(t('pageMenuNotATextField'), 'error');
      return;
    }
    await buy(phoneFieldFor(target), { kind: 'menu', token });
  }

  /**
   * "Get a number for the focused field": the field with the focus, if this frame has it. The page
   * chose where the focus is, so this counts as a click on that field's button: one step only if
   * the button is in plain view and has been for a while.
   */
  function buyFromShortcut(token: string): void {
    if (!document.hasFocus()) return;
    const focused = deepActiveElement();
    if (!(focused instanceof HTMLInputElement)) {
      showToast(t('pageShortcutNoField'), 'error');
      return;
    }
    const field = phoneFieldFor(focused);
    void buy(field, { kind: 'shortcut', token, seen: buttons.get(field.element)?.seenNow() ?? false });
  }

  /** A number bought for this page elsewhere (confirmed in the window, or in the popup), or the rented number confirmed for it. */
  async function fillBoughtNumber(which: { orderId: string } | { rentalId: string }, requestId: string | undefined): Promise<void> {
    const asked = requestId ? awaitingConfirmation.get(requestId) : undefined;
    if (requestId) awaitingConfirmation.delete(requestId);
    const clicked = shared.rightClicked instanceof HTMLInputElement && shared.rightClicked.isConnected ? shared.rightClicked : null;
    const field = asked ?? (clicked ? phoneFieldFor(clicked) : (detection.phoneFields[0] ?? detectFields(document).phoneFields[0]));
    if (!field || !field.element.isConnected) return;
    const formatted = await askBackground('page.number', { ...which, field: fieldShape(field) }).catch(() => null);
    if (!formatted || signal.aborted) return;
    fillPhone(field, formatted);
    sendWatch = { signals: 0, lastAt: 0 };
    showToast(t('pageNumberFilled'));
  }

  /**
   * The page sends the number we filled: a trusted click on a submit-like control, or a form
   * submitted. Told at most a few times, seconds apart (a resend); the background bounds it anyway.
   */
  function onPageSend(event: Event): void {
    if (!sendWatch || !event.isTrusted || signal.aborted) return;
    if (event.type === 'click' && !isSubmitLike(event.composedPath()[0])) return;
    const now = Date.now();
    if (sendWatch.signals >= SEND_SIGNALS_PER_FILL || now - sendWatch.lastAt < SEND_SIGNAL_GAP_MS) return;
    sendWatch = { signals: sendWatch.signals + 1, lastAt: now };
    void askBackground('page.sent', {}).catch(() => undefined);
  }
  document.addEventListener('click', onPageSend, { capture: true, signal });
  document.addEventListener('submit', onPageSend, { capture: true, signal });

  function phoneFieldFor(element: HTMLInputElement): PhoneField {
    return (
      detection.phoneFields.find((f) => f.element === element || f.parts?.includes(element)) ?? {
        element,
        snapshot: snapshotField(element),
        score: 0,
        reason: 'chosen by the user',
      }
    );
  }

  function fillCodeNow(code: string): void {
    const field = detection.codeFields[0] ?? detectFields(document).codeFields[0];
    if (!field) {
      pendingCode = code; // the code step may appear later (single-page apps)
      return;
    }
    pendingCode = null;
    fillCode(field, code);
    showToast(t('pageCodeFilled'));
  }

  /**
   * The code of an order bought for this page, if it came: pushed (`code.ready`), or found when a
   * page reached after the number step shows its code field (then only into an empty field).
   */
  async function fillKnownCode(onlyIntoEmpty: boolean): Promise<void> {
    const known = await askBackground('page.code', {}).catch(() => null);
    if (!known || signal.aborted) return;
    const field = detection.codeFields[0];
    if (onlyIntoEmpty && field && !isEmpty(field)) return;
    fillCodeNow(known.code);
  }

  /** The order whose code field has focus is polled first. */
  function watchCodeFocus(field: CodeField): void {
    for (const element of codeElements(field)) {
      if (watchedCodeFields.has(element)) continue;
      watchedCodeFields.add(element);
      const tell = (focused: boolean) => (event: FocusEvent) => {
        if (event.isTrusted) void askBackground('page.codeFocus', { focused }).catch(() => undefined);
      };
      element.addEventListener('focus', tell(true), { signal });
      element.addEventListener('blur', tell(false), { signal });
    }
  }

  // A page restored from the back/forward cache missed every push while it was stored.
  window.addEventListener('pageshow', (event) => event.persisted && void fillKnownCode(true), { signal });

  const initial = detectFields(document);
  void update(initial).then(() => {
    for (const message of shared.queued.splice(0)) onMessage(message);
  });
  watchForFields(document, (next) => void update(next), { signal, initial });
}

const SEND_SIGNALS_PER_FILL = 3;
const SEND_SIGNAL_GAP_MS = 5_000;

/** A control that sends a form or a step: a button, a submit or image input, a role=button; not a menu or disclosure toggle. */
function isSubmitLike(target: EventTarget | undefined): boolean {
  if (!(target instanceof Element)) return false;
  const control = target.closest('button, input[type="submit"], input[type="image"], input[type="button"], [role="button"]');
  return control !== null && !control.matches('[aria-haspopup], [aria-expanded]');
}

/** The focused element, inside open shadow roots too (web-component inputs). */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function isEmpty(field: CodeField): boolean {
  return codeElements(field).every((e) => e.value === '');
}

/** In the currency the API names, in the browser's language (the page cannot change that). */
function formatPrice(amount: number, currency: string): string {
  return formatMoney(amount, currency, uiLocale());
}
