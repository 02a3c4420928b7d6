import * as z from 'zod/mini';
import { readIssues } from '../validation-issues';

/**
 * What the diagnostics log holds: each request's method, route, status, duration and budget wait,
 * and each failure the extension met, with the issues of an answer that did not fit. Never the
 * key, a phone number, a code, an SMS or an id: routes are the spec's (`/sms/:order_id`) and every
 * text goes through `scrub` first. Zod's small build: the options page validates what it shows.
 */
const issueSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });

export const requestEntrySchema = z.object({
  kind: z.literal('request'),
  at: z.number(),
  method: z.string(),
  route: z.string(),
  priority: z.enum(['user', 'background', 'page']),
  /** null: no answer came (network, timeout). */
  status: z.nullable(z.int()),
  durationMs: z.number(),
  budgetWaitMs: z.number(),
  attempt: z.int(),
  /** The error kind when it failed (rate-limited, invalid-response, …). */
  failure: z.optional(z.string()),
  issues: z.optional(z.array(issueSchema)),
});

export const errorEntrySchema = z.object({
  kind: z.literal('error'),
  at: z.number(),
  /** What the extension was doing, in a few words ("polling", "auto-cancel"). */
  where: z.string(),
  /** The error's kind (NumPool's or the engine's) or its class name. */
  error: z.string(),
  message: z.string(),
  status: z.optional(z.int()),
  issues: z.optional(z.array(issueSchema)),
});

export const diagnosticEntrySchema = z.discriminatedUnion('kind', [requestEntrySchema, errorEntrySchema]);
export type DiagnosticEntry = z.infer<typeof diagnosticEntrySchema>;
export type ValidationIssue = z.infer<typeof issueSchema>;

export const DIAGNOSTICS_VERSION = 1;
export const diagnosticsDocSchema = z.object({ version: z.literal(DIAGNOSTICS_VERSION), entries: z.array(diagnosticEntrySchema) });
export type DiagnosticsDoc = z.infer<typeof diagnosticsDocSchema>;

const MAX_TEXT = 300;

/**
 * A text fit for the log: anything that could be a secret or personal is replaced. API keys
 * (`np_live_…`), runs of four or more digits (codes, phone numbers, ids), long tokens with digits
 * (order and rental ids) and phone-like groups all become `…`.
 */
export function scrub(text: string): string {
  return text
    .replace(/np_[a-z]+_\S*/gi, '[key]')
    .replace(/\+?\d[\d ()-]{5,}\d/g, '…')
    .replace(/\b(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{12,}\b/g, '…')
    .replace(/\d{4,}/g, '…')
    .slice(0, MAX_TEXT);
}

/** Issues as an error may carry them, read as text (so logging never throws), then scrubbed. */
export function scrubIssues(issues: readonly unknown[]): ValidationIssue[] {
  return readIssues(issues).map((i) => ({ path: scrub(i.path), code: scrub(i.code), message: scrub(i.message) }));
}

/** The log as text for a support request: one line per entry, newest last. */
export function formatDiagnostics(entries: readonly DiagnosticEntry[]): string {
  return entries
    .map((e) => {
      const at = new Date(e.at).toISOString();
      const issues = e.issues?.length ? ` issues: ${e.issues.map((i) => `${i.path || '(root)'} ${i.code}: ${i.message}`).join('; ')}` : '';
      if (e.kind === 'request') {
        const failure = e.failure ? ` ${e.failure}` : '';
        return `${at} ${e.method} ${e.route} ${e.status ?? 'no answer'}${failure} ${e.durationMs} ms (budget wait ${e.budgetWaitMs} ms, ${e.priority}${e.attempt > 1 ? `, try ${e.attempt}` : ''})${issues}`;
      }
      return `${at} error in ${e.where}: ${e.error}${e.status ? ` (${e.status})` : ''}: ${e.message}${issues}`;
    })
    .join('\n');
}
