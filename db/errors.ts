/**
 * What a database error means for whoever got it, by SQLSTATE class (and Node's network error
 * codes), never by message text: `unavailable` — PostgreSQL cannot be reached or is shutting down,
 * retry later; `invalid` — it refused this data (bad characters, a broken constraint, a value out of
 * range), and no retry can fix it; `other` — anything else.
 *
 * Error messages of drizzle and pg quote the statement and its bound parameters (contact data), so
 * `describeDbError` is what may be logged or put into a failure: the class and code only.
 */
export type DbErrorKind = 'unavailable' | 'invalid' | 'other';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH']);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53100', '40001', '40P01']);

/** The SQLSTATE (or Node network code) of an error or of any error in its cause chain. */
export function dbErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function connectionLost(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(e.message)) return true;
  }
  return false;
}

export function classifyDbError(err: unknown): DbErrorKind {
  const code = dbErrorCode(err);
  if (code === undefined) return connectionLost(err) ? 'unavailable' : 'other';
  if (NETWORK_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code)) return 'unavailable';
  // 22: data exception (NUL in text, value out of range, bad date); 23: integrity constraint violation.
  if (code.startsWith('22') || code.startsWith('23')) return 'invalid';
  return 'other';
}

/** A description safe for logs and workflow failures: no statement, no parameters. */
export function describeDbError(err: unknown): string {
  const code = dbErrorCode(err);
  return `database error (${classifyDbError(err)}${code ? `, ${code}` : ''})`;
}
