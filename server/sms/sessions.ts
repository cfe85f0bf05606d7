/**
 * What "MORE" needs, in memory only: the last search of a phone number, for 15 minutes. The
 * number itself is never kept: entries (and the rate limiter's counters) are keyed by an
 * HMAC of it under a secret drawn when the process starts, so a memory dump cannot be
 * matched to a number without the secret, and a restart forgets everything.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { SearchResult } from '../../common/contract/search.js'
import type { Lang } from '../../common/format.js'

/** How long a search can be continued with MORE. */
export const MORE_TTL_MS = 15 * 60_000
/** Conversations held at most; past it the oldest are dropped (a flood cannot fill memory). */
export const MAX_SESSIONS = 20_000

/**
 * The search MORE continues: what was asked, where, the results fetched but not yet sent
 * (a reply that had to shed places to fit), and the search's cursor past them.
 */
export interface MoreState {
  lang: Lang
  topics: string[]
  services: string[]
  types: string[]
  openNow: boolean
  near: string
  /** How the place reads in the reply ("21201", "Baltimore, MD"). */
  placeLabel: string
  /** The search's next page, or null when the fetched results were the last. */
  cursor: string | null
  /** Fetched, not yet sent. */
  pending: SearchResult[]
  /** Results already sent. */
  shown: number
}

/** A keyed hash of a phone number: the same number always gives the same key within this process. */
export type SenderKey = (number: string) => string

/** A sender key with a fresh random secret. "+1 (410) 555-0100" and "+14105550100" give the same key. */
export function createSenderKey(secret: Buffer = randomBytes(32)): SenderKey {
  return (number) =>
    createHmac('sha256', secret)
      .update(number.replace(/[^\d+]/g, ''))
      .digest('base64url')
}

interface Entry {
  state: MoreState
  expiresAt: number
}

/** The MORE states of this process, by sender key; `now` is passed in so tests can move the clock. */
export class MoreSessions {
  // A Map keeps insertion order; an entry is re-inserted on every update, so the oldest come first.
  private readonly entries = new Map<string, Entry>()

  constructor(
    readonly keyOf: SenderKey = createSenderKey(),
    private readonly ttlMs = MORE_TTL_MS,
    private readonly max = MAX_SESSIONS,
  ) {}

  /** The sender's search if it is less than the TTL old, else null (and it is gone). */
  get(number: string, now: Date): MoreState | null {
    this.sweep(now)
    const key = this.keyOf(number)
    const entry = this.entries.get(key)
    if (!entry) return null
    if (entry.expiresAt <= now.getTime()) {
      this.entries.delete(key)
      return null
    }
    return entry.state
  }

  /** Keeps the sender's search for the TTL from now. */
  set(number: string, state: MoreState, now: Date): void {
    const key = this.keyOf(number)
    this.entries.delete(key)
    this.entries.set(key, { state, expiresAt: now.getTime() + this.ttlMs })
    this.sweep(now)
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string)
  }

  /** Forgets the sender (a finished list, STOP). */
  forget(number: string): void {
    this.entries.delete(this.keyOf(number))
  }

  /** Conversations held now (expired ones may linger until the next call). */
  get size(): number {
    return this.entries.size
  }

  private sweep(now: Date): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now.getTime()) break
      this.entries.delete(key)
    }
  }
}
