/**
 * The mapping file's schema (TypeBox): every key a mapping may have, each value's shape, and
 * the vocabulary codes, encodings and quirks it may name. Each part carries, as `problem`, what
 * a curator is told when a value does not fit (a text, or a function of the value); `problemKey`
 * names the key to report when it is not the value's own path. checkSpec reads them.
 */
import { FormatRegistry, Type, type TSchema } from '@sinclair/typebox'
import { DAY_CODES } from '../../common/format.js'
import { ENCODINGS } from './decode.js'
import { CSV_QUIRKS } from './sources/files.js'
import { isVocabularyCode, VOCABULARY_FIELDS, type VocabularyField } from './codes.js'
import type { MappingSpec } from './mapping-spec.js'

/** The keys naming one field of the site (a column name, several joined, or a constant). */
export const FIELD_KEYS = [
  'id',
  'name',
  'alternateName',
  'organization',
  'description_field',
  'address1',
  'address2',
  'city',
  'region',
  'postalCode',
  'phone',
  'website',
  'email',
  'latitude',
  'longitude',
  'timezone',
  'serviceName',
] as const satisfies readonly (keyof MappingSpec)[]
const MAPPING_KEYS = ['description', 'source', 'encoding', 'quirks', ...FIELD_KEYS, ...VOCABULARY_FIELDS, 'codes', 'hours', 'rules', 'attributes'] as const
// Does not compile when MappingSpec gains a key that MAPPING_KEYS does not list.
export const mappingKeysListed: Exclude<keyof MappingSpec, (typeof MAPPING_KEYS)[number]> extends never ? true : never = true

/** The object forms of a field key, one of which an object must use (id alone may derive). */
export function fieldForms(key: string): string[] {
  return key === 'id' ? ['column', 'columns', 'const', 'derive'] : ['column', 'columns', 'const']
}

export type Problem = string | ((value: unknown) => string)

for (const field of VOCABULARY_FIELDS) FormatRegistry.Set(`hrl-${field}-code`, (value) => isVocabularyCode(field, value))

const TEXT = 'must be text'
const COLUMN_LIST = 'must be a list of column names'
const column = () => Type.String({ problem: 'must be a column name' })
const columnList = () => Type.Array(Type.String({ problem: COLUMN_LIST }), { problem: COLUMN_LIST })

/** A column name, or one of the object forms: { column }, { columns, join }, { const } (and for id, { derive }). */
function fieldSpec(key: string, required?: string): TSchema {
  const forms = fieldForms(key)
  const shape = `must be a column name or an object with one of ${forms.join(', ')}`
  return Type.Union(
    [
      Type.String(required ? { minLength: 1, problem: required } : {}),
      Type.Object(
        {
          column: Type.Optional(column()),
          columns: Type.Optional(columnList()),
          const: Type.Optional(Type.Union([Type.String(), Type.Null()], { problem: 'must be text or null' })),
          ...(key === 'id' ? { derive: Type.Optional(columnList()) } : {}),
          join: Type.Optional(Type.String({ problem: TEXT })),
        },
        { additionalProperties: false },
      ),
    ],
    { problem: required ? (value: unknown) => (value ? shape : required) : shape },
  )
}

/** Codes, or one object form: { const }, { column, split, map }; every code in the vocabulary. */
function listSpec(field: VocabularyField): TSchema {
  const code = Type.String({ format: `hrl-${field}-code`, problem: (value: unknown) => `has unknown code ${JSON.stringify(value)}`, problemKey: field })
  const toCodes = { problem: 'must map source values to lists of codes', problemKey: `${field}.map` }
  return Type.Union(
    [
      Type.Array(code),
      Type.Object(
        {
          const: Type.Optional(Type.Array(code, { problem: 'must be a list of codes' })),
          column: Type.Optional(column()),
          split: Type.Optional(Type.String({ problem: TEXT })),
          map: Type.Optional(Type.Record(Type.String(), Type.Array(code, toCodes), toCodes)),
        },
        { additionalProperties: false },
      ),
    ],
    { problem: 'must be a list of codes, { "const": [...] } or { "column": ... }' },
  )
}

const quirk = Type.Union(
  CSV_QUIRKS.map((q) => Type.Literal(q)),
  {
    problem: (value: unknown) => `has unknown quirk ${JSON.stringify(value)} (known: ${CSV_QUIRKS.join(', ')})`,
  },
)

