/**
 * Problem reports ("this site has closed", "wrong hours"): stored for curators to act on.
 * Nothing about the reporter is accepted or kept.
 */
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { ReportKind } from '../../common/contract/report.js'
import type { Database, ProblemReport } from '../db/schema.js'

// The kinds are the API's (common/contract/report.ts); the curator queue lists them from here.
export { REPORT_KINDS, type ReportKind } from '../../common/contract/report.js'

export interface NewReport {
  locationId: string
  kind: ReportKind
  message: string
}

/**
 * Stores a report against a location; null when no location has that id.
 * One INSERT … SELECT, so a site deleted between check and write cannot leave an orphan.
 */
export async function createProblemReport(db: Kysely<Database>, report: NewReport): Promise<{ id: string; created_at: Date } | null> {
  const id = randomUUID()
  const row = await db
    .insertInto('problem_reports')
    .columns(['id', 'location_id', 'kind', 'message'])
    .expression(
      db
        .selectFrom('locations')
        .where('id', '=', report.locationId)
        .select([
          sql<string>`${id}::text`.as('id'),
          'locations.id as location_id',
          sql<string>`${report.kind}::text`.as('kind'),
          sql<string>`${report.message}::text`.as('message'),
        ]),
    )
    .returning(['id', 'created_at'])
    .executeTakeFirst()
  return row ?? null
}

/** A location's reports, newest first (for curators and tests). */
export async function findReportsForLocation(db: Kysely<Database>, locationId: string): Promise<ProblemReport[]> {
  return db.selectFrom('problem_reports').where('location_id', '=', locationId).selectAll().orderBy('created_at', 'desc').orderBy('id').execute()
}
