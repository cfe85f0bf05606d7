/**
 * A search row's card: the part of its search result that no search changes (id, names,
 * codes, address, phone, point, timezone, verification date, curator note, status, source),
 * written once as JSON text when the row is derived. A search then reads one text column per
 * result instead of two dozen, and writes it into the answer as it is; only what depends on
 * the search (distance, open now, the verification's age, live posts) is added per answer.
 *
 * The card is the JSON object's members without the braces, so the answer is
 * `{` + card + `,"distance_m":…}`. Keys and values are those of the API's search result
 * (common/contract/search.ts); codes in vocabulary order, as codesFromMask gives them.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import { codesOf, type FilterField } from '../vocabulary.js'

const FIELDS: FilterField[] = ['types', 'services', 'payment', 'populations', 'access']
const codesAlias = (field: FilterField) => `card_${field}`

/**
 * The card of row `on` (an alias with site_search's columns): `joins` go after the row's FROM
 * item, `card` is the text. Each code list is a lateral sub-select of one mask, so the planner
 * memoizes it by the mask's value (a directory has a few thousand distinct masks): a
 * million-row rebuild works out a few thousand lists, not five million.
 */
export function siteCard(on: string): { joins: RawBuilder<unknown>; card: RawBuilder<string> } {
  const col = (name: string) => sql.ref(`${on}.${name}`)
  const joins = sql.join(
    FIELDS.map(
      (field) => sql`CROSS JOIN LATERAL (SELECT coalesce(array_agg(u.code ORDER BY u.i), '{}') AS codes
          FROM unnest(${codesOf(field)}::text[]) WITH ORDINALITY AS u(code, i)
         WHERE ${col(field)} & (1 << (u.i::int - 1)) <> 0) AS ${sql.id(codesAlias(field))}`,
    ),
    sql` `,
  )
  const codes = (field: FilterField) => sql.ref(`${codesAlias(field)}.codes`)
  // row_to_json writes no spaces; its members are the sub-select's columns, in this order.
  const card = sql<string>`(SELECT substr(j, 2, length(j) - 2) FROM (SELECT row_to_json(c)::text AS j FROM (SELECT
      ${col('location_id')} AS id, ${col('name')} AS name, ${col('organization_name')} AS organization_name,
      ${codes('types')} AS types, ${codes('services')} AS services, ${codes('payment')} AS payment,
      ${codes('populations')} AS populations, ${codes('access')} AS access, ${col('languages')} AS languages,
      ${col('address_1')} AS address_1, ${col('address_2')} AS address_2, ${col('city')} AS city, ${col('region')} AS region,
      ${col('postal_code')} AS postal_code, ${col('phone')} AS phone, ${col('geocode_precision')} AS location_precision,
      ${col('timezone')} AS timezone, ${col('assured_date')} AS assured_date, ${col('public_note')} AS public_note,
      ${col('status_until')} AS status_until, ${col('status_reason')} AS status_reason, ${col('status')} AS status,
      ${col('source')} AS source, ${col('demo')} AS demo, ${col('latitude')} AS lat, ${col('longitude')} AS lon) c) j)`
  return { joins, card }
}

/**
 * Gives every search row without a card its card, once (rows derived before cards existed),
 * then makes the column NOT NULL so no row can lack one; a no-op after that. Example: at start-up.
 */
export async function fillSearchCards(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // One process fills; another starting at the same moment waits, then finds nothing to do.
    await sql`LOCK TABLE site_search IN SHARE ROW EXCLUSIVE MODE`.execute(trx)
    const { rows } = await sql<{ nullable: boolean }>`
      SELECT NOT a.attnotnull AS nullable FROM pg_attribute a
       WHERE a.attrelid = 'site_search'::regclass AND a.attname = 'card' AND NOT a.attisdropped`.execute(trx)
    if (rows[0]?.nullable !== true) return 0
    // A million rows take minutes: no statement timeout of the pool's may cut this short (it would retry forever).
    await sql`SET LOCAL statement_timeout = 0`.execute(trx)
    const { joins, card } = siteCard('r')
    const filled = await sql`UPDATE site_search s SET card = x.card
        FROM (SELECT r.location_id, ${card} AS card FROM site_search r ${joins} WHERE r.card IS NULL) x
       WHERE s.location_id = x.location_id`.execute(trx)
    await sql`ALTER TABLE site_search ALTER COLUMN card SET NOT NULL`.execute(trx)
    // Every row may have been rewritten: fresh statistics, or the planner may leave the spatial index.
    await sql`ANALYZE site_search`.execute(trx)
    return Number(filled.numAffectedRows ?? 0)
  })
}
