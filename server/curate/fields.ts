/**
 * The fields a curator edits (PATCH /api/v1/curate/sites/{id}), as one TypeBox schema, and
 * the checks a schema cannot make (a real timezone, a real date, an http(s) website). Values
 * come out normalized: trimmed text, sorted unique code lists, full hours rules.
 */
import { Type, type Static } from '@sinclair/typebox'
import type { HeldField } from '../directory/held-fields.js'
import { phoneOfRow, phoneParts } from '../directory/import-record.js'
import { invalidField } from '../errors.js'
import { isValidTimezone } from '../../common/schedule/zoned.js'
import { codesOf, LANGUAGES, type FilterField } from '../vocabulary.js'

const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength })
const nullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])
const codeList = (codes: readonly string[]) => Type.Array(Type.Union(codes.map((c) => Type.Literal(c))), { maxItems: codes.length, uniqueItems: true })
const codesFor = (field: FilterField) => codeList(codesOf(field))
const DATE = '^\\d{4}-\\d{2}-\\d{2}$'
const DAY = '(MO|TU|WE|TH|FR|SA|SU)'
const TIME = '^([01]\\d|2[0-3]):[0-5]\\d$'

export const hoursRuleSchema = Type.Object(
  {
    byday: Type.String({ pattern: `^${DAY}(,${DAY})*$`, maxLength: 20, description: 'Days, e.g. "MO,TU,WE"' }),
    opens: Type.String({ pattern: TIME, maxLength: 5, description: 'HH:MM (local time of the site)' }),
    closes: Type.String({ pattern: TIME, maxLength: 5, description: 'HH:MM; at or before opens means past midnight; 00:00–00:00 is all day' }),
    valid_from: Type.Optional(Type.Union([Type.String({ pattern: DATE, maxLength: 10 }), Type.Null()])),
    valid_to: Type.Optional(Type.Union([Type.String({ pattern: DATE, maxLength: 10 }), Type.Null()])),
  },
  { additionalProperties: false },
)

/** Every editable field; all optional, nothing else allowed. */
export const siteChangesSchema = Type.Object(
  {
    name: text(500, 1),
    organization_name: text(500, 1),
    description: nullableText(2000),
    address_1: nullableText(200),
    address_2: nullableText(200),
    city: nullableText(100),
    region: Type.Union([Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2 }), Type.Null()]),
    postal_code: Type.Union([Type.String({ pattern: '^\\d{5}(-\\d{4})?$', maxLength: 10 }), Type.Null()]),
    point: Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) }, { additionalProperties: false }),
    phones: Type.Array(Type.String({ pattern: '^[0-9()+. x-]{7,40}$', maxLength: 40 }), { maxItems: 10 }),
    website: nullableText(500),
    types: codesFor('types'),
    services: codesFor('services'),
    payment: codesFor('payment'),
    populations: codesFor('populations'),
    access: codesFor('access'),
    languages: codeList(LANGUAGES.map((l) => l.code)),
    hours: Type.Array(hoursRuleSchema, { maxItems: 50 }),
    timezone: Type.String({ minLength: 1, maxLength: 64 }),
    status: Type.Union([Type.Literal('active'), Type.Literal('temporarily_closed'), Type.Literal('defunct')]),
    status_until: Type.Union([Type.String({ pattern: DATE, maxLength: 10 }), Type.Null()]),
    status_reason: nullableText(500),
    public_note: nullableText(280),
  },
  { additionalProperties: false },
)
export type SiteChanges = Partial<Static<typeof siteChangesSchema>>

/** The same schema with every field optional and at least one present (the PATCH body's `changes`). */
export const partialChangesSchema = Type.Partial(siteChangesSchema, { additionalProperties: false, minProperties: 1 })

const isRealDate = (value: string) => {
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

const trimOrNull = (v: string | null | undefined) => {
  const t = v?.trim()
  return t ? t : null
}

/**
 * The changes as held values (trimmed, sorted, defaults filled in); throws a 400 naming the
 * field for what the schema could not check.
 */
export function normalizeChanges(changes: SiteChanges): Map<HeldField, unknown> {
  const out = new Map<HeldField, unknown>()
  for (const [field, value] of Object.entries(changes) as [HeldField, unknown][]) {
    if (value === undefined) continue
    switch (field) {
      case 'name':
      case 'organization_name': {
        const t = trimOrNull(value as string)
        if (!t) throw invalidField(`changes.${field}`, 'must not be empty')
        out.set(field, t)
        break
      }
      case 'region':
        out.set(field, trimOrNull(value as string | null)?.toUpperCase() ?? null)
        break
      case 'website': {
        const t = trimOrNull(value as string | null)
        if (t !== null && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(t))
          throw invalidField('changes.website', 'must be an http(s) address, e.g. https://example.org')
        out.set(field, t)
        break
      }
      case 'timezone':
        if (!isValidTimezone(value as string)) throw invalidField('changes.timezone', 'must be an IANA timezone, e.g. America/New_York')
        out.set(field, value)
        break
      case 'status_until':
        if (value !== null && !isRealDate(value as string)) throw invalidField('changes.status_until', 'must be a real date, YYYY-MM-DD')
        out.set(field, value)
        break
      case 'phones':
        // In the directory's stored form, so a phone with an extension compares equal to the source's.
        out.set(field, [
          ...new Set(
            (value as string[])
              .map((p) => p.trim())
              .filter(Boolean)
              .map((p) => phoneOfRow(phoneParts(p))),
          ),
        ])
        break
      case 'types':
      case 'services':
      case 'payment':
      case 'populations':
      case 'access':
      case 'languages':
        out.set(field, [...new Set(value as string[])].sort())
        break
      case 'hours':
        out.set(
          field,
          (value as Static<typeof hoursRuleSchema>[]).map((h, i) => {
            for (const end of ['valid_from', 'valid_to'] as const) {
              const d = h[end]
              if (d && !isRealDate(d)) throw invalidField(`changes.hours[${i}].${end}`, 'must be a real date, YYYY-MM-DD')
            }
            if (h.valid_from && h.valid_to && h.valid_to < h.valid_from) throw invalidField(`changes.hours[${i}].valid_to`, 'must not be before valid_from')
            return { byday: h.byday, opens: h.opens, closes: h.closes, valid_from: h.valid_from ?? null, valid_to: h.valid_to ?? null }
          }),
        )
        break
      case 'point':
        out.set(field, { lat: (value as { lat: number }).lat, lon: (value as { lon: number }).lon })
        break
      default:
        out.set(field, typeof value === 'string' ? trimOrNull(value) : value)
    }
  }
  return out
}
