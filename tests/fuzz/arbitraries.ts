/**
 * fast-check arbitraries from the API's own OpenAPI schemas: values a client means to send
 * (codes from the vocabulary, ids of the seeded sites, real dates) and values an attacker or
 * a broken client sends (NUL, lone surrogates, "Infinity", nested lists, wrong types, numbers
 * just past the limits, extra fields).
 */
import fc from 'fast-check'
import { codesOf, LANGUAGES, type FilterField } from '../../server/vocabulary.js'

export interface Schema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: Schema[]
  oneOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  items?: Schema
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  format?: string
}

/** What the seeded database holds, so that generated requests also find things. */
export interface FuzzContext {
  siteIds: string[]
  hsdsIds: string[]
  cursors: string[]
  /** Bad values for a field name beyond the general ones (forged cursors, say). */
  forged?: Record<string, unknown[]>
  /** Arbitraries that replace the schema's for a field name (e.g. a small solver budget). */
  fields?: Record<string, fc.Arbitrary<unknown>>
}

const FILTER_FIELDS: FilterField[] = ['types', 'services', 'payment', 'populations', 'access']

export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udc00',
  'x\ud83dy',
  '\ud83d\ude00',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  'NaN',
  '-0',
  '0x10',
  ' 5 ',
  '1e-320',
  '5e-324',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  '%',
  '../',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE locations; --',
  '\\',
  '😀'.repeat(3),
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\uFEFF',
  '\r\n',
  '<script>alert(1)</script>',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '275760-09-13T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '2026-11-24T25:00:00Z',
  'x'.repeat(201),
  'é'.repeat(1001),
  '𝔘'.repeat(600),
  'naloxone,,,methadone',
  ',',
  'methadone,unicorns',
]

/** What JavaScript parses to a non-finite or absurd number (a query-string coercion or a JSON number). */
export const NON_FINITE = ['Infinity', '-Infinity', '1e309', '-1e309', 'NaN', Infinity, -Infinity, NaN, 1e-320, '1e-320', '-0']

/** Strings PostgreSQL refuses (NUL) or UTF-8 cannot encode (lone surrogates). */
export const UNSTORABLE = ['\u0000', 'a\u0000b', '\u0000'.repeat(3), '\ud800', '\udc00', 'x\ud83dy', '\ude00\ud83d']

export const NASTY_NUMBERS = [0, -1, 1, 1e-320, -1e-320, 5e-324, 1e308, -1e308, Infinity, -Infinity, NaN, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 0.5, 1e21]

const NASTY_SHAPES: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [[]],
  [['naloxone']],
  [['naloxone', 'methadone']],
  [[['x']]],
  [{}],
  { a: { b: [1] } },
  [null],
  [1, 'a', null],
  { $gt: '' },
  { __proto__x: 1 },
  Array.from({ length: 70 }, () => 'naloxone'),
]

const typesOf = (s: Schema): string[] => (typeof s.type === 'string' ? [s.type] : (s.type ?? []))

/** A date-time with an offset between 1900 and 2200, written the ways clients write them. */
const offsetDateTime = fc
  .tuple(
    fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('2200-12-30T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom('Z', '-05:00', '+01:00', '+14:00'),
    fc.boolean(),
  )
  .map(([d, offset, seconds]) => d.toISOString().slice(0, seconds ? 19 : 16) + offset)

function numberRange(s: Schema): { min: number; max: number } {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1e-6 : -1e6)
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1e-6 : 1e6)
  return { min, max }
}

/** Strings a client would send for a field of this name. */
function meaningfulStrings(name: string, ctx: FuzzContext): fc.Arbitrary<string> | null {
  if ((FILTER_FIELDS as string[]).includes(name)) {
    const codes = codesOf(name as FilterField)
    return fc.oneof(
      fc.constantFrom(...codes),
      fc.subarray(codes, { minLength: 1, maxLength: 3 }).map((c) => c.join(',')),
    )
  }
  if (name === 'languages') return fc.constantFrom(...LANGUAGES.map((l) => l.code), 'en,es')
  if (name === 'id' || name === 'site_id') return fc.constantFrom(...ctx.siteIds, 'does-not-exist')
  if (name === 'near' || name === 'q') return fc.constantFrom('21201', 'Baltimore, MD', '10001', 'baltimore', '99999', 'Nowhereville, ZZ')
  if (name === 'cursor') return ctx.cursors.length ? fc.constantFrom(...ctx.cursors) : null
  if (name === 'source') return fc.constantFrom('test', 'other', 'findtreatment')
  // An offline-area box: Baltimore, a point, a box too big, inverted, out of range, not numbers.
  if (name === 'bbox')
    return fc.constantFrom(
      '-76.8,39.2,-76.5,39.4',
      '-77.1,38.9,-76.1,39.7',
      '-76.6,39.3,-76.6,39.3',
      '-80,35,-70,45',
      '-76.5,39.4,-76.8,39.2',
      '-181,0,0,1',
      'a,b,c,d',
      '1,2,3',
    )
  if (name === 'search') return fc.constantFrom('site', 'Org', 'naloxone', 'zzz', '%', '_')
  if (name === 'open_at' || name === 'departure') return offsetDateTime
  if (name === 'modified_after') return fc.oneof(offsetDateTime, fc.constantFrom('2026-01-01', '1999-12-31'))
  return null
}

