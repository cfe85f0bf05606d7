/**
 * Whole requests for one OpenAPI operation: the path filled in, a query string and a JSON
 * body, written the way a client (or an attacker) would put them on the wire — including what
 * encodeURIComponent and JSON.stringify refuse to write (lone surrogates as raw UTF-8 bytes,
 * 1e309 as a JSON number, broken %-escapes, bodies that are not JSON).
 */
import fc from 'fast-check'
import { fieldValue, nastyValue, objectValue, type FuzzContext, type Schema } from './arbitraries.js'

export interface Operation {
  method: 'GET' | 'POST'
  path: string
  parameters: { name: string; in: 'path' | 'query'; required?: boolean; schema: Schema }[]
  body: Schema | null
}

/** What app.inject() gets; printed as it is when fast-check reports a counterexample. */
export interface FuzzRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  payload?: string
}

/** %-escapes a string as UTF-8, writing a lone surrogate as the 3 bytes of its code unit (invalid UTF-8). */
export function percentEncode(value: string): string {
  let out = ''
  for (const ch of value) {
    const unit = ch.charCodeAt(0)
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
    } else {
      out += encodeURIComponent(ch)
    }
  }
  return out
}

/** The texts of a value in a query string: a list repeats the key; anything else is its String(). */
function queryTexts(value: unknown): string[] {
  if (value === undefined) return []
  if (Array.isArray(value)) return value.flatMap((v) => (Array.isArray(v) || (typeof v === 'object' && v !== null) ? [JSON.stringify(v)] : queryTexts(v)))
  if (typeof value === 'object' && value !== null) return [JSON.stringify(value)]
  return [value === null ? '' : String(value)]
}

/** Raw query-string pieces no encoder would write. */
const RAW_QUERY = ['%', '%zz', '%00', '%ED%A0%80', '%FF%FE', '%C0%80', '&&', '=', '=x', 'a=1=2', '%u0000', 'lat[]=1', 'lat[a]=1', '+', '%2B%2B']
/** Raw path segments. */
const RAW_SEGMENT = ['%', '%zz', '%00', 'a%00b', '%ED%A0%80', '%2F', '..', '.', '..%2F..%2Fetc', '%252e%252e', 'a%20b', '~', '%C0%AE']

