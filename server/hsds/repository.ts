/**
 * Queries behind the HSDS API: filtered, paged lists of services, service_at_locations and
 * organizations, and look-ups by HSDS id. Every value is a bound parameter; the only
 * identifiers built here come from the fixed LOCATION_COLUMN map.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import { makePoint, stDistance } from '../db/sql.js'
import type { OrganizationRow } from './graph-repository.js'
import { hsdsIdMatches } from './ids.js'
import { FIELD_OF_KIND, type TaxonomyField, type TermKindName, type TermRow } from './taxonomy.js'

/** Filters shared by the list endpoints; each applies where it makes sense. */
export interface ListFilter {
  search?: string
  /** A vocabulary term (resolved from taxonomy_term_id). */
  term?: { kind: TermKindName; code: string }
  /** Only records with some term of this taxonomy. */
  taxonomy?: TaxonomyField
  /** Our organization id (resolved from the HSDS organization_id). */
  organizationId?: string
  /** A five-digit ZIP code: only locations with this postal code (service_at_locations' postcode). */
  postalCode?: string
  modifiedAfter?: Date
  includeDemo: boolean
  /** A filter named something that does not exist (an unknown term or organization): no results. */
  nothing?: boolean
}

/** Offset paging (the spec's page/per_page) or keyset paging after an id (streams). */
export type Paging = { offset: number; limit: number } | { after: string; limit: number }

export interface Near {
  lat: number
  lon: number
  radiusM: number
}

const LOCATION_COLUMN: Record<Exclude<TermKindName, 'service'>, string> = {
  type: 'types',
  payment: 'payment',
  population: 'populations',
  access: 'access',
  language: 'languages',
}
const FIELD_KIND = Object.fromEntries(Object.entries(FIELD_OF_KIND).map(([kind, field]) => [field, kind])) as Record<TaxonomyField, TermKindName>

/** `%text%` for ILIKE, with the pattern characters of the text escaped. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (m) => '\\' + m)}%`

const locationHas = (kind: Exclude<TermKindName, 'service'>, code: string | null): RawBuilder<boolean> => {
  const column = sql.ref(`l.${LOCATION_COLUMN[kind]}`)
  return code === null ? sql<boolean>`cardinality(${column}) > 0` : sql<boolean>`${column} @> ARRAY[${code}]::text[]`
}
const serviceHas = (code: string | null): RawBuilder<boolean> =>
  code === null ? sql<boolean>`cardinality(s.codes) > 0` : sql<boolean>`s.codes @> ARRAY[${code}]::text[]`

/** The term condition on a service (its codes, or the columns of a site it is offered at). */
function serviceTermSql(kind: TermKindName, code: string | null): RawBuilder<boolean> {
  if (kind === 'service') return serviceHas(code)
  return sql<boolean>`EXISTS (SELECT 1 FROM service_at_location sal JOIN locations l ON l.id = sal.location_id
    WHERE sal.service_id = s.id AND ${locationHas(kind, code)})`
}

function serviceConditions(filter: ListFilter): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = filter.nothing ? [sql`false`] : []
  if (filter.search) {
    const p = likePattern(filter.search)
    where.push(sql`(s.name ILIKE ${p} OR s.description ILIKE ${p} OR o.name ILIKE ${p})`)
  }
  if (filter.term) where.push(serviceTermSql(filter.term.kind, filter.term.code))
  if (filter.taxonomy) where.push(serviceTermSql(FIELD_KIND[filter.taxonomy], null))
  if (filter.organizationId !== undefined) where.push(sql`s.organization_id = ${filter.organizationId}`)
  if (filter.modifiedAfter) {
    const t = filter.modifiedAfter
    where.push(sql`(s.updated_at >= ${t} OR o.updated_at >= ${t} OR EXISTS (SELECT 1 FROM service_at_location sal
      JOIN locations l ON l.id = sal.location_id WHERE sal.service_id = s.id AND l.updated_at >= ${t}))`)
  }
  if (!filter.includeDemo) where.push(sql`s.demo = false`)
  return where
}

const all = (conditions: RawBuilder<unknown>[]) => (conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`true`)

