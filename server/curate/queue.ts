/**
 * The review queue: five kinds of work, each listed oldest first within the curator's scope,
 * filterable by state, source, assignee and age, with the open count of every kind.
 * - reports: a site's open problem reports of one kind, as one item with a count;
 * - verification: active sites never verified, or last verified more than VERIFY_AFTER_DAYS ago;
 * - merges: uncertain cross-source merges awaiting a decision;
 * - disagreements: held fields a re-import would have set to something else;
 * - changes: a provider's open change request, each field's current and proposed value.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import { availabilitySinceVerification, CLOSED_REPORTS_FOR_VERIFICATION } from '../reports/availability.js'
import { inScope, type Actor } from './scope.js'

export const QUEUE_KINDS = ['reports', 'verification', 'merges', 'disagreements', 'changes'] as const
export type QueueKind = (typeof QUEUE_KINDS)[number]

export interface QueueFilter {
  kind: QueueKind
  state?: string
  source?: string
  /** 'me', 'none' or an account id. */
  assigned?: string
  olderThanDays?: number
  limit: number
  offset: number
}

export interface QueueItem {
  key: string
  kind: QueueKind
  site: { id: string; name: string; city: string | null; region: string | null; source: string }
  since: string
  assigned_to: { id: string; name: string } | null
  [detail: string]: unknown
}

interface KindQuery {
  /** Rows with: key, location_id, since, and the kind's own columns. */
  rows: RawBuilder<unknown>
}

function kindQuery(kind: QueueKind, verifyAfterDays: number): KindQuery {
  switch (kind) {
    case 'reports':
      return {
        rows: sql`SELECT 'report:' || r.location_id || ':' || r.kind AS key, r.location_id, min(r.created_at) AS since,
                         jsonb_build_object('report_kind', r.kind, 'count', count(*)::int) AS detail,
                         (array_agg(jsonb_build_object('id', r.id, 'message', r.message, 'created_at', r.created_at) ORDER BY r.created_at DESC))[1:20] AS messages
                    FROM problem_reports r WHERE r.status = 'open' GROUP BY r.location_id, r.kind`,
      }
    case 'verification':
      return {
        // Also a site people found closed CLOSED_REPORTS_FOR_VERIFICATION times this week, however recently verified.
        rows: sql`SELECT 'verify:' || l.id AS key, l.id AS location_id,
                         CASE WHEN l.assured_date IS NULL OR l.assured_date < current_date - ${verifyAfterDays}::int
                              THEN coalesce(l.assured_date::timestamptz, l.created_at) ELSE ar.first_closed_at END AS since,
                         jsonb_build_object('assured_date', l.assured_date, 'closed_reports', coalesce(ar.closed, 0),
                           'availability_reports', jsonb_build_object('got_supplies', coalesce(ar.got_supplies, 0),
                             'out_of_supplies', coalesce(ar.out_of_supplies, 0), 'closed', coalesce(ar.closed, 0))) AS detail,
                         NULL::jsonb[] AS messages
                    FROM locations l
                    LEFT JOIN (${availabilitySinceVerification()}) ar ON ar.location_id = l.id
                   WHERE l.status = 'active' AND NOT l.demo
                     AND (l.assured_date IS NULL OR l.assured_date < current_date - ${verifyAfterDays}::int
                          OR ar.closed >= ${CLOSED_REPORTS_FOR_VERIFICATION}::int)`,
      }
    case 'merges':
      return {
        rows: sql`SELECT 'merge:' || m.source || ':' || m.source_id AS key, m.location_id, m.created_at AS since,
                         jsonb_build_object('source', m.source, 'source_id', m.source_id, 'record_name', ls.record->>'name',
                           'doubts', to_jsonb(m.doubts), 'name_similarity', m.name_similarity) AS detail, NULL::jsonb[] AS messages
                    FROM merge_reviews m
                    LEFT JOIN location_sources ls ON ls.source = m.source AND ls.source_id = m.source_id
                   WHERE m.status = 'open'`,
      }
    case 'disagreements':
      return {
        rows: sql`SELECT 'disagreement:' || d.id AS key, d.location_id, d.created_at AS since,
                         jsonb_build_object('id', d.id, 'field', d.field, 'source', d.source, 'source_value', d.source_value,
                           'curator_value', d.curator_value) AS detail, NULL::jsonb[] AS messages
                    FROM source_disagreements d WHERE d.status = 'open'`,
      }
    case 'changes':
      return {
        rows: sql`SELECT 'change:' || c.id AS key, c.location_id, c.created_at AS since,
                         jsonb_build_object('id', c.id, 'link_id', c.link_id, 'fields',
                           (SELECT jsonb_agg(jsonb_build_object('field', f.field, 'current', f.current_value, 'proposed', f.proposed_value,
                              'decision', f.decision) ORDER BY f.ordinal) FROM change_request_fields f WHERE f.request_id = c.id)) AS detail,
                         NULL::jsonb[] AS messages
                    FROM change_requests c WHERE c.status = 'open'`,
      }
  }
}

