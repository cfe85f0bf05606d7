/**
 * npm run import -- timezones — re-derives every imported site's timezone from its point (or
 * the zone its source or a curator gave explicitly), as migration 2026-12-03-01 did once: for a
 * directory imported by an older version, or to check that nothing is off. One transaction;
 * prints "N of M sites changed timezone".
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { rederiveTimezones } from '../importers/rederive-timezones.js'

/** Runs the re-derivation and returns the line the command prints. Example: "3 of 120 sites changed timezone (3 source records corrected)". */
export async function timezonesCommand(db: Kysely<Database>): Promise<string> {
  const result = await db.transaction().execute((trx) => rederiveTimezones(trx))
  return `${result.changed} of ${result.sites} sites changed timezone (${result.records} source record${result.records === 1 ? '' : 's'} corrected)`
}
