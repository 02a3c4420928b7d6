/**
 * How many real sign-up hosts of the 28 official services name the right service, with the
 * services as the sandbox (and the spec) serve them: `npx tsx tests/tools/site-coverage.ts`.
 */
import { serviceForHost } from '../../lib/engine/page/site-service';
import { SERVICES } from '../sandbox/catalog';
import { SIGNUP_HOSTS } from '../unit/sites/signup-hosts';

const misses = SIGNUP_HOSTS.filter(([host, id]) => serviceForHost(host, SERVICES)?.id !== id);
console.log(`right service on ${SIGNUP_HOSTS.length - misses.length} of ${SIGNUP_HOSTS.length} sign-up hosts`);
for (const [host, id] of misses) console.log(`  miss: ${host} (want ${id}, got ${serviceForHost(host, SERVICES)?.id ?? 'none'})`);

// What matching costs the background per page (it runs on every page.context and purchase).
const rounds = 2_000;
const start = performance.now();
for (let i = 0; i < rounds; i++) for (const [host] of SIGNUP_HOSTS) serviceForHost(host, SERVICES);
console.log(`${(((performance.now() - start) * 1000) / (rounds * SIGNUP_HOSTS.length)).toFixed(1)} µs per host`);
