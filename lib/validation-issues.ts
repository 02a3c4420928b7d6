/** One problem with a value that did not fit its schema: where, and what, never the value. */
export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}

/**
 * The first issues of a failed validation, as text: zod's own (path arrays), ones already read
 * (path strings) or junk. Every layer that reports a bad document or answer reads them here, so
 * reading them never throws.
 */
export function readIssues(issues: readonly unknown[], most = 5): ValidationIssue[] {
  return issues.slice(0, most).map((issue) => {
    const i = (issue ?? {}) as Record<string, unknown>;
    const path = Array.isArray(i.path) ? i.path.map(String).join('.') : String(i.path ?? '');
    return { path, code: String(i.code ?? ''), message: String(i.message ?? '') };
  });
}