function pageSql(paging: Paging, idColumn: string): { where: RawBuilder<boolean>; tail: RawBuilder<unknown> } {
  return 'after' in paging
    ? { where: sql<boolean>`${sql.ref(idColumn)} > ${paging.after}`, tail: sql`LIMIT ${paging.limit}` }
    : { where: sql<boolean>`true`, tail: sql`LIMIT ${paging.limit} OFFSET ${paging.offset}` }
}

/** Ids of a page of matching services, in id order, and how many match in all. */
export async function findServiceIds(db: Kysely<Database>, filter: ListFilter, paging: Paging): Promise<string[]> {
  const { where, tail } = pageSql(paging, 's.id')
  const rows = await sql<{ id: string }>`SELECT s.id FROM services s JOIN organizations o ON o.id = s.organization_id
    WHERE ${all(serviceConditions(filter))} AND ${where} ORDER BY s.id ${tail}`.execute(db)
  return rows.rows.map((r) => r.id)
}

export async function countServices(db: Kysely<Database>, filter: ListFilter): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM services s JOIN organizations o ON o.id = s.organization_id
    WHERE ${all(serviceConditions(filter))}`.execute(db)
  return Number(rows.rows[0]?.n ?? 0)
}

/** Our service id for an HSDS service id, current or legacy (index-backed: migrations 04 and 2026-12-03-02). */
export async function findServiceByHsdsId(db: Kysely<Database>, uuid: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('services')
    .select('id')
    .where(hsdsIdMatches('service', 'services.id', uuid))
    .executeTakeFirst()
  return row?.id
}

function salConditions(filter: ListFilter, near: Near | undefined): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = filter.nothing ? [sql`false`] : []
  if (filter.search) {
    const p = likePattern(filter.search)
    where.push(sql`(s.name ILIKE ${p} OR s.description ILIKE ${p} OR o.name ILIKE ${p} OR l.name ILIKE ${p} OR l.description ILIKE ${p})`)
  }
  const term = (kind: TermKindName, code: string | null) => (kind === 'service' ? serviceHas(code) : locationHas(kind, code))
  if (filter.term) where.push(term(filter.term.kind, filter.term.code))
  if (filter.taxonomy) where.push(term(FIELD_KIND[filter.taxonomy], null))
  if (filter.organizationId !== undefined) where.push(sql`s.organization_id = ${filter.organizationId}`)
  // left(…, 5): a stored ZIP+4 matches its five-digit ZIP.
  if (filter.postalCode !== undefined) where.push(sql`left(l.postal_code, 5) = ${filter.postalCode}`)
  if (filter.modifiedAfter) {
    const t = filter.modifiedAfter
    where.push(sql`(s.updated_at >= ${t} OR o.updated_at >= ${t} OR l.updated_at >= ${t})`)
  }
  if (!filter.includeDemo) where.push(sql`l.demo = false`)
  if (near) where.push(sql`ST_DWithin(l.geog, ${makePoint(near.lon, near.lat)}, ${near.radiusM}::float8)`)
  return where
}

const SAL_FROM = sql`service_at_location sal JOIN services s ON s.id = sal.service_id
  JOIN organizations o ON o.id = s.organization_id JOIN locations l ON l.id = sal.location_id`

export interface SalHit {
  id: string
  service_id: string
  /** Metres on the ellipsoid from the query point, when one was given. */
  distance_m: number | null
}

/** A page of matching service_at_locations: nearest first when `near` is given, else by id. */
export async function findSals(db: Kysely<Database>, filter: ListFilter, near: Near | undefined, paging: Paging): Promise<SalHit[]> {
  const distance = near ? stDistance('l.geog', makePoint(near.lon, near.lat)) : sql<null>`NULL::float8`
  // Keyset paging follows sal.id, so with `near` (distance order) callers page by offset.
  if (near && 'after' in paging) throw new Error('findSals: page by offset when ordering by distance')
  const { where, tail } = pageSql(paging, 'sal.id')
  const rows = await sql<SalHit>`SELECT sal.id, sal.service_id, ${distance} AS distance_m FROM ${SAL_FROM}
    WHERE ${all(salConditions(filter, near))} AND ${where}
    ORDER BY ${near ? sql`distance_m, sal.id` : sql`sal.id`} ${tail}`.execute(db)
  return rows.rows
}

export async function countSals(db: Kysely<Database>, filter: ListFilter, near: Near | undefined): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${SAL_FROM} WHERE ${all(salConditions(filter, near))}`.execute(db)
  return Number(rows.rows[0]?.n ?? 0)
}