const codes = Type.Object(
  {
    table: Type.String({ problem: 'is required (the code table file, relative to the mapping)' }),
    columns: Type.Optional(columnList()),
    split: Type.Optional(Type.String({ problem: TEXT })),
    flagColumnsAfter: Type.Optional(column()),
    flagValues: Type.Optional(Type.Array(Type.String({ problem: 'must be a list of values' }), { problem: 'must be a list of values' })),
  },
  { additionalProperties: false, problem: 'must be an object with a "table"' },
)

FormatRegistry.Set('hrl-pattern', (value) => patternError(value) === null)

/** Why a rule's pattern is not a regular expression, or null when it is one. */
export function patternError(pattern: string): string | null {
  try {
    new RegExp(pattern.replace(/^\(\?i\)/, ''), 'i')
    return null
  } catch (err) {
    return (err as Error).message.replace(/^Invalid regular expression: /, '')
  }
}

const pattern = () =>
  Type.String({ format: 'hrl-pattern', problem: (value: unknown) => `${JSON.stringify(value)} is not a regular expression (${patternError(String(value))})` })
const CONDITION = 'must be { "column": ..., "matches": ... } (or "notMatches"), or a list of them'
const condition = Type.Object(
  { column: column(), matches: Type.Optional(pattern()), notMatches: Type.Optional(pattern()) },
  { additionalProperties: false, problem: CONDITION },
)
const conditions = () => Type.Union([condition, Type.Array(condition, { problem: CONDITION })], { problem: CONDITION })

const HOURS = 'must be { "column": ..., "format": "osm" or "text" } or { "days": { "MO": column, ... } }'
/** Opening hours: a column and its format, or one column per weekday. */
const hoursSpec = Type.Union(
  [
    Type.Object(
      {
        column: column(),
        format: Type.Union([Type.Literal('osm'), Type.Literal('text')], { problem: 'must be "osm" (OpenStreetMap opening_hours) or "text"' }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        days: Type.Object(Object.fromEntries(DAY_CODES.map((d) => [d, Type.Optional(column())])), {
          additionalProperties: false,
          minProperties: 1,
          problem: `must name at least one weekday column, with the keys ${DAY_CODES.join(', ')}`,
        }),
      },
      { additionalProperties: false },
    ),
  ],
  { problem: HOURS },
)

/** A conditional rule: `when` and/or `unless` conditions, and the codes it adds. */
const rule = Type.Object(
  {
    when: Type.Optional(conditions()),
    unless: Type.Optional(conditions()),
    ...Object.fromEntries(
      VOCABULARY_FIELDS.map((field): [string, TSchema] => [
        field,
        Type.Optional(
          Type.Array(Type.String({ format: `hrl-${field}-code`, problem: (value: unknown) => `has unknown ${field} code ${JSON.stringify(value)}` }), {
            problem: 'must be a list of codes',
          }),
        ),
      ]),
    ),
  },
  { additionalProperties: false, problem: 'must be a rule: { "when": {...}, "types": [...], "services": [...] }' },
)

const PROPERTIES: Record<(typeof MAPPING_KEYS)[number], TSchema> = {
  description: Type.Optional(Type.String({ problem: TEXT })),
  source: Type.String({ minLength: 1, problem: 'is required (the source name every record of the import carries)' }),
  encoding: Type.Optional(
    Type.Union(
      ENCODINGS.map((e) => Type.Literal(e)),
      { problem: `must be one of ${ENCODINGS.join(', ')}` },
    ),
  ),
  quirks: Type.Optional(Type.Array(quirk, { problem: `must be a list of quirks (known: ${CSV_QUIRKS.join(', ')})` })),
  ...(Object.fromEntries(
    FIELD_KEYS.map((key) => [key, key === 'name' ? fieldSpec(key, 'is required (the column holding the site name)') : Type.Optional(fieldSpec(key))]),
  ) as Record<(typeof FIELD_KEYS)[number], TSchema>),
  ...(Object.fromEntries(VOCABULARY_FIELDS.map((field) => [field, Type.Optional(listSpec(field))])) as Record<VocabularyField, TSchema>),
  codes: Type.Optional(codes),
  hours: Type.Optional(hoursSpec),
  rules: Type.Optional(Type.Array(rule, { problem: 'must be a list of rules' })),
  attributes: Type.Optional(columnList()),
}

/** A whole mapping file; its properties are in MAPPING_KEYS order, which is the order "known keys" lists them in. */
export const MAPPING_SCHEMA = Type.Object(Object.fromEntries(MAPPING_KEYS.map((key) => [key, PROPERTIES[key]])), {
  additionalProperties: false,
  problem: 'must be a JSON object',
})
