/**
 * Cleaning of single values: ZIP codes that lost their leading zeros, "NA" cells, phone
 * numbers, and the stable id of a record whose source has none.
 */
import { createHash } from 'node:crypto'
import { normalizeName, normalizeStreet } from '../directory/comparable-text.js'

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

/**
 * A stable id for a record whose source has none: normalised name, street and ZIP, hashed
 * so it stays short. The same facility keeps the same id when only case or punctuation changes.
 */
export function derivedSourceId(name: string, address: string | null, zip: string | null, extra = ''): string {
  const key = [normalizeName(name), normalizeStreet(address), zip ?? '', extra].join('|')
  return 'n:' + createHash('sha1').update(key).digest('hex').slice(0, 20)
}
