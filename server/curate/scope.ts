/**
 * Where an account may work. An admin works everywhere; a curator on sites in its states (or
 * any state when it lists none) that have a record from one of its sources (or any source).
 */
import { sql, type RawBuilder } from 'kysely'
import type { Account, Db } from '../db/schema.js'

export type Actor = Pick<Account, 'id' | 'role' | 'scope_states' | 'scope_sources'>

/** A SQL condition: location `alias` is within the actor's scope. */
export function inScope(actor: Actor, alias = 'l'): RawBuilder<boolean> {
  if (actor.role === 'admin') return sql<boolean>`true`
  const ref = (column: string) => sql.ref(`${alias}.${column}`)
  const states = actor.scope_states.length ? sql`${ref('region')} = ANY(${actor.scope_states}::text[])` : sql`true`
  const sources = actor.scope_sources.length
    ? sql`(${ref('source')} = ANY(${actor.scope_sources}::text[]) OR EXISTS (SELECT 1 FROM location_sources ls
            WHERE ls.location_id = ${ref('id')} AND ls.source = ANY(${actor.scope_sources}::text[])))`
    : sql`true`
  return sql<boolean>`(${states} AND ${sources})`
}

/** Whether a site exists and whether the actor may work on it. */
export async function siteAccess(db: Db, actor: Actor, siteId: string): Promise<'missing' | 'outside' | 'inside'> {
  const row = await db.selectFrom('locations as l').select(inScope(actor).as('inside')).where('l.id', '=', siteId).executeTakeFirst()
  if (!row) return 'missing'
  return row.inside ? 'inside' : 'outside'
}
