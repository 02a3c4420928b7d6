// The spec's "complete loop in JavaScript", verbatim except for the key and the
// base URL, which come from the environment (spec-examples.test.ts sets them).

const H = { 'X-API-Key': process.env.NUMPOOL_API_KEY, 'Content-Type': 'application/json' };
const base = process.env.NUMPOOL_BASE_URL;

const order = await (
  await fetch(base + '/buy', {
    method: 'POST',
    headers: H,
    body: JSON.stringify({ service: 'wa', country: 187 }),
  })
).json();

let code = null;
while (!code) {
  await new Promise((r) => setTimeout(r, 4000));
  const s = await (await fetch(base + '/sms/' + order.order_id, { headers: H })).json();
  if (s.status === 'received') code = s.code;
}
console.log('OTP:', code);
