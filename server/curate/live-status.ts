/**
 * Posting live status (issue 16) — by a curator or by the provider through its update link.
 * Each topic of a post replaces that topic's last post (null withdraws it) and is audited;
 * "today" is turned into the ranges it closes or opens the site, by the site's own hours and
 * timezone, and expires with the site's day; supplies expire after 7 days, treatment
 * openings after 48 hours. Nothing else about the listing changes.
 */
import { sql, type Kysely } from 'kysely'
import { LIVE_TOPICS, SUPPLY_TTL_MS, TREATMENT_TTL_MS, type LiveStatusPost, type LiveTopic, type TodayKind } from '../../common/contract/live-status.js'
import type { Database, HoursRule } from '../db/schema.js'
import { writeAudit } from '../directory/location-sources.js'
import { CURATOR_SOURCE } from '../directory/location-recompute.js'
import { invalidField } from '../errors.js'
import { todayWindows, TodayTimeError, type Range } from '../../common/schedule/live-today.js'
import { liveStatusOf, NO_LIVE_STATUS, type LiveStatus } from '../sites/live-status.js'
import { PROVIDER_SOURCE } from './provider-links.js'

export type Poster = { by: 'curator'; accountId: string } | { by: 'provider'; linkId: string }

const SUPPLY_TOPICS = new Set<LiveTopic>(['naloxone', 'test_strips', 'syringes'])

const rangeText = (r: Range | null) => (r ? `[${new Date(r[0]).toISOString()},${new Date(r[1]).toISOString()})` : null)

/** Applies a post to a site; null when there is no such site. A "today" time that makes no sense for the day is a 400 naming today.time. */
export async function postLiveStatus(db: Kysely<Database>, siteId: string, post: LiveStatusPost, who: Poster, now = new Date()): Promise<LiveStatus | null> {
  return db.transaction().execute(async (trx) => {
    const site = await trx.selectFrom('locations').select(['id', 'timezone']).where('id', '=', siteId).forUpdate().executeTakeFirst()
    if (!site) return null
    const searchRow = await trx.selectFrom('site_search').select(['hours', 'timezone']).where('location_id', '=', siteId).executeTakeFirst()
    const rules: HoursRule[] = searchRow?.hours ?? []
    const timezone = searchRow?.timezone ?? site.timezone
    const before = new Map(
      (await trx.selectFrom('site_status').select(['topic', 'value', 'expires_at']).where('location_id', '=', siteId).execute()).map((r) => [r.topic, r]),
    )
    const audit: { topic: string; previous: unknown; next: unknown }[] = []
    for (const topic of LIVE_TOPICS) {
      const value = post[topic]
      if (value === undefined) continue
      const previous = before.get(topic)
      const previousValue = previous && new Date(previous.expires_at) > now ? previous.value : null
      if (value === null) {
        if (!previous) continue
        await trx.deleteFrom('site_status').where('location_id', '=', siteId).where('topic', '=', topic).execute()
        audit.push({ topic, previous: previousValue, next: null })
        continue
      }
      let closed: Range | null = null
      let open: Range | null = null
      let expiresAt: Date
      if (topic === 'today') {
        const today = value as { kind: TodayKind; time?: string }
        if (today.kind === 'not_running' && today.time !== undefined) throw invalidField('today.time', 'is only given with closing_early or open_late')
        try {
          const windows = todayWindows(rules, timezone, today, now)
          ;({ closed, open, expiresAt } = windows)
        } catch (err) {
          if (err instanceof TodayTimeError) throw invalidField(today.time ? 'today.time' : 'today', err.message)
          throw err
        }
      } else {
        expiresAt = new Date(now.getTime() + (SUPPLY_TOPICS.has(topic) ? SUPPLY_TTL_MS : TREATMENT_TTL_MS))
      }
      const stored = topic === 'today' ? { kind: (value as { kind: string }).kind, time: (value as { time?: string }).time ?? null } : value
      await sql`
        INSERT INTO site_status (location_id, topic, value, closed_during, open_during, posted_at, expires_at, posted_by, account_id, link_id)
        VALUES (${siteId}, ${topic}, ${JSON.stringify(stored)}::jsonb, ${rangeText(closed)}::tstzrange, ${rangeText(open)}::tstzrange,
                ${now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz, ${who.by},
                ${who.by === 'curator' ? who.accountId : null}, ${who.by === 'provider' ? who.linkId : null})
        ON CONFLICT (location_id, topic) DO UPDATE SET value = excluded.value, closed_during = excluded.closed_during,
          open_during = excluded.open_during, posted_at = excluded.posted_at, expires_at = excluded.expires_at,
          posted_by = excluded.posted_by, account_id = excluded.account_id, link_id = excluded.link_id`.execute(trx)
      audit.push({ topic, previous: previousValue, next: { value: stored, expires_at: expiresAt.toISOString() } })
    }
    await writeAudit(
      trx,
      audit.map((a) => ({
        entity_type: 'location',
        entity_id: siteId,
        action: a.next === null ? 'status_withdrawn' : 'status_posted',
        field_name: `status:${a.topic}`,
        previous_value: a.previous,
        new_value: a.next,
      })),
      {
        source: who.by === 'curator' ? CURATOR_SOURCE : PROVIDER_SOURCE,
        batchId: null,
        action: 'status_posted',
        accountId: who.by === 'curator' ? who.accountId : null,
        reason: who.by === 'provider' ? `provider link ${who.linkId}` : null,
      },
    )
    return (await liveStatusOf(trx, [siteId], now)).get(siteId) ?? NO_LIVE_STATUS
  })
}