/** Our service_at_location row for an HSDS id, current or legacy (index-backed: migrations 05 and 2026-12-03-02). */
export async function findSalByHsdsId(db: Kysely<Database>, uuid: string): Promise<{ id: string; service_id: string } | undefined> {
  return db
    .selectFrom('service_at_location')
    .select(['id', 'service_id'])
    .where(hsdsIdMatches('service_at_location', 'service_at_location.id', uuid))
    .executeTakeFirst()
}

const ORG_COLUMNS = ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'updated_at', 'demo'] as const

function organizationConditions(filter: ListFilter): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = filter.nothing ? [sql`false`] : []
  if (filter.search) {
    const p = likePattern(filter.search)
    where.push(sql`(o.name ILIKE ${p} OR o.alternate_name ILIKE ${p} OR o.description ILIKE ${p})`)
  }
  if (filter.modifiedAfter) where.push(sql`o.updated_at >= ${filter.modifiedAfter}`)
  if (!filter.includeDemo) where.push(sql`o.demo = false`)
  return where
}

/** A page of matching organizations, by id. */
export async function findOrganizations(db: Kysely<Database>, filter: ListFilter, paging: Paging): Promise<OrganizationRow[]> {
  const { where, tail } = pageSql(paging, 'o.id')
  const rows = await sql<OrganizationRow>`SELECT ${sql.join(ORG_COLUMNS.map((c) => sql.ref(`o.${c}`)))} FROM organizations o
    WHERE ${all(organizationConditions(filter))} AND ${where} ORDER BY o.id ${tail}`.execute(db)
  return rows.rows
}

export async function countOrganizations(db: Kysely<Database>, filter: ListFilter): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organizations o WHERE ${all(organizationConditions(filter))}`.execute(db)
  return Number(rows.rows[0]?.n ?? 0)
}

/** An organization by HSDS id, current or legacy (index-backed: migrations 05 and 2026-12-03-02). */
export async function findOrganizationByHsdsId(db: Kysely<Database>, uuid: string): Promise<OrganizationRow | undefined> {
  return db
    .selectFrom('organizations')
    .select([...ORG_COLUMNS])
    .where(hsdsIdMatches('organization', 'organizations.id', uuid))
    .executeTakeFirst()
}

/** Ids of an organization's services (at most `limit`). */
export async function findServiceIdsOfOrganization(db: Kysely<Database>, organizationId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('services').select('id').where('organization_id', '=', organizationId).orderBy('id').limit(limit).execute()
  return rows.map((r) => r.id)
}

/** Taxonomy terms (our vocabulary, from taxonomy_terms), optionally of one taxonomy or matching a search. */
export async function findTerms(
  db: Kysely<Database>,
  filter: { search?: string; taxonomy?: TaxonomyField },
  paging: { offset: number; limit: number },
): Promise<{ total: number; rows: TermRow[] }> {
  const base = db
    .selectFrom('taxonomy_terms')
    .where('kind', 'in', Object.keys(FIELD_OF_KIND))
    .$if(!!filter.search, (q) =>
      q.where((eb) =>
        eb.or([
          eb('code', 'ilike', likePattern(filter.search ?? '')),
          eb('label_en', 'ilike', likePattern(filter.search ?? '')),
          eb('label_es', 'ilike', likePattern(filter.search ?? '')),
        ]),
      ),
    )
    .$if(!!filter.taxonomy, (q) => q.where('kind', '=', FIELD_KIND[filter.taxonomy as TaxonomyField]))
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.select(['kind', 'code', 'label_en', 'label_es']).orderBy('kind').orderBy('code').limit(paging.limit).offset(paging.offset).execute(),
  ])
  return { total: Number(count.n), rows }
}

/** The vocabulary term with this HSDS id (current or legacy), or undefined. */
export async function findTermByHsdsId(db: Kysely<Database>, uuid: string): Promise<TermRow | undefined> {
  return db
    .selectFrom('taxonomy_terms')
    .select(['kind', 'code', 'label_en', 'label_es'])
    .where(hsdsIdMatches('taxonomy_term', 'taxonomy_terms.id', uuid))
    .where('kind', 'in', Object.keys(FIELD_OF_KIND))
    .executeTakeFirst()
}
