/**
 * Opaque page cursors: the last result's (distance, id) plus the instant the search judged
 * hours at, bound to the search that made it by a hash of its fields.
 */
import { hash } from 'node:crypto'
import { invalidField } from '../errors.js'
import { isInstantInWindow } from '../validation/instants.js'
import { isSafeText } from '../validation/text.js'
import type { SearchQuery } from './query.js'

export interface Cursor {
  distanceM: number
  id: string
  at: number
}

/**
 * A short fingerprint of everything that decides which results a search has. It tells a
 * cursor from another search's (it is no secret: the cursor's contents are bound values, checked).
 */
export function searchFingerprint(q: Omit<SearchQuery, 'at' | 'now' | 'limit'>): string {
  const fields: unknown[] = [q.lat, q.lon, q.radiusM, q.types, q.services, q.payment, q.populations, q.access, q.languages, q.match, q.openFilter]
  // Appended only when set, so cursors of searches without it stay valid across this change.
  if (q.verifiedWithinDays !== null) fields.push(q.verifiedWithinDays)
  if (q.includeUnknownHours) fields.push('unknown-hours')
  if (q.excludeDemo === true) fields.push('no-demo')
  if (q.hideStaleAfterDays) fields.push(`stale-${q.hideStaleAfterDays}`)
  // Live-status filters decide the results too: a cursor of "naloxone in stock" is no cursor of the plain search.
  if (q.inStock?.length) fields.push(`stock-${q.inStock.join('+')}`)
  if (q.acceptingNewPatients) fields.push('accepting')
  if (q.sameDayStart) fields.push('same-day')
  if (q.bedsAvailable !== null && q.bedsAvailable !== undefined) fields.push(`beds-${q.bedsAvailable}`)
  // One-shot hash: the same digest as before (cursors stay valid), without a Hash object per search.
  return hash('sha256', JSON.stringify(fields), 'base64url').slice(0, 12)
}

export function encodeCursor(cursor: Cursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ d: cursor.distanceM, i: cursor.id, t: cursor.at, h: fingerprint })).toString('base64url')
}

/**
 * Decodes a cursor made by a search with one of these fingerprints (which one is returned);
 * a 400 naming `cursor` if it is malformed or from another search.
 */
export function decodeCursor(value: string, fingerprints: string | readonly string[]): Cursor & { fingerprint: string } {
  const bad = () => invalidField('cursor', 'is malformed or belongs to a different search; start again without it')
  if (value.length > 512 || !/^[A-Za-z0-9_-]+$/.test(value)) throw bad()
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  const c = parsed as { d?: unknown; i?: unknown; t?: unknown; h?: unknown }
  // A cursor is client input like any other: its id goes to SQL and its instant to toISOString().
  if (
    typeof c.d !== 'number' ||
    !Number.isFinite(c.d) ||
    c.d < 0 ||
    typeof c.i !== 'string' ||
    c.i.length > 200 ||
    !isSafeText(c.i) ||
    typeof c.t !== 'number' ||
    !isInstantInWindow(c.t) ||
    typeof c.h !== 'string' ||
    !(typeof fingerprints === 'string' ? c.h === fingerprints : fingerprints.includes(c.h))
  ) {
    throw bad()
  }
  return { distanceM: c.d, id: c.i, at: c.t, fingerprint: c.h }
}
