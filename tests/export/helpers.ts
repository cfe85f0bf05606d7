/**
 * Helpers for export and HSDS tests: the Baltimore HSDS fixture, temporary files, and a
 * comparable snapshot of every site in a database.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.js'

/** Five Baltimore sites of two organizations, in HSDS 3.0 JSON (one temporarily closed, one service at two stops). */
export const FIXTURE = fileURLToPath(new URL('../fixtures/export/baltimore-hsds.json', import.meta.url))

const dir = mkdtempSync(join(tmpdir(), 'hrl-export-test-'))
let n = 0
/** A fresh path in a temporary folder. */
export const tempPath = (name: string): string => join(dir, `${n++}-${name}`)

export interface SiteSnapshot {
  name: string
  organization: string
  description: string | null
  address: (string | null)[]
  point: [number | null, number | null]
  status: string
  website: string | null
  types: string[]
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  services: { name: string; codes: string[] }[]
  hours: string[]
  phones: string[]
  unmappedCodes: unknown
  assuredDate: string | null
}

const sorted = (values: readonly string[]) => [...values].sort()

/** Every site with what a person sees of it, by name: equal snapshots mean the same directory. */
export async function snapshotSites(db: Kysely<Database>): Promise<SiteSnapshot[]> {
  const locations = await db
    .selectFrom('locations as l')
    .innerJoin('organizations as o', 'o.id', 'l.organization_id')
    .select([
      'l.id',
      'l.name',
      'o.name as organization',
      'l.description',
      'l.address_1',
      'l.address_2',
      'l.city',
      'l.region',
      'l.postal_code',
      'l.latitude',
      'l.longitude',
      'l.status',
      'l.website',
      'l.types',
      'l.payment',
      'l.populations',
      'l.access',
      'l.languages',
      'l.source_attributes',
      'l.assured_date',
    ])
    .orderBy('l.name')
    .orderBy('l.id')
    .execute()
  const [services, hours, phones] = await Promise.all([
    db
      .selectFrom('service_at_location as sal')
      .innerJoin('services as s', 's.id', 'sal.service_id')
      .select(['sal.location_id', 's.name', 's.codes'])
      .orderBy('s.name')
      .execute(),
    db.selectFrom('schedules').select(['location_id', 'byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to']).orderBy('id').execute(),
    db.selectFrom('phones').select(['location_id', 'number']).orderBy('ordinal').orderBy('id').execute(),
  ])
  return locations.map((l) => ({
    name: l.name,
    organization: l.organization,
    description: l.description,
    address: [l.address_1, l.address_2, l.city, l.region, l.postal_code],
    point: [l.longitude, l.latitude],
    status: l.status,
    website: l.website,
    types: sorted(l.types),
    payment: sorted(l.payment),
    populations: sorted(l.populations),
    access: sorted(l.access),
    languages: sorted(l.languages),
    services: services.filter((s) => s.location_id === l.id).map((s) => ({ name: s.name, codes: sorted(s.codes) })),
    hours: hours
      .filter((h) => h.location_id === l.id)
      .map((h) => `${h.byday} ${h.opens_at.slice(0, 5)}-${h.closes_at.slice(0, 5)} ${h.valid_from ?? ''}..${h.valid_to ?? ''}`),
    phones: phones.filter((p) => p.location_id === l.id).map((p) => p.number),
    unmappedCodes: (l.source_attributes as { unmapped_codes?: unknown }).unmapped_codes ?? null,
    assuredDate: l.assured_date,
  }))
}
