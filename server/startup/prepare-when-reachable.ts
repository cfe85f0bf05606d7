/**
 * Start-up's database step for a server that already listens: migrate and seed, and while the
 * database cannot be reached (not started yet, restarting, a network blip) keep trying with
 * a growing pause instead of exiting. Anything else (a failed migration) is thrown.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { databaseFault } from '../db/faults.js'
import { prepareDatabase, type PrepareOptions } from './prepare.js'

export interface RetryOptions {
  /** Pause before the first retry, doubled after each failure up to `maxDelayMs`. */
  firstDelayMs?: number
  maxDelayMs?: number
  /** Stops retrying (shutdown): the pending attempt's failure is thrown. */
  signal?: AbortSignal
  sleep?: (ms: number) => Promise<void>
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/** Resolves once the database is prepared; `log` hears each failed attempt (its kind only). */
export async function prepareWhenReachable(db: Kysely<Database>, options: PrepareOptions, retry: RetryOptions = {}): Promise<void> {
  const maxDelayMs = retry.maxDelayMs ?? 5_000
  const sleep = retry.sleep ?? pause
  let delayMs = retry.firstDelayMs ?? 500
  for (let attempt = 1; ; attempt++) {
    try {
      await prepareDatabase(db, options)
      return
    } catch (err) {
      if (!databaseFault(err) || retry.signal?.aborted) throw err
      const code = (err as { code?: string }).code ?? 'no code'
      options.log?.(`database not reachable (${code}), attempt ${attempt}; retrying in ${(delayMs / 1000).toFixed(1)} s — /ready answers 503 meanwhile`)
      await sleep(delayMs)
      delayMs = Math.min(delayMs * 2, maxDelayMs)
    }
  }
}
