/**
 * Where a site's listing comes from, as GET /api/v1/sites/{id} shows it: every source record
 * merged into the site, and for each shown field the records (or the curator) it came from.
 */
import { Type, type Static } from '@sinclair/typebox'

/** The fields whose origin the site detail reports, in the order a page shows them. */
export const PROVENANCE_FIELDS = [
  'name',
  'alternate_name',
  'organization_name',
  'description',
  'address_1',
  'address_2',
  'city',
  'region',
  'postal_code',
  'point',
  'timezone',
  'status',
  'website',
  'hours',
  'phones',
  'types',
  'services',
  'payment',
  'populations',
  'access',
  'languages',
  'public_note',
  'status_until',
  'status_reason',
] as const
export type ProvenanceField = (typeof PROVENANCE_FIELDS)[number]

/** One source record, named as location_sources keys it. */
export const recordRefSchema = Type.Object({ source: Type.String(), source_id: Type.String() })
export type RecordRef = Static<typeof recordRefSchema>

export const sourceRecordSchema = Type.Object({
  source: Type.String(),
  source_id: Type.String(),
  primary: Type.Boolean({ description: "The site's own record (name and address come from it); the others were merged into the site" }),
  name: Type.String({ description: 'The name as this source gives it' }),
  alternate_name: Type.Union([Type.String(), Type.Null()], { description: "The source's second name (SAMHSA's program name)" }),
  status: Type.String({ description: "The record's status in its source (an inactive record no longer adds codes)" }),
  imported_at: Type.String({ description: 'When this record was first imported, or last imported with a change' }),
  merged_at: Type.Union([Type.String(), Type.Null()], { description: 'When it was merged into the site (null: the primary record)' }),
})
export type SourceRecord = Static<typeof sourceRecordSchema>

export const fieldSourceSchema = Type.Object({
  from: Type.Union([Type.Literal('source'), Type.Literal('curator'), Type.Literal('none')], {
    description: 'source: the records listed give it; curator: a curator set it (imports do not overwrite it); none: no record gives a value',
  }),
  records: Type.Array(recordRefSchema, { description: 'With from = source: the records the value comes from' }),
  values: Type.Optional(
    Type.Record(Type.String(), Type.Array(recordRefSchema), { description: 'Lists (phones, codes): each item and the records that give it' }),
  ),
})
export type FieldSource = Static<typeof fieldSourceSchema>

export const fieldSourcesSchema = Type.Object(
  Object.fromEntries(PROVENANCE_FIELDS.map((field) => [field, fieldSourceSchema])) as Record<ProvenanceField, typeof fieldSourceSchema>,
  { description: 'For each field the site shows, where it comes from' },
)
export type FieldSources = Static<typeof fieldSourcesSchema>
