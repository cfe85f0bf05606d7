/**
 * Reading live status: the unexpired posts of some sites, as the API shows them and as the
 * "today" ranges that change their open state (server/schedule/live-today.ts).
 */
import { sql } from 'kysely'
import type { LiveStatusItem, LiveTopic } from '../../common/contract/live-status.js'
import { LIVE_TOPICS } from '../../common/contract/live-status.js'
import type { Db } from '../db/schema.js'
import type { TodayWindows } from '../../common/schedule/live-today.js'

export interface LiveStatus {
  items: LiveStatusItem[]
  /** The "today" post's ranges, or null. */
  today: Pick<TodayWindows, 'closed' | 'open'> | null
}

export const NO_LIVE_STATUS: LiveStatus = { items: [], today: null }

/** A post as read (timestamps as Date, or as ISO text when read through JSON). */
export interface StatusRow {
  location_id: string
  topic: string
  value: unknown
  posted_at: Date | string
  expires_at: Date | string
  posted_by: 'curator' | 'provider'
  closed_from: Date | string | null
  closed_to: Date | string | null
  open_from: Date | string | null
  open_to: Date | string | null
}

const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime())
const order = (topic: string) => LIVE_TOPICS.indexOf(topic as LiveTopic)

/** The posts of these sites that have not expired at `now`, by site id (sites without any are absent). */
export async function liveStatusOf(db: Db, siteIds: readonly string[], now: Date): Promise<Map<string, LiveStatus>> {
  const found = new Map<string, LiveStatus>()
  if (siteIds.length === 0) return found
  const { rows } = await sql<StatusRow>`
    SELECT location_id, topic, value, posted_at, expires_at, posted_by,
           lower(closed_during) AS closed_from, upper(closed_during) AS closed_to,
           lower(open_during) AS open_from, upper(open_during) AS open_to
      FROM site_status
     WHERE location_id = ANY(${[...new Set(siteIds)]}::text[]) AND expires_at > ${now.toISOString()}::timestamptz`.execute(db)
  return liveStatusFromRows(rows, found)
}

/** Posts (unexpired) grouped as each site's live status, into `found` (sites without posts stay absent). */
export function liveStatusFromRows(rows: StatusRow[], found = new Map<string, LiveStatus>()): Map<string, LiveStatus> {
  rows.sort((a, b) => order(a.topic) - order(b.topic))
  for (const row of rows) {
    const status = found.get(row.location_id) ?? { items: [], today: null }
    found.set(row.location_id, status)
    const today = row.topic === 'today' ? (row.value as { kind: string; time?: string | null }) : null
    status.items.push({
      topic: row.topic as LiveTopic,
      value: today ? today.kind : (row.value as string | boolean | number),
      time: today?.time ?? null,
      posted_at: new Date(row.posted_at).toISOString(),
      expires_at: new Date(row.expires_at).toISOString(),
      posted_by: row.posted_by,
    })
    if (today) {
      const closed = row.closed_from !== null && row.closed_to !== null ? ([ms(row.closed_from), ms(row.closed_to)] as [number, number]) : null
      const open = row.open_from !== null && row.open_to !== null ? ([ms(row.open_from), ms(row.open_to)] as [number, number]) : null
      status.today = { closed, open }
    }
  }
  return found
}
