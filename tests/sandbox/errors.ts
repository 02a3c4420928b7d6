/**
 * An error that is an API answer: thrown anywhere in the sandbox (store, routes),
 * turned into `status` + `{ "error": message }` at the HTTP edge. The spec says
 * every error is a non-2xx status with a JSON body holding an `error` field.
 */
export class ApiError extends Error {
  readonly status: number;
  /** Extra response headers, e.g. Allow on a 405. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.headers = headers;
  }
}
