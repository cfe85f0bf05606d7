/**
 * The checks a mapping file passes before any row is read: against MAPPING_SCHEMA (known keys
 * only, since a typo would otherwise be ignored and its column never read; value shapes;
 * vocabulary codes), and, per CSV file, every column the mapping names present in the header.
 * Each failure names the mapping file, the key's line and the key, with the closest known key
 * or column.
 */
import { Kind, type TSchema } from '@sinclair/typebox'
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value'
import { isIanaTimezone } from '../geo/timezones.js'
import { FileProblem } from './sources/files.js'
import { VOCABULARY_FIELDS } from './codes.js'
import { FIELD_KEYS, fieldForms, MAPPING_SCHEMA, type Problem } from './mapping-schema.js'
import type { LoadedMapping, MappingRule, MappingSpec } from './mapping-spec.js'

export type Fail = (key: string, message: string) => never
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The line of a key in mapping text; a dotted key's parts are found one after the other. */
export function keyLine(text: string, key: string): number {
  let at = 0
  for (const part of key.split('.')) {
    const found = text.slice(at).search(new RegExp(`"${part.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}"\\s*:`))
    if (found < 0) break
    at += found
  }
  return text.slice(0, at).split('\n').length
}

/** Refuses a mapping that does not fit MAPPING_SCHEMA, naming the first problem (a mistyped key before anything else). */
export function checkSpec(spec: unknown, fail: Fail): asserts spec is MappingSpec {
  const problems = [...Value.Errors(MAPPING_SCHEMA, spec)].flatMap((error) => problemsOf(error, spec))
  const first = problems.find((p) => p.unknownKey) ?? problems[0]
  if (first) fail(first.key, first.message)
  // The one rule the schema does not say: an object form names exactly one way to read the value.
  const checked = spec as MappingSpec
  for (const key of FIELD_KEYS) exactlyOne(checked[key], fieldForms(key), key, fail)
  for (const field of VOCABULARY_FIELDS) exactlyOne(checked[field], ['const', 'column'], field, fail)
  checked.rules?.forEach((rule, i) => checkRule(rule, i, fail))
  // A constant timezone is read once, here, rather than refusing every row for the same value.
  const zone = checked.timezone
  if (isObject(zone) && 'const' in zone && typeof zone.const === 'string' && !isIanaTimezone(zone.const)) {
    fail('timezone.const', `"${zone.const}" is not an IANA timezone name (e.g. America/Chicago)`)
  }
}

/** A rule must test something and add something: a condition with no pattern would hold for every row. */
function checkRule(rule: MappingRule, index: number, fail: Fail): void {
  const where = `rule ${index + 1}`
  if (!rule.when && !rule.unless) fail('rules', `${where} needs "when" or "unless" (terms for every row belong in the lists, e.g. "types")`)
  for (const part of ['when', 'unless'] as const) {
    for (const c of [rule[part] ?? []].flat()) {
      if (c.matches === undefined && c.notMatches === undefined)
        fail(`rules.${part}`, `${where}: the condition on "${c.column}" needs "matches" or "notMatches"`)
    }
  }
  if (!VOCABULARY_FIELDS.some((field) => rule[field]?.length)) fail('rules', `${where} adds no codes (give it "types", "services", … lists)`)
}

function exactlyOne(value: unknown, forms: readonly string[], key: string, fail: Fail): void {
  if (isObject(value) && forms.filter((f) => f in value).length !== 1) fail(key, `needs exactly one of ${forms.join(', ')}`)
}

interface SpecProblem {
  key: string
  message: string
  unknownKey: boolean
}

/** What a schema error means to the curator, from the failing part's `problem`. */
function problemsOf(error: ValueError, spec: unknown): SpecProblem[] {
  const key = (error.schema.problemKey as string | undefined) ?? keyOf(spec, error.path)
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    const known = Object.keys(error.schema.properties as object)
    const name = key.split('.').pop() as string
    const near = closestName(name, known)
    return [
      {
        key: keyOf(spec, error.path),
        message: `is not a mapping key${near ? `: did you mean "${near}"?` : ` (known keys: ${known.join(', ')})`}`,
        unknownKey: true,
      },
    ]
  }
  // A string, a list or an object where one of several forms was expected: the form of the
  // same kind says what is wrong inside it; with no such form, the union's own problem does.
  if (error.type === ValueErrorType.Union) {
    const variants = (error.schema.anyOf as TSchema[]).map((variant, i) => ({ variant, errors: error.errors[i] }))
    const same = variants.find(({ variant }) => variant[Kind] === kindOf(error.value))
    if (same?.errors) return [...same.errors].flatMap((inner) => problemsOf(inner, spec))
  }
  const problem = error.schema.problem as Problem | undefined
  const message = problem === undefined ? error.message : typeof problem === 'string' ? problem : problem(error.value)
  return [{ key, message, unknownKey: false }]
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'Array' : isObject(value) ? 'Object' : typeof value === 'string' ? 'String' : typeof value
}

