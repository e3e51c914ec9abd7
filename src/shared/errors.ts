/**
 * The error catalog (fastify's lib/errors.js is the model): every expected failure has a stable
 * code, an HTTP status, a CLI exit code and a message template over structured fields (file,
 * line, column, field). The same KpError becomes the one-line CLI message (`kaoping: FILE:LINE:
 * column C: why`) and, in the server, an application/problem+json body (toProblem).
 * Expected failures are KpErrors; anything else is a bug and is reported as KP_INTERNAL.
 */

/** Structured context of an error; `why` is the human-readable reason. */
export interface ErrorFields {
  why: string;
  /** the input file (or source name) */
  file?: string | undefined;
  /** physical line in the file, the header being line 1 */
  line?: number | undefined;
  /** the column (CSV/XLSX header name or cell reference) */
  column?: string | undefined;
  /** a field path in a JSON document or request body */
  field?: string | undefined;
  /** a database table (backups) */
  table?: string | undefined;
  /** seconds until a retry can succeed (a lockout, a rate limit): the Retry-After header */
  retryAfter?: number | undefined;
}

interface ErrorSpec {
  /** HTTP status of the problem+json response */
  status: number;
  /** CLI exit code */
  exit: number;
  /** short, stable title (the problem's `title`) */
  title: string;
}

export const ERROR_CATALOG = {
  KP_BAD_ARGUMENT: { status: 400, exit: 2, title: 'Bad argument' },
  KP_MALFORMED_BODY: { status: 400, exit: 1, title: 'Malformed request body' },
  KP_BAD_REQUEST: { status: 400, exit: 1, title: 'Bad request' },
  KP_UNAUTHENTICATED: { status: 401, exit: 1, title: 'Authentication required' },
  KP_BAD_CREDENTIALS: { status: 401, exit: 1, title: 'Wrong user name or password' },
  KP_FORBIDDEN: { status: 403, exit: 1, title: 'Forbidden' },
  KP_CSRF: { status: 403, exit: 1, title: 'Missing or wrong CSRF token' },
  KP_PASSWORD_CHANGE_REQUIRED: { status: 403, exit: 1, title: 'Password change required' },
  KP_EMBARGO: { status: 403, exit: 1, title: 'Results not published yet' },
  KP_NOT_FOUND: { status: 404, exit: 1, title: 'Not found' },
  KP_CONFLICT: { status: 409, exit: 1, title: 'Conflict' },
  KP_PAYLOAD_TOO_LARGE: { status: 413, exit: 1, title: 'Payload too large' },
  KP_UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 1, title: 'Unsupported media type' },
  KP_VALIDATION: { status: 422, exit: 1, title: 'Request does not match the schema' },
  KP_SIGN_IN_LOCKED: { status: 429, exit: 1, title: 'Too many failed sign-ins' },
  KP_RATE_LIMITED: { status: 429, exit: 1, title: 'Too many requests' },
  KP_IMPORT_BAD_FILE: { status: 422, exit: 1, title: 'Unreadable input file' },
  KP_IMPORT_BAD_ROW: { status: 422, exit: 1, title: 'Invalid row in input file' },
  KP_CONFIG_INVALID: { status: 422, exit: 1, title: 'Invalid assessment configuration' },
  KP_CONFIG_CHANGE_REFUSED: {
    status: 409,
    exit: 1,
    title: 'Configuration change would invalidate stored answers',
  },
  KP_BACKUP_INVALID: { status: 422, exit: 1, title: 'Invalid backup file' },
  KP_INTERNAL: { status: 500, exit: 1, title: 'Internal error' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Control characters (NUL, CR, LF, ESC, …) never reach the one-line message. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
export function oneLine(s: string): string {
  return s.replace(CONTROL, (c) =>
    c === '\t' || c === '\n' || c === '\r' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `FILE:LINE: column C: why`, `FILE: field F: why`, or just `why`, on one line. */
export function formatError(f: ErrorFields): string {
  let where = '';
  if (f.file !== undefined) where += f.line !== undefined ? `${f.file}:${f.line}:` : `${f.file}:`;
  else if (f.line !== undefined) where += `line ${f.line}:`;
  if (f.table !== undefined) where += ` table ${f.table}:`;
  if (f.column !== undefined) where += ` column ${f.column}:`;
  if (f.field !== undefined) where += ` ${f.field}:`;
  return oneLine(where === '' ? f.why : `${where.trimStart()} ${f.why}`);
}

export class KpError extends Error {
  readonly fields: ErrorFields;

  constructor(
    readonly code: ErrorCode,
    fields: ErrorFields | string,
  ) {
    const f = typeof fields === 'string' ? { why: fields } : fields;
    super(formatError(f));
    this.fields = f;
    this.name = 'KpError';
  }

  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CATALOG[this.code].exit;
  }

  /** The RFC 9457 problem details body; internals of a 5xx never appear in it. */
  toProblem(instance?: string): Record<string, unknown> {
    const spec = ERROR_CATALOG[this.code];
    const body: Record<string, unknown> = {
      type: `urn:kaoping:error:${this.code}`,
      title: spec.title,
      status: spec.status,
      code: this.code,
    };
    if (spec.status < 500) {
      body.detail = this.message;
      for (const k of ['file', 'line', 'column', 'field', 'table', 'retryAfter'] as const) {
        if (this.fields[k] !== undefined) body[k] = this.fields[k];
      }
    }
    if (instance !== undefined) body.instance = instance;
    return body;
  }
}

export function isKpError(e: unknown): e is KpError {
  return e instanceof KpError;
}

/** A bad row (or header, line 1) in an input file. */
export function badRow(file: string, line: number, column: string | null, why: string): KpError {
  return new KpError('KP_IMPORT_BAD_ROW', { file, line, column: column ?? undefined, why });
}

/** An input file that cannot be read at all (missing, a folder, corrupt, wrong encoding). */
export function badFile(file: string, why: string): KpError {
  return new KpError('KP_IMPORT_BAD_FILE', { file, why });
}

/** Any error as a KpError: expected ones as they are, anything else as KP_INTERNAL naming `file` when given. */
export function asKpError(e: unknown, file?: string): KpError {
  if (e instanceof KpError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new KpError('KP_INTERNAL', { file, why: msg });
}