function siteFilters(actor: Actor, filter: Pick<QueueFilter, 'state' | 'source'>): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [inScope(actor)]
  if (filter.state) parts.push(sql`l.region = ${filter.state.toUpperCase()}`)
  if (filter.source) {
    parts.push(sql`(l.source = ${filter.source} OR EXISTS (SELECT 1 FROM location_sources fs WHERE fs.location_id = l.id AND fs.source = ${filter.source}))`)
  }
  return sql<boolean>`${sql.join(parts, sql` AND `)}`
}

/** One page of one kind's items, with the total of that kind under the filters. */
export async function listQueue(
  db: Kysely<Database>,
  actor: Actor,
  filter: QueueFilter,
  verifyAfterDays: number,
): Promise<{ items: QueueItem[]; total: number }> {
  const q = kindQuery(filter.kind, verifyAfterDays)
  const conditions: RawBuilder<unknown>[] = [siteFilters(actor, filter)]
  if (filter.assigned === 'none') conditions.push(sql`qa.account_id IS NULL`)
  else if (filter.assigned) conditions.push(sql`qa.account_id = ${filter.assigned === 'me' ? actor.id : filter.assigned}`)
  if (filter.olderThanDays !== undefined) conditions.push(sql`i.since < now() - make_interval(days => ${filter.olderThanDays}::int)`)
  const rows = await sql<{
    key: string
    location_id: string
    since: Date | string
    detail: Record<string, unknown>
    messages: unknown[] | null
    name: string
    city: string | null
    region: string | null
    source: string
    assignee_id: string | null
    assignee_name: string | null
    total: number
  }>`
    SELECT i.key, i.location_id, i.since, i.detail, i.messages, l.name, l.city, l.region, l.source,
           qa.account_id AS assignee_id, a.name AS assignee_name, count(*) OVER ()::int AS total
      FROM (${q.rows}) i
      JOIN locations l ON l.id = i.location_id
      LEFT JOIN queue_assignments qa ON qa.item_key = i.key
      LEFT JOIN accounts a ON a.id = qa.account_id
     WHERE ${sql.join(conditions, sql` AND `)}
     ORDER BY i.since ASC, i.key ASC
     LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(db)
  const items = rows.rows.map((r) => {
    const detail = r.detail
    return {
      key: r.key,
      kind: filter.kind,
      site: { id: r.location_id, name: r.name, city: r.city, region: r.region, source: r.source },
      since: new Date(r.since).toISOString(),
      assigned_to: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
      ...detail,
      ...(filter.kind === 'reports'
        ? {
            messages: (r.messages ?? []).map((m) => {
              const x = m as { id: string; message: string; created_at: string }
              return { id: x.id, message: x.message, created_at: new Date(x.created_at).toISOString() }
            }),
          }
        : {}),
    }
  })
  return { items, total: rows.rows[0]?.total ?? (filter.offset > 0 ? await countKind(db, actor, filter, verifyAfterDays) : 0) }
}

async function countKind(db: Kysely<Database>, actor: Actor, filter: QueueFilter, verifyAfterDays: number): Promise<number> {
  const counts = await queueCounts(db, actor, filter, verifyAfterDays)
  return counts[filter.kind]
}

/** The open items of every kind within the actor's scope and the state/source filters. */
export async function queueCounts(
  db: Kysely<Database>,
  actor: Actor,
  filter: Pick<QueueFilter, 'state' | 'source'>,
  verifyAfterDays: number,
): Promise<Record<QueueKind, number>> {
  const where = siteFilters(actor, filter)
  const count = (kind: QueueKind) =>
    sql`(SELECT count(*)::int FROM (${kindQuery(kind, verifyAfterDays).rows}) i JOIN locations l ON l.id = i.location_id WHERE ${where})`
  const row = await sql<Record<QueueKind, number>>`
    SELECT ${count('reports')} AS reports, ${count('verification')} AS verification, ${count('merges')} AS merges, ${count('disagreements')} AS disagreements,
           ${count('changes')} AS changes`.execute(db)
  return row.rows[0] ?? { reports: 0, verification: 0, merges: 0, disagreements: 0, changes: 0 }
}

/** The site a queue item key is about, or null for a key that names nothing. */
export async function siteOfItem(db: Kysely<Database>, key: string): Promise<string | null> {
  const [kind, ...rest] = key.split(':')
  const tail = rest.join(':')
  if (kind === 'report' || kind === 'verify') {
    const siteId = kind === 'report' ? tail.slice(0, tail.lastIndexOf(':')) : tail
    const found = siteId && (await db.selectFrom('locations').select('id').where('id', '=', siteId).executeTakeFirst())
    return found ? siteId : null
  }
  if (kind === 'merge') {
    const i = tail.indexOf(':')
    if (i < 0) return null
    const row = await db
      .selectFrom('merge_reviews')
      .select('location_id')
      .where('source', '=', tail.slice(0, i))
      .where('source_id', '=', tail.slice(i + 1))
      .executeTakeFirst()
    return row?.location_id ?? null
  }
  if (kind === 'disagreement') {
    const row = await db.selectFrom('source_disagreements').select('location_id').where('id', '=', tail).executeTakeFirst()
    return row?.location_id ?? null
  }
  if (kind === 'change') {
    const row = await db.selectFrom('change_requests').select('location_id').where('id', '=', tail).executeTakeFirst()
    return row?.location_id ?? null
  }
  return null
}