/** "latitude.column" for the error path /latitude/column; list indexes are left out ("/attributes/2" is "attributes"). */
function keyOf(spec: unknown, path: string): string {
  const parts: string[] = []
  let at = spec
  for (const segment of path.split('/').slice(1)) {
    const part = segment.replace(/~1/g, '/').replace(/~0/g, '~')
    if (!Array.isArray(at)) parts.push(part)
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[part] : undefined
  }
  return parts.join('.') || 'mapping'
}

/** Every column the mapping reads, with the key that names it. */
export function mappingColumns(spec: MappingSpec): { key: string; column: string }[] {
  const found: { key: string; column: string }[] = []
  const add = (key: string, columns: string | string[] | undefined) => {
    for (const column of [columns ?? []].flat()) found.push({ key, column })
  }
  for (const key of FIELD_KEYS) {
    const field = spec[key]
    if (typeof field === 'string') add(key, field)
    else if (field && 'column' in field) add(key, field.column)
    else if (field && 'columns' in field) add(`${key}.columns`, field.columns)
    else if (field && 'derive' in field) add(`${key}.derive`, field.derive)
  }
  for (const key of VOCABULARY_FIELDS) {
    const list = spec[key]
    if (list && !Array.isArray(list) && 'column' in list) add(key, list.column)
  }
  add('codes.columns', spec.codes?.columns)
  add('codes.flagColumnsAfter', spec.codes?.flagColumnsAfter)
  for (const rule of spec.rules ?? []) {
    for (const part of ['when', 'unless'] as const)
      add(
        `rules.${part}`,
        [rule[part] ?? []].flat().map((c) => c.column),
      )
  }
  const hours = spec.hours
  if (hours && 'column' in hours) add('hours.column', hours.column)
  else if (hours && 'days' in hours) for (const [day, column] of Object.entries(hours.days)) add(`hours.days.${day}`, column)
  add('attributes', spec.attributes)
  return found
}

/**
 * Refuses a CSV whose header lacks a column the mapping reads: that value would be null in
 * every row (a "Lat" for "lat" puts every site on its ZIP centroid). Names are case-sensitive,
 * as the rows' keys are.
 */
export function checkHeader(mapping: LoadedMapping, header: readonly string[], csvFile: string): void {
  const missing = mappingColumns(mapping.spec).filter(({ column }) => !header.includes(column))
  const first = missing[0]
  if (!first) return
  const near = closestName(first.column, header)
  const hint = near
    ? `did you mean "${near}"?${near.toLowerCase() === first.column.toLowerCase() ? ' Column names are case-sensitive.' : ''}`
    : `its columns are ${header
        .slice(0, 40)
        .map((c) => `"${c}"`)
        .join(', ')}${header.length > 40 ? `, … (${header.length} in all)` : ''}`
  const others =
    missing.length > 1
      ? `; also missing: ${missing
          .slice(1)
          .map((m) => `"${m.column}" (${m.key})`)
          .join(', ')}`
      : ''
  throw new FileProblem({
    file: mapping.file,
    line: mapping.lineOf(first.key),
    field: first.key,
    message: `names column "${first.column}", which ${csvFile} does not have: ${hint}${others}`,
  })
}

/**
 * The candidate a typo most likely meant: equal ignoring case, spaces and _ - ., or a small
 * edit away (1 for short names, 2 for longer ones); null when none is that close.
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  const simple = (s: string) => s.toLowerCase().replace(/[\s_.-]+/g, '')
  const target = simple(name)
  let best: string | null = null
  let bestDistance = target.length <= 3 ? 0 : target.length <= 6 ? 1 : 2
  for (const candidate of candidates) {
    const distance = editDistance(target, simple(candidate))
    if (distance < bestDistance || (distance === bestDistance && best === null)) [best, bestDistance] = [candidate, distance]
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = row
  }
  return previous[b.length] as number
}