function jsonText(value: unknown): string {
  // JSON.stringify writes Infinity and NaN as null; a client can send 1e309 (which parses to Infinity).
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0001${v}\u0001` : v))
  return text.replace(/"\\u0001(Infinity|-Infinity|NaN)\\u0001"/g, (_m, n: string) => (n === 'Infinity' ? '1e309' : n === '-Infinity' ? '-1e309' : 'NaN'))
}

const RAW_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"naloxone"',
  '{"lat":39.3,}',
  '{"a":1}{"b":2}',
  '\u0000',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"lat":1e309,"lon":-1e309}',
  '{"lat":-0,"lon":0e0}',
]
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'multipart/form-data; boundary=x',
]
const ACCEPTS = ['*/*', 'application/json', 'application/geo+json', 'text/csv', 'application/x-ndjson', 'text/html', '\u00ff']

/** A request that works, for generated fields to be laid over (so that more of them get past the first rule). */
export interface Baseline {
  query?: Record<string, unknown>
  body?: Record<string, unknown>
}

type Target = { in: 'path' | 'query'; index: number } | { in: 'body'; key: string }

/**
 * Requests for one operation, in four kinds: every value sensible; every value sensible but
 * one, which is nasty (so the request gets deep before it meets it); the baseline with only
 * one nasty value; many values nasty. Two in three of the first and last kinds are laid over
 * the operation's baseline.
 */
export function requestsFor(op: Operation, ctx: FuzzContext, baseline: Baseline = {}): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path')
  const queryParams = op.parameters.filter((p) => p.in === 'query')
  const bodyProperties = op.body?.properties ?? {}
  const targets: Target[] = [
    ...pathParams.map((_, index) => ({ in: 'path' as const, index })),
    ...queryParams.map((_, index) => ({ in: 'query' as const, index })),
    ...Object.keys(bodyProperties).map((key) => ({ in: 'body' as const, key })),
  ]
  const schemaOf = (t: Target): [Schema, string] => {
    if (t.in === 'body') return [bodyProperties[t.key] ?? {}, t.key]
    const p = (t.in === 'path' ? pathParams : queryParams)[t.index]
    return [p?.schema ?? {}, p?.name ?? '']
  }
  // A field with forged values of its own (a cursor) is where a bug hides best: picked four times as often.
  const oneBad = targets.length
    ? fc
        .oneof(...targets.map((target) => ({ weight: ctx.forged?.[schemaOf(target)[1]] ? 4 : 1, arbitrary: fc.constant(target) })))
        .chain((target) => nastyValue(...schemaOf(target), ctx).map((value) => ({ target, value })))
    : fc.constant(null)
  const kind = fc.constantFrom<'sensible' | 'one-bad' | 'baseline-one-bad' | 'many-bad'>(
    'sensible',
    'sensible',
    'one-bad',
    'one-bad',
    'baseline-one-bad',
    'many-bad',
  )
  const onBaseline = fc.constantFrom(true, true, false)

  return fc.tuple(kind, onBaseline).chain(([kind, onBaseline]) => {
    const rate = kind === 'many-bad' ? 0.3 : 0
    const bare = kind === 'baseline-one-bad'
    const base: Baseline = onBaseline || bare ? baseline : {}
    const provided = Object.keys(base.body ?? {})
    const path = fc.tuple(
      ...pathParams.map((p) =>
        fc.oneof(
          { weight: 10, arbitrary: fieldValue(p.schema, p.name, ctx, rate).map((v) => percentEncode(queryTexts(v)[0] ?? '')) },
          { weight: rate ? 2 : 0, arbitrary: fc.constantFrom(...RAW_SEGMENT) },
        ),
      ),
    )
    const query = fc.tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          p.required && base.query?.[p.name] === undefined
            ? fieldValue(p.schema, p.name, ctx, rate)
            : fc.oneof({ weight: bare ? 0 : 1, arbitrary: fieldValue(p.schema, p.name, ctx, rate) }, { weight: 2, arbitrary: fc.constant(undefined) }),
        ),
      ),
      rate ? fc.subarray(RAW_QUERY, { maxLength: 2 }) : fc.constant([]),
      fc.oneof(
        { weight: rate ? 1 : 0, arbitrary: fc.constantFrom('service=naloxone', 'unknown=1', 'LAT=39', 'format=xml') },
        { weight: 4, arbitrary: fc.constant(undefined) },
      ),
    )
    const body =
      op.body && bare && base.body
        ? fc.constant({})
        : op.body
          ? fc.oneof(
              { weight: 10, arbitrary: rate ? nastyBody(op.body, ctx, provided) : objectValue(op.body, ctx, 0, false, provided) },
              { weight: rate ? 1 : 0, arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ [RAW]: text })) },
            )
          : fc.constant(undefined)
    const headers = fc.record({
      contentType: rate
        ? fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) })
        : fc.constant('application/json'),
      accept: fc.option(fc.constantFrom(...ACCEPTS), { nil: undefined }),
    })
    const bad = kind === 'one-bad' || bare ? oneBad : fc.constant(null)
    return fc.tuple(path, query, body, headers, bad).map(([segments, [values, raw, extra], generated, h, bad]): FuzzRequest => {
      const segs: string[] = [...segments]
      const vals: unknown[] = [...values]
      let content: unknown = overBaseline(base.body, generated)
      if (bad?.target.in === 'path') segs[bad.target.index] = percentEncode(queryTexts(bad.value)[0] ?? '')
      if (bad?.target.in === 'query') vals[bad.target.index] = bad.value
      if (bad?.target.in === 'body' && typeof content === 'object' && content !== null) content = { ...content, [bad.target.key]: bad.value }
      let url = op.path
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, segs[i] ?? '')
      })
      const pairs = queryParams.flatMap((p, i) =>
        queryTexts(vals[i] ?? base.query?.[p.name]).map((text) => `${encodeURIComponent(p.name)}=${percentEncode(text)}`),
      )
      const qs = [...pairs, ...raw, ...(extra ? [extra] : [])].join('&')
      const headers: Record<string, string> = {}
      if (h.accept) headers.accept = h.accept
      const payload = content === undefined ? undefined : isRaw(content) ? content[RAW] : jsonText(content)
      if (payload !== undefined) headers['content-type'] = h.contentType
      return { method: op.method, url: qs ? `${url}?${qs}` : url, headers, ...(payload !== undefined ? { payload } : {}) }
    })
  })
}

/** A body written as it is, not as JSON. */
const RAW = Symbol('raw body')
const isRaw = (v: unknown): v is { [RAW]: string } => typeof v === 'object' && v !== null && RAW in v

/** The generated body's fields over the baseline's (a body that is not an object replaces it). */
function overBaseline(base: Record<string, unknown> | undefined, generated: unknown): unknown {
  if (!base || typeof generated !== 'object' || generated === null || Array.isArray(generated) || isRaw(generated)) return generated
  return { ...base, ...generated }
}

/** A body with some bad values, or a body that is not an object at all. */
function nastyBody(schema: Schema, ctx: FuzzContext, provided: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: objectValue(schema, ctx, 0, true, provided) },
    { weight: 1, arbitrary: nastyValue({ type: 'string' }, 'body', ctx, 2) },
  )
}