/** Values that fit the schema (and, where the name says what it is, make sense). */
export function validValue(s: Schema, name: string, ctx: FuzzContext, depth = 0): fc.Arbitrary<unknown> {
  const override = ctx.fields?.[name]
  if (override) return override
  if (s.enum) return fc.constantFrom(...s.enum)
  if (s.const !== undefined) return fc.constant(s.const)
  const branches = s.anyOf ?? s.oneOf
  if (branches) return fc.oneof(...branches.map((b) => validValue(b, name, ctx, depth)))
  const types = typesOf(s)
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...s, type }, name, ctx, depth)))
  switch (types[0]) {
    case 'string': {
      if (s.format === 'uuid') return ctx.hsdsIds.length ? fc.oneof(fc.constantFrom(...ctx.hsdsIds), fc.uuid()) : fc.uuid()
      const meant = meaningfulStrings(name, ctx)
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern))
      const random = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) })
      return meant ? fc.oneof({ weight: 9, arbitrary: meant }, { weight: 1, arbitrary: random }) : random
    }
    case 'integer': {
      const { min, max } = numberRange(s)
      return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31 - 1)) })
    }
    case 'number': {
      const { min, max } = numberRange(s)
      // Around the seeded sites (Baltimore) as often as anywhere, so searches find something.
      const local =
        name === 'lat'
          ? fc.double({ min: 39.2, max: 39.4, noNaN: true })
          : name === 'lon' || name === 'long'
            ? fc.double({ min: -76.7, max: -76.5, noNaN: true })
            : null
      const any = fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
      return local ? fc.oneof(local, any) : any
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const items = s.items ? validValue(s.items, name, ctx, depth + 1) : fc.string()
      return fc.array(items, { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, depth === 0 ? 4 : 3) })
    }
    case 'object':
      return objectValue(s, ctx, depth, false)
    default:
      return fc.anything({ maxDepth: 1 })
  }
}

/** Values that do not fit: the nasty lists, the limits and just past them, wrong shapes. */
export function nastyValue(s: Schema, name: string, ctx: FuzzContext, depth = 0): fc.Arbitrary<unknown> {
  const types = typesOf(s)
  const edges: unknown[] = []
  if (types.includes('number') || types.includes('integer')) {
    const { min, max } = numberRange(s)
    edges.push(min - 1, max + 1, min - 1e-9, max + 1e-9, String(max + 1), `${max}.5`)
    // At the limits too, unless the field's values are held in on purpose (a solver budget).
    if (!ctx.fields?.[name]) edges.push(min, max, `${min}`, `${max}`)
  }
  if (types.includes('string') && s.maxLength !== undefined) edges.push('a'.repeat(s.maxLength + 1))
  const valid = validValue(s, name, ctx, depth + 1)
  const forged = ctx.forged?.[name] ?? []
  const items = types.includes('array') && s.items && depth < 2 ? fc.array(nastyValue(s.items, name, ctx, depth + 1), { minLength: 1, maxLength: 3 }) : null
  return fc.oneof(
    { weight: forged.length ? 20 : 0, arbitrary: forged.length ? fc.constantFrom(...forged) : fc.constant(null) },
    { weight: 3, arbitrary: fc.constantFrom(...NON_FINITE) },
    { weight: 3, arbitrary: fc.constantFrom(...UNSTORABLE) },
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_SHAPES) },
    { weight: edges.length ? 2 : 0, arbitrary: edges.length ? fc.constantFrom(...edges) : fc.constant(null) },
    { weight: 1, arbitrary: valid.map((v) => [[v]]) },
    { weight: 1, arbitrary: valid.map((v) => [v, v]) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: items ? 2 : 0, arbitrary: items ?? fc.constant(null) },
    {
      weight: depth < 2 && types.includes('object') ? 2 : 0,
      arbitrary: depth < 2 && types.includes('object') ? objectValue(s, ctx, depth, true) : fc.constant(null),
    },
  )
}

/** A field's value: mostly a sensible one, sometimes (`rate`) a nasty one. */
export function fieldValue(s: Schema, name: string, ctx: FuzzContext, nastyRate: number, depth = 0): fc.Arbitrary<unknown> {
  if (nastyRate === 0) return validValue(s, name, ctx, depth)
  const nastyWeight = Math.round(nastyRate * 100)
  return fc.oneof(
    { weight: 100 - nastyWeight, arbitrary: validValue(s, name, ctx, depth) },
    { weight: nastyWeight, arbitrary: nastyValue(s, name, ctx, depth) },
  )
}

const ABSENT = Symbol('absent')

/** An object for an object schema: the required keys, some optional ones, and (when `nasty`) bad values, extra keys and missing ones. */
export function objectValue(s: Schema, ctx: FuzzContext, depth: number, nasty: boolean, provided: string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const properties = s.properties ?? {}
  // Keys a baseline provides are optional here: the baseline's value stands in when left out.
  const required = new Set((s.required ?? []).filter((k) => !provided.includes(k)))
  const rate = nasty ? 0.3 : 0
  // An optional field is there one time in three: with every field at 50 %, nearly every request broke some rule between fields.
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, sub]) => {
      const value = fieldValue(sub, key, ctx, rate, depth + 1)
      return [key, required.has(key) ? value : fc.oneof({ weight: 1, arbitrary: value }, { weight: 2, arbitrary: fc.constant(ABSENT) })]
    }),
  )
  const record = fc.record(model).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ABSENT)))
  if (!nasty) return record
  const extra = fc.dictionary(fc.constantFrom('service', 'extra', '__proto__', 'constructor', 'LAT', 'lat ', ''), fc.constantFrom(1, 'x', null), { maxKeys: 2 })
  return fc.tuple(record, extra, fc.subarray([...required])).map(([r, more, drop]) => {
    const out: Record<string, unknown> = { ...r, ...more }
    for (const key of drop) delete out[key]
    return out
  })
}
