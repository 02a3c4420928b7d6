/**
 * The popup bench's references: a header with a balance and three orders, the width of NumPool's
 * popup. Served as static HTML (no script at all) and rendered by React alone (no storage, no
 * data, no stylesheet of ours), they show what Chromium and React take before any of our code.
 */
export const REFERENCE_CSS = `
html, body { width: 390px; margin: 0; font: 14px system-ui, sans-serif; }
header { display: flex; justify-content: space-between; padding: 0.6rem 0.75rem; border-bottom: 1px solid #c9d1da; }
article { margin: 0.5rem 0.75rem; padding: 0.5rem; border: 1px solid #c9d1da; border-radius: 6px; }
`;

const ORDERS = [
  { id: 1, service: 'WhatsApp', number: '+1 201 555 0101' },
  { id: 2, service: 'Telegram', number: '+1 201 555 0102' },
  { id: 3, service: 'Discord', number: '+1 201 555 0103' },
];

export function ReferencePopup() {
  return (
    <>
      <header>
        <h1>NumPool</h1>
        <span>Balance 19.10 USD</span>
      </header>
      {ORDERS.map((o) => (
        <article key={o.id} data-order-id={o.id}>
          <strong>{o.service}</strong> · United States
          <br />
          {o.number} · waiting for the code
        </article>
      ))}
    </>
  );
}
