import { z } from 'zod';
import { ruleProblem } from './domain-rules';

/**
 * The shape of `service-domains.ts`, so a malformed entry fails the unit tests and the build
 * (`wxt.config.ts`), never a user's browser: the extension itself trusts the reviewed file.
 */
const rule = z.string().superRefine((value, ctx) => {
  const problem = ruleProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)}: ${problem}` });
});

export const serviceDomainsSchema = z
  .record(z.string().regex(/^[a-z0-9]{1,16}$/), z.strictObject({ name: z.string().min(1), domains: z.array(rule).min(1) }))
  .superRefine((file, ctx) => {
    // One domain, one service: two services claiming a site would make the button a guess.
    const owner = new Map<string, string>();
    for (const [id, { domains }] of Object.entries(file)) {
      for (const domain of domains) {
        const first = owner.get(domain);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [id], message: `${domain} is listed for ${first} and ${id}` });
        owner.set(domain, id);
      }
    }
  });

/** Throws with every problem found. */
export function checkServiceDomains(file: unknown): void {
  const result = serviceDomainsSchema.safeParse(file);
  if (!result.success) throw new Error(`lib/sites/service-domains.ts: ${z.prettifyError(result.error)}`);
}
