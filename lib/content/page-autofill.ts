import { codeElements, detectFields, type CodeField, type Detection, type PhoneField } from '../autofill/detect';
import { fillCode, fillPhone } from '../autofill/fill';
import { snapshotField } from '../autofill/field-snapshot';
import { watchForFields } from '../autofill/watch';
import { askBackground, fieldShape } from './ask-background';
import { attachFieldButton } from './field-button';
import { showToast } from './overlay';
import { tabEvent } from './page-protocol';
import { pageShared } from './shared';

type PageContext = Awaited<ReturnType<typeof askBackground<'page.context'>>>;

/**
 * Autofill on one page (one frame): buttons in phone fields, the number filled where it was asked
 * for, the code filled the moment the background says it arrived. Asks the background nothing
 * until the page has a phone or code field. Everything stops with `signal`.
 */
export function startPageAutofill(signal: AbortSignal): void {
  let detection: Detection = { phoneFields: [], countryControls: [], codeFields: [] };
  let context: PageContext | null = null;
  let pendingCode: string | null = null;
  const shared = pageShared();
  const withButtons = new WeakSet<HTMLInputElement>();
  const watchedCodeFields = new WeakSet<HTMLInputElement>();

  // The loader receives the background's messages and hands them over, queued ones first.
  const onMessage = (message: unknown) => {
    const event = tabEvent.safeParse(message);
    if (!event.success) return;
    if (event.data.event === 'fill.code') fillCodeNow(event.data.code);
    else void fillNumber(event.data.via);
  };
  shared.deliver = onMessage;
  signal.addEventListener('abort', () => (shared.deliver = undefined), { once: true });

  async function update(next: Detection): Promise<void> {
    detection = next;
    if (next.phoneFields.length === 0 && next.codeFields.length === 0) return;
    // Only phone fields use the context (service, price); a page with only a code field needs none.
    const first = next.phoneFields[0];
    if (first) context ??= await askBackground('page.context', { field: fieldShape(first) }).catch(() => null);
    if (signal.aborted) return;
    for (const field of next.codeFields) watchCodeFocus(field);
    if (pendingCode) fillCodeNow(pendingCode);
    else if (next.codeFields.length > 0) await fillKnownCode();
    if (!context?.autofill || !context.hasKey) return;
    for (const field of next.phoneFields) addButton(field);
  }

  function addButton(field: PhoneField): void {
    if (withButtons.has(field.element)) return;
    withButtons.add(field.element);
    const quote = context?.quote;
    const label = context?.service && quote ? `Get a ${context.service.name} number ($${quote.price.toFixed(2)}) from NumPool` : 'Get a number from NumPool';
    let confirmed = Boolean(quote);
    attachFieldButton(
      field.element,
      label,
      (button) => {
        void (async () => {
          if (!confirmed) {
            // Price not known when the button appeared: show it first, buy on the next click.
            context = await askBackground('page.context', { field: fieldShape(field) }).catch(() => context);
            if (!context?.service) return showToast('This site matches no NumPool service. Open the NumPool popup to choose one.', 'error');
            if (!context.quote) return showToast(`No ${context.service.name} numbers are in stock right now.`, 'error');
            confirmed = true;
            button.title = `Buy a ${context.service.name} number for $${context.quote.price.toFixed(2)}`;
            return showToast(`A ${context.service.name} number costs $${context.quote.price.toFixed(2)}. Click again to buy it.`);
          }
          await buyInto(field, button);
        })();
      },
      signal,
    );
  }

  async function buyInto(field: PhoneField, button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    try {
      const bought = await askBackground('page.buy', { field: fieldShape(field), acceptedPrice: context?.quote?.price });
      fillPhone(field, bought);
      showToast(`Number ${bought.number} filled ($${bought.cost.toFixed(2)}). The code will be filled when it arrives.`);
    } catch (error) {
      showToast((error as Error).message, 'error', 6_000);
    } finally {
      button.removeAttribute('aria-busy');
    }
  }

  /** The number bought through the context menu (that exact field) or the popup (the first phone field). */
  async function fillNumber(via: 'contextmenu' | 'popup'): Promise<void> {
    const target = shared.rightClicked;
    const clicked = via === 'contextmenu' && target instanceof HTMLInputElement && target.isConnected ? target : null;
    const field: PhoneField | undefined = clicked
      ? (detection.phoneFields.find((f) => f.element === clicked || f.parts?.includes(clicked)) ?? { element: clicked, snapshot: snapshotField(clicked), score: 0, reason: 'right-clicked' })
      : (detection.phoneFields[0] ?? detectFields(document).phoneFields[0]);
    if (!field) return;
    const formatted = await askBackground('page.format', { field: fieldShape(field) }).catch(() => null);
    if (!formatted) return;
    fillPhone(field, formatted);
    showToast('Number filled. The code will be filled when it arrives.');
  }

  function fillCodeNow(code: string): void {
    const field = detection.codeFields[0] ?? detectFields(document).codeFields[0];
    if (!field) {
      pendingCode = code; // the code step may appear later (single-page apps)
      return;
    }
    pendingCode = null;
    fillCode(field, code);
    showToast(`Code ${code} filled.`);
  }

  /** A page reached after the number step (a new document) gets a code that already arrived. */
  async function fillKnownCode(): Promise<void> {
    const known = await askBackground('page.code', {}).catch(() => null);
    const field = detection.codeFields[0];
    if (!known?.code || !field || !isEmpty(field)) return;
    fillCodeNow(known.code);
  }

  /** The order whose code field has focus is polled first. */
  function watchCodeFocus(field: CodeField): void {
    for (const element of codeElements(field)) {
      if (watchedCodeFields.has(element)) continue;
      watchedCodeFields.add(element);
      element.addEventListener('focus', () => void askBackground('page.codeFocus', { focused: true }).catch(() => undefined), { signal });
      element.addEventListener('blur', () => void askBackground('page.codeFocus', { focused: false }).catch(() => undefined), { signal });
    }
  }

  const initial = detectFields(document);
  void update(initial).then(() => {
    for (const message of shared.queued.splice(0)) onMessage(message);
  });
  watchForFields(document, (next) => void update(next), { signal, initial });
}

function isEmpty(field: CodeField): boolean {
  return codeElements(field).every((e) => e.value === '');
}
