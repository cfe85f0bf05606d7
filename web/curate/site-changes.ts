/**
 * What a save sends: the fields whose value differs from what the server gave, each in the
 * shape PATCH /sites/{id} takes (empty text as null, blank phones and dayless hours rows
 * left out, the state upper-case). Pure, so it is easy to reason about.
 */
import type { EditableFields, FieldName } from './types.js'

/** Text fields a site may leave empty (sent as null). */
const OPTIONAL_TEXT = new Set<FieldName>([
  'description',
  'address_1',
  'address_2',
  'city',
  'region',
  'postal_code',
  'website',
  'status_until',
  'status_reason',
  'public_note',
])

/** One field's value as the API takes it. */
export function wireValue(field: FieldName, fields: EditableFields): unknown {
  const value = fields[field]
  if (field === 'phones') return fields.phones.map((p) => p.trim()).filter(Boolean)
  if (field === 'hours')
    return fields.hours
      .filter((r) => r.byday)
      .map((r) => ({ byday: r.byday, opens: r.opens, closes: r.closes, valid_from: r.valid_from ?? null, valid_to: r.valid_to ?? null }))
  if (typeof value === 'string') {
    const text = field === 'region' ? value.trim().toUpperCase() : value.trim()
    return text === '' && OPTIONAL_TEXT.has(field) ? null : text
  }
  return value
}

/** The changed fields: changedFields(original, draft) → { hours: [...] }. */
export function changedFields(original: EditableFields, draft: EditableFields): Partial<Record<FieldName, unknown>> {
  const changes: Partial<Record<FieldName, unknown>> = {}
  for (const field of Object.keys(draft) as FieldName[]) {
    const before = wireValue(field, original)
    const after = wireValue(field, draft)
    if (JSON.stringify(before) !== JSON.stringify(after)) changes[field] = after
  }
  return changes
}
