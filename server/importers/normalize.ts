/**
 * Cleaning of single values, one function per kind that every format shares: "NA" cells, ZIP
 * codes that lost their leading zeros (checked against the state), states and territories
 * (regions.ts), websites (urls.ts), phones (phones.ts), P.O. boxes in address lines, and the
 * stable id of a record whose source has none.
 */
import { createHash } from 'node:crypto'
import { normalizeName, normalizeStreet } from '../directory/comparable-text.js'
import { statesOfZip, zipInRegion } from './zip-prefixes.js'

export { readRegion } from './regions.js'
export { cleanUrl } from './urls.js'
export { cleanPhone, phoneText } from './phones.js'

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

export type ZipResult = { zip: string | null; restored: boolean; error?: string; warning?: string }

/**
 * A 5-digit ZIP from what a file holds, checked against the row's state (a USPS code, or null
 * when the row has none): "21201-1234" / "212011234" → "21201". A ZIP stored as a number lost
 * its leading zeros ("6708" in CT → "06708", "501" in NY → "00501"); it is restored only when the
 * padded ZIP belongs to the state. A 4-digit ZIP that zeros do not fit but exactly one leading
 * digit does is restored too, with a warning ("3029-9735" in NY → "13029": Brewerton; "03029" is
 * New Hampshire). Otherwise the row is refused, and every message quotes the cell as written.
 */
export function restoreZip(value: unknown, region: string | null = null): ZipResult {
  const text = cleanText(value)
  if (text === null) return { zip: null, restored: false }
  const quoted = `"${text.slice(0, 20)}"`
  const m = /^(\d{3,5})(?:-?(\d{4}))?(?:\.0+)?$/.exec(text)
  if (!m) return { zip: null, restored: false, error: `${quoted} is not a US ZIP code` }
  const head = m[1] as string
  if (head.length === 5) return { zip: head, restored: false }
  // A 9-digit run is ZIP+4 without its dash.
  if (m[2] === undefined && text.length === 9) return { zip: text.slice(0, 5), restored: false }
  const lost = 5 - head.length
  if (region === null) {
    return { zip: null, restored: false, error: `${quoted} has ${head.length} digits and the row has no state to check a restored ZIP against` }
  }
  const padded = head.padStart(5, '0')
  if (zipInRegion(padded, region)) return { zip: padded, restored: true }
  if (lost === 1) {
    const fits = '123456789'
      .split('')
      .map((d) => d + head)
      .filter((zip) => zipInRegion(zip, region))
    if (fits.length === 1) {
      const zip = fits[0] as string
      return { zip, restored: true, warning: `${quoted} lost a digit: read as ${zip}, the only ZIP ending in ${head} in ${region}` }
    }
  }
  const elsewhere = statesOfZip(padded)
  return {
    zip: null,
    restored: false,
    error:
      `${quoted} has ${head.length} digits: padded with zeros it is ${padded}` +
      `${elsewhere.length ? `, a ${elsewhere.join('/')} ZIP` : ', not a ZIP in use'}, not one in ${region}, so the ZIP cannot be restored`,
  }
}

/**
 * A stable id for a record whose source has none: normalised name, street and ZIP, hashed
 * so it stays short. The same facility keeps the same id when only case or punctuation changes.
 */
export function derivedSourceId(name: string, address: string | null, zip: string | null, extra = ''): string {
  const key = [normalizeName(name), normalizeStreet(address), zip ?? '', extra].join('|')
  return 'n:' + createHash('sha1').update(key).digest('hex').slice(0, 20)
}

// "P.O. Box 55", "PO BOX 55", "P. O. Box 55", "Post Office Box 55", "POB 55", "P.O. Drawer 7", and
// "Box 55" opening a line (not "Box Elder Rd", not "Lock Box 3" inside a street line).
const PO_BOX = /\b(?:p\.?\s?o\.?\s?(?:box|drawer)|post\s+office\s+(?:box|drawer)|pob)\s*#?\s*\d+[a-z]?\b|^box\s*#?\s*\d+\b/i

export interface AddressLines {
  address1: string | null
  address2: string | null
  /** The P.O. box the lines held: a mailing address, not where the site is. */
  mailingAddress: string | null
}

/**
 * Moves a P.O. box out of the street lines: splitPoBox('123 Main St, PO Box 55', null) →
 * { address1: '123 Main St', address2: null, mailingAddress: 'PO Box 55' }. A site whose only
 * line was a box has no street address (it is placed by its coordinates or ZIP).
 */
export function splitPoBox(address1: string | null, address2: string | null): AddressLines {
  const boxes: string[] = []
  const strip = (line: string | null): string | null => {
    if (line === null) return null
    const m = PO_BOX.exec(line)
    if (!m) return line
    boxes.push(m[0].trim())
    const rest = (line.slice(0, m.index) + ' ' + line.slice(m.index + m[0].length)).replace(/^[\s,;/-]+|[\s,;/-]+$/g, '').replace(/\s*,\s*,\s*/g, ', ')
    return cleanText(rest)
  }
  const line1 = strip(address1)
  const line2 = strip(address2)
  return {
    address1: line1 ?? line2,
    address2: line1 === null ? null : line2,
    mailingAddress: boxes.length ? boxes.join(', ') : null,
  }
}
