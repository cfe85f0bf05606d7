/**
 * Availability reports ("I got naloxone here today", "they were out", "they were closed when I
 * came"): stored anonymously, counted for the site detail over the last 7 days, and — three
 * "closed" within a week — raised to the curators' verification queue (server/curate/queue.ts).
 * A report never changes a site's status: only a curator or the provider does that.
 */
import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import {
  AVAILABILITY_KINDS,
  AVAILABILITY_WINDOW_DAYS,
  type AvailabilityKind,
  type AvailabilityReports,
  type AvailabilitySupply,
} from '../../common/contract/availability.js'
import type { Database } from '../db/schema.js'

export { AVAILABILITY_KINDS, AVAILABILITY_SUPPLIES, AVAILABILITY_WINDOW_DAYS } from '../../common/contract/availability.js'
export type { AvailabilityKind, AvailabilitySupply } from '../../common/contract/availability.js'

/** "Closed" reports within the window, since the site was last verified, that put it in the verification queue. */
export const CLOSED_REPORTS_FOR_VERIFICATION = 3

export interface NewAvailabilityReport {
  locationId: string
  kind: AvailabilityKind
  supply: AvailabilitySupply | null
  /** When it was made (tests give explicit times); the database's now() otherwise. */
  at?: Date
}

/**
 * Stores a report against a location; null when no location has that id.
 * One INSERT … SELECT, so a site deleted between check and write cannot leave an orphan.
 */
export async function createAvailabilityReport(db: Kysely<Database>, report: NewAvailabilityReport): Promise<{ id: string; created_at: Date } | null> {
  const id = randomUUID()
  const row = await db
    .insertInto('availability_reports')
    .columns(['id', 'location_id', 'kind', 'supply', 'created_at'])
    .expression(
      db
        .selectFrom('locations')
        .where('id', '=', report.locationId)
        .select([
          sql<string>`${id}::text`.as('id'),
          'locations.id as location_id',
          sql<string>`${report.kind}::text`.as('kind'),
          sql<string | null>`${report.supply}::text`.as('supply'),
          (report.at ? sql<Date>`${report.at.toISOString()}::timestamptz` : sql<Date>`now()`).as('created_at'),
        ]),
    )
    .returning(['id', 'created_at'])
    .executeTakeFirst()
  return row ?? null
}

/** No reports in the window. */
export function noAvailabilityReports(): AvailabilityReports {
  return {
    confirmed: false,
    window_days: AVAILABILITY_WINDOW_DAYS,
    total: 0,
    latest_at: null,
    by_kind: { got_supplies: 0, out_of_supplies: 0, closed: 0 },
    counts: [],
  }
}

/** The counts of one site's reports in the `AVAILABILITY_WINDOW_DAYS` before `now`, per kind and supply, unconfirmed. */
export async function availabilityReportsOf(db: Kysely<Database>, locationId: string, now: Date): Promise<AvailabilityReports> {
  const since = new Date(now.getTime() - AVAILABILITY_WINDOW_DAYS * 86_400_000)
  const rows = await db
    .selectFrom('availability_reports')
    .where('location_id', '=', locationId)
    .where('created_at', '>', since)
    .where('created_at', '<=', now)
    .groupBy(['kind', 'supply'])
    .select(['kind', 'supply', sql<number>`count(*)::int`.as('count'), sql<Date>`max(created_at)`.as('latest_at')])
    .execute()
  const order = (k: string) => AVAILABILITY_KINDS.indexOf(k as AvailabilityKind)
  const counts = rows
    .map((r) => ({
      kind: r.kind as AvailabilityKind,
      supply: (r.supply ?? null) as AvailabilitySupply | null,
      count: r.count,
      latest_at: new Date(r.latest_at).toISOString(),
    }))
    .sort((a, b) => order(a.kind) - order(b.kind) || b.count - a.count || String(a.supply).localeCompare(String(b.supply)))
  const byKind = { got_supplies: 0, out_of_supplies: 0, closed: 0 }
  for (const c of counts) byKind[c.kind] += c.count
  const latest = counts.reduce<string | null>((max, c) => (max === null || c.latest_at > max ? c.latest_at : max), null)
  return {
    confirmed: false,
    window_days: AVAILABILITY_WINDOW_DAYS,
    total: byKind.got_supplies + byKind.out_of_supplies + byKind.closed,
    latest_at: latest,
    by_kind: byKind,
    counts,
  }
}

/**
 * Per site with reports in the window made after its last whole-site verification: counts by
 * kind and the first "closed" among them. The verification queue joins it: once a curator (or
 * the provider) confirms the site, the reports before that no longer raise it.
 */
export function availabilitySinceVerification(): RawBuilder<unknown> {
  return sql`SELECT a.location_id,
                    count(*) FILTER (WHERE a.kind = 'closed')::int AS closed,
                    count(*) FILTER (WHERE a.kind = 'got_supplies')::int AS got_supplies,
                    count(*) FILTER (WHERE a.kind = 'out_of_supplies')::int AS out_of_supplies,
                    min(a.created_at) FILTER (WHERE a.kind = 'closed') AS first_closed_at
               FROM availability_reports a
              WHERE a.created_at > now() - make_interval(days => ${AVAILABILITY_WINDOW_DAYS}::int)
                AND NOT EXISTS (SELECT 1 FROM site_verifications v WHERE v.location_id = a.location_id AND v.field = 'site' AND v.verified_at >= a.created_at)
              GROUP BY a.location_id`
}
