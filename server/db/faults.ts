/**
 * Which errors mean "the database is away or too slow" rather than "this query is wrong":
 * the first kind is the service's fault and passes by itself (a 503 with Retry-After), the
 * second is a bug (a 500). Both backends: pg reports SQLSTATEs and socket errors, PGlite
 * that it is closed.
 */

export type DatabaseFault = 'unavailable' | 'timeout'

/** SQLSTATEs of a server that is going away, starting up or out of room for us. */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: a fast restart or stop
  '57P02', // crash_shutdown: another backend crashed, or an immediate stop
  '57P03', // cannot_connect_now: starting up or shutting down
  '57P04', // database_dropped
  '53300', // too_many_connections
  '53100', // disk_full
  '53200', // out_of_memory
  '25P03', // idle_in_transaction_session_timeout
  '40P01', // deadlock_detected: the transaction was chosen to lose; retrying succeeds
])
const TIMEOUT_STATES = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
])
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED'])
/** What pg, pg-pool, Kysely and PGlite say when there is no usable connection (they set no code). */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Cannot use a pool after calling end/,
  /^Client was closed and is not queryable/,
  /driver has already been destroyed/,
  /^PGlite is closed/,
  /^Query read timeout/,
]

/** The kind of database fault an error is, or null when it is not one. */
export function databaseFault(err: unknown, depth = 0): DatabaseFault | null {
  if (!err || typeof err !== 'object' || depth > 3) return null
  const { code, message, errors, cause } = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown }
  if (typeof code === 'string') {
    if (TIMEOUT_STATES.has(code)) return 'timeout'
    // Class 08: connection exceptions — but 08P01 (protocol violation) is a malformed message
    // on a working connection (PGlite reports a NUL in a parameter so), not an outage.
    if (UNAVAILABLE_STATES.has(code) || (code.startsWith('08') && code !== '08P01') || SOCKET_CODES.has(code)) return 'unavailable'
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return 'unavailable'
  // Node reports a refused connection to every address of "localhost" as one AggregateError.
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const fault = databaseFault(inner, depth + 1)
      if (fault) return fault
    }
  }
  return cause ? databaseFault(cause, depth + 1) : null
}
