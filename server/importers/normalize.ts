/**
 * Cleaning of single values: ZIP codes that lost their leading zeros, "NA" cells, phone
 * numbers, and the normalised name and address used for stable ids and de-duplication.
 */
import { createHash } from 'node:crypto'

const NULLISH = new Set(['', 'na', 'n/a', 'null', 'none', '-'])

/**
 * Control characters that are not whitespace: PostgreSQL cannot store NUL, and exports use the
 * others as separators (the real hospitals list has "STORMONT\x1eVAIL"), so each becomes a space.
 */
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/g

/** Trimmed text with control characters as spaces and runs of whitespace as one, or null for an empty or "NA" cell. */
export function cleanText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const text = String(value).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
  return NULLISH.has(text.toLowerCase()) ? null : text
}

export type ZipResult = { zip: string | null; restored: boolean; error?: string }

/**
 * A 5-digit ZIP from what a file holds: "6708" (stored as a number) → "06708",
 * "21201-1234" / "212011234" → "21201". Empty is null; anything else is an error.
 */
export function restoreZip(value: unknown): ZipResult {
  const text = cleanText(value)
  if (text === null) return { zip: null, restored: false }
  const m = /^(\d{3,5})(?:-?(\d{4}))?(?:\.0+)?$/.exec(text)
  if (!m) return { zip: null, restored: false, error: `"${text.slice(0, 20)}" is not a US ZIP code` }
  const head = m[1] as string
  // A 9-digit run is ZIP+4; a 3-4 digit run lost its leading zeros when stored as a number.
  if (head.length === 5) return { zip: head, restored: false }
  if (m[2] === undefined && text.length === 9) return { zip: text.slice(0, 5), restored: false }
  return { zip: head.padStart(5, '0'), restored: true }
}

/** "(410) 555-0100" style for 10-digit US numbers; other text kept as written. */
export function cleanPhone(value: unknown): string | null {
  const text = cleanText(value)
  if (text === null) return null
  const digits = text.replace(/\D/g, '')
  const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
  if (ten.length === 10 && !/x|ext/i.test(text)) return `(${ten.slice(0, 3)}) ${ten.slice(3, 6)}-${ten.slice(6)}`
  return text
}

const STREET_WORDS: Record<string, string> = {
  street: 'st', str: 'st', avenue: 'ave', av: 'ave', boulevard: 'blvd', road: 'rd', drive: 'dr', lane: 'ln',
  place: 'pl', court: 'ct', highway: 'hwy', parkway: 'pkwy', circle: 'cir', square: 'sq', terrace: 'ter',
  suite: 'ste', building: 'bldg', floor: 'fl', north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne',
  northwest: 'nw', southeast: 'se', southwest: 'sw', route: 'rt', rte: 'rt', mount: 'mt', saint: 'st', fort: 'ft',
  first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th', sixth: '6th', seventh: '7th', eighth: '8th',
  ninth: '9th', tenth: '10th', center: 'ctr', centre: 'ctr', expressway: 'expy', freeway: 'fwy', point: 'pt', trail: 'trl',
}

/** Lowercase ASCII words, punctuation gone. */
export function words(text: string | null | undefined): string[] {
  if (!text) return []
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
}

/**
 * The street line reduced to number and street: abbreviations unified, suite/unit/floor
 * parts dropped ("1124 International Blvd., Suite 200" → "1124 international blvd").
 */
export function normalizeStreet(address: string | null | undefined): string {
  if (!address) return ''
  const cut = address.split(/,|\b(?:suite|ste|unit|apt|room|rm|floor|fl|bldg|building)\b\.?|#/i)[0] ?? ''
  return words(cut).map((w) => STREET_WORDS[w] ?? w).join(' ')
}

/** Name with punctuation, case and "Street"/"St" differences removed. */
export function normalizeName(name: string | null | undefined): string {
  return words(name).map((w) => STREET_WORDS[w] ?? w).join(' ')
}

/**
 * A stable id for a record whose source has none: normalised name, street and ZIP, hashed
 * so it stays short. The same facility keeps the same id when only case or punctuation changes.
 */
export function derivedSourceId(name: string, address: string | null, zip: string | null, extra = ''): string {
  const key = [normalizeName(name), normalizeStreet(address), zip ?? '', extra].join('|')
  return 'n:' + createHash('sha1').update(key).digest('hex').slice(0, 20)
}

/**
 * The value with every object's keys in sorted order, as JSON.stringify would see it (toJSON
 * applied). Objects already in order are returned as they are, so a record built in sorted
 * order (canonicalRecord) costs a key check, not a copy.
 */
function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortedKeys((value as { toJSON: () => unknown }).toJSON())
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const item = sortedKeys(value[i])
      if (item !== value[i]) (copy ??= value.slice())[i] = item
    }
    return copy ?? value
  }
  const keys = Object.keys(value)
  let changed = false
  for (let i = 1; i < keys.length && !changed; i++) changed = (keys[i - 1] as string) > (keys[i] as string)
  const entries = keys.map((key) => {
    const item = (value as Record<string, unknown>)[key]
    const sorted = sortedKeys(item)
    if (sorted !== item) changed = true
    return [key, sorted] as const
  })
  if (!changed) return value
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** JSON with object keys sorted, so a value read back from jsonb hashes like the original. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value))
}

/** A short, stable hash of any JSON-able value (key order does not matter). */
export function hashOf(value: unknown): string {
  return createHash('sha1').update(stableJson(value)).digest('base64url').slice(0, 22)
}
