/**
 * How many real sign-up hosts of the 28 official services name the right service, with the
 * services as the sandbox (and the spec) serve them: `npx tsx tests/tools/site-coverage.ts`.
 */
import { serviceForHost } from '../../lib/engine/site-service';
import { SERVICES } from '../sandbox/catalog';
import { SIGNUP_HOSTS } from '../unit/sites/signup-hosts';

const misses = SIGNUP_HOSTS.filter(([host, id]) => serviceForHost(host, SERVICES)?.id !== id);
console.log(`right service on ${SIGNUP_HOSTS.length - misses.length} of ${SIGNUP_HOSTS.length} sign-up hosts`);
for (const [host, id] of misses) console.log(`  miss: ${host} (want ${id}, got ${serviceForHost(host, SERVICES)?.id ?? 'none'})`);
