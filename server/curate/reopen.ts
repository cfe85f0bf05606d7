/**
 * A temporary closure ends by itself: once its until-date has passed, the site's held status,
 * until-date and reason are released (audited, as the curators' own job) so the site follows
 * its sources again and comes back into search. The server runs this at start and hourly.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { CURATOR_SOURCE, recomputeLocations } from '../directory/location-recompute.js'
import { refreshSearchTables } from '../directory/search-tables.js'

/** Releases every temporary closure that ended before `today` ('YYYY-MM-DD'); returns the sites reopened. */
export async function reopenEndedClosures(db: Kysely<Database>, today: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .selectFrom('locations')
      .select('id')
      .where('status', '=', 'temporarily_closed')
      .where('status_until', '<', today)
      .forUpdate()
      .execute()
    const ids = ended.map((r) => r.id)
    if (ids.length === 0) return []
    await trx
      .deleteFrom('curator_overrides')
      .where('location_id', '=', sql<string>`ANY(${ids}::text[])`)
      .where('field', 'in', ['status', 'status_until', 'status_reason'])
      .execute()
    await recomputeLocations(trx, ids, {
      source: CURATOR_SOURCE,
      batchId: null,
      action: 'reopen',
      accountId: null,
      reason: `temporary closure ended before ${today}`,
    })
    await refreshSearchTables(trx, ids)
    return ids
  })
}
