/**
 * Rules every request schema gets without asking for them: an Ajv plugin, passed to Fastify
 * as `ajv.plugins` in server/app.ts, so a new route cannot forget them.
 *
 * - Every number is finite. With coerceTypes, Ajv turns the strings "Infinity" and "1e309"
 *   into ±Infinity and then skips minimum and maximum (they only look at finite numbers), so
 *   a range alone lets Infinity through to SQL and the solver.
 * - Every string is safe text: no NUL (PostgreSQL refuses it) and no unpaired surrogate.
 * - A union (anyOf, oneOf…) answers for the value the handler gets. With coerceTypes:
 *   'array', a branch that fails unwraps a one-item list for the branches after it, without
 *   writing it back: `[["a","b"]]` passed "a code or a list of codes" as `["a","b"]` while
 *   the handler got the list of lists (a TypeError in search/query.ts).
 * - Every number declares a minimum and a maximum, every string a maxLength (or a format,
 *   const or enum), every array a maxItems, and no part accepts any value unchecked: a route
 *   that breaks this fails at start-up, naming the place.
 * - The format `offset-date-time`: an ISO 8601 date-time with an offset, years 1900–2200.
 *
 * The rules are added to a copy of each schema as it is compiled, so /openapi.json shows the
 * schemas as the routes wrote them.
 */
import type { Ajv, AnySchema } from 'ajv'
import { isOffsetDateTime, OFFSET_DATE_TIME_RULE } from './instants.js'
import { isSafeText, SAFE_TEXT_RULE } from './text.js'

export const FINITE_RULE = 'must be a finite number'
export const NESTED_LIST_RULE = 'must not be a list inside a list'

const FINITE = 'finiteNumber'
const SAFE_TEXT = 'safeText'
const UNWRAPPED = 'unwrappedInPlace'

/** What a value that failed `format` should have been, worded for a 400 after the field name. */
const FORMAT_RULES: Record<string, string> = {
  'offset-date-time': OFFSET_DATE_TIME_RULE,
}

/** The rule an Ajv `format` failure broke: ours in words, the standard ones as Ajv says them. */
export function formatRule(format: string): string {
  return FORMAT_RULES[format] ?? `must match format "${format}"`
}

type SchemaNode = { [key: string]: unknown }

const isNode = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Keywords whose value is a map of subschemas, a list of them, or one. */
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const
const SUBSCHEMAS = ['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'] as const
/** Keywords whose branches run one after another on the same value (which coercion can unwrap). */
const BRANCHING = ['anyOf', 'oneOf', 'allOf', 'not', 'if'] as const
/** Keywords that constrain a value on their own, so a node with one of them is not "anything". */
const CONSTRAINING = ['type', 'const', 'enum', 'anyOf', 'oneOf', 'allOf', 'not'] as const

function typesOf(node: SchemaNode): string[] {
  const { type } = node
  return typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : []
}

function boundProblems(node: SchemaNode, types: string[], at: string): string[] {
  const has = (...keys: string[]) => keys.some((k) => node[k] !== undefined)
  const problems: string[] = []
  if (has('$ref')) problems.push(`${at} uses $ref, which these rules cannot follow`)
  if (!has(...CONSTRAINING, '$ref')) problems.push(`${at} accepts any value unchecked`)
  if ((types.includes('number') || types.includes('integer')) && !(has('minimum', 'exclusiveMinimum') && has('maximum', 'exclusiveMaximum'))) {
    problems.push(`${at} is a number without a minimum and a maximum`)
  }
  if (types.includes('string') && !has('maxLength', 'format', 'const', 'enum')) problems.push(`${at} is a string without a maxLength`)
  if (types.includes('array') && !has('maxItems', 'const', 'enum')) problems.push(`${at} is an array without a maxItems`)
  return problems
}

/**
 * A copy of `node` with the finite and safe-text rules on every number and string in it;
 * what is unbounded goes to `problems`. `not`, `if`, `then` and `else` are left alone: a
 * rule added under `not` would be turned around.
 */
function withRules(node: unknown, at: string, problems: string[]): unknown {
  if (!isNode(node)) return node
  const copy: SchemaNode = { ...node }
  for (const key of SUBSCHEMA_MAPS) {
    const map = node[key]
    if (isNode(map)) copy[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, withRules(sub, `${at}.${name}`, problems)]))
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = node[key]
    if (Array.isArray(list)) copy[key] = list.map((sub, i) => withRules(sub, key === 'prefixItems' ? `${at}[${i}]` : at, problems))
  }
  for (const key of SUBSCHEMAS) {
    const sub = node[key]
    const where = key === 'items' || key === 'additionalItems' ? `${at}[]` : `${at}.${key}`
    if (Array.isArray(sub)) copy[key] = sub.map((s, i) => withRules(s, `${at}[${i}]`, problems))
    else if (isNode(sub)) copy[key] = withRules(sub, where, problems)
  }
  const types = typesOf(node)
  problems.push(...boundProblems(node, types, at))
  if (types.includes('number') || types.includes('integer')) copy[FINITE] = true
  if (types.includes('string')) copy[SAFE_TEXT] = true
  if (BRANCHING.some((k) => node[k] !== undefined)) copy[UNWRAPPED] = true
  return copy
}

/**
 * `schema` with the rules added; throws, naming every unbounded place, if it leaves some
 * input unbounded (Fastify reports it with the route, at start-up).
 */
export function withRequestRules(schema: AnySchema): AnySchema {
  const problems: string[] = []
  const ruled = withRules(schema, 'schema', problems) as AnySchema
  if (problems.length > 0) {
    throw new Error(`request schema leaves input unbounded (see server/validation/request-rules.ts): ${problems.join('; ')}`)
  }
  return ruled
}

/** The Ajv plugin: the keywords, the format, and the rules added to every schema compiled. */
export function requestRules(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: FINITE,
    schemaType: 'boolean',
    errors: false,
    error: { message: FINITE_RULE },
    // No `type`: the check must also run on a value coercion made non-finite.
    validate: (on: boolean, data: unknown) => !on || typeof data !== 'number' || Number.isFinite(data),
  })
  ajv.addKeyword({
    keyword: SAFE_TEXT,
    schemaType: 'boolean',
    errors: false,
    error: { message: SAFE_TEXT_RULE },
    validate: (on: boolean, data: unknown) => !on || typeof data !== 'string' || isSafeText(data),
  })
  ajv.addKeyword({
    keyword: UNWRAPPED,
    schemaType: 'boolean',
    errors: false,
    error: { message: NESTED_LIST_RULE },
    // Runs after the node's branches: what they accepted must be what the parent holds.
    validate: (on: boolean, data: unknown, _schema?: unknown, cxt?: { parentData?: unknown; parentDataProperty?: string | number }) => {
      if (!on || cxt?.parentData === undefined || cxt.parentDataProperty === undefined) return true
      return (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] === data
    },
  })
  ajv.addFormat('offset-date-time', { type: 'string', validate: isOffsetDateTime })

  // Ajv has no hook to prepare a schema before it compiles; Fastify's validator compiler calls
  // compile() once per route part (params, querystring, body, headers), so the rules go in here.
  // Memoised so that a schema compiled twice (a GET and its HEAD) is one Ajv cache entry.
  const ruled = new WeakMap<object, AnySchema>()
  const compile = ajv.compile.bind(ajv) as (schema: AnySchema, meta?: boolean) => ReturnType<Ajv['compile']>
  const compileWithRules = (schema: AnySchema, meta?: boolean) => {
    if (!isNode(schema)) return compile(schema, meta)
    const copy = ruled.get(schema) ?? withRequestRules(schema)
    ruled.set(schema, copy)
    return compile(copy, meta)
  }
  ajv.compile = compileWithRules as Ajv['compile']
  return ajv
}
