/**
 * Phone cells through libphonenumber-js (its 'max' metadata, which knows which US area codes
 * and exchanges exist; about 70 ms to load, only in importers). A US or territory number is
 * written "(410) 555-0100", another country's "+44 20 7946 0958"; an extension ("x12",
 * "ext. 12", "#12") is kept after " ext. ", the one form the directory splits into the phones
 * table's extension column (directory/import-record.ts phoneParts). Vanity letters
 * ("1-800-QUIT-NOW") become keypad digits. A number that cannot be dialled is left out with a
 * warning quoting the cell; the row still imports.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

export type PhoneResult = { phone: string | null; extension: string | null; warning?: string }

const KEYPAD: Record<string, string> = { A: '2', B: '2', C: '2', D: '3', E: '3', F: '3', G: '4', H: '4', I: '4', J: '5', K: '5', L: '5' }
for (const [letters, digit] of [
  ['MNO', '6'],
  ['PQRS', '7'],
  ['TUV', '8'],
  ['WXYZ', '9'],
] as const)
  for (const l of letters) KEYPAD[l] = digit

// "ext. 12", "extension 12", "x12", "#12" at the end of the cell.
const EXTENSION = /\s*[,;]?\s*(?:ext(?:ension)?\.?|x|#)\s*:?\s*(\d{1,9})\s*$/i
const VANITY = /^[\d\s().+-]*[a-z][a-z\d\s-]*$/i
// North American numbers in the U.S. directory: the U.S. and its territories.
const NANP_HOME = new Set(['US', 'PR', 'VI', 'GU', 'AS', 'MP'])

// Parsing costs tens of microseconds a cell; lists repeat numbers (one MOUD row per medication,
// a chain's 1-800 line), so results are kept per cell text, a bounded number of them.
const CACHE_LIMIT = 50_000
const cache = new Map<string, PhoneResult>()

/** One phone cell: cleanPhone('(410) 555-0100 ext. 12') → { phone: '(410) 555-0100', extension: '12' }. */
export function cleanPhone(value: string | null): PhoneResult {
  if (value === null || value.trim() === '') return { phone: null, extension: null }
  const text = value.trim()
  const known = cache.get(text)
  if (known) return { ...known }
  const result = parseCell(text)
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(text, result)
  return { ...result }
}

function parseCell(text: string): PhoneResult {
  const ext = EXTENSION.exec(text)
  let main = ext ? text.slice(0, ext.index) : text
  if (VANITY.test(main) && /\d{3}/.test(main)) {
    // Letters past the tenth digit are not dialled: "1-800-WALGREENS" is 1-800-925-4733.
    const digits = main
      .toUpperCase()
      .replace(/[A-Z]/g, (l) => KEYPAD[l] ?? l)
      .replace(/\D/g, '')
    main = digits.slice(0, digits.startsWith('1') ? 11 : 10)
  }
  const parsed = parsePhoneNumberFromString(main, 'US')
  if (!parsed?.isValid()) {
    const digits = main.replace(/\D/g, '').length
    const why = digits < 10 ? `has ${digits} digit${digits === 1 ? '' : 's'}, not a full number with area code` : 'is not a number that can be dialled'
    return { phone: null, extension: null, warning: `"${text.slice(0, 60)}" ${why}; the site is imported without this phone` }
  }
  const phone = NANP_HOME.has(parsed.country ?? '') ? parsed.formatNational() : parsed.formatInternational()
  return { phone, extension: ext?.[1] ?? parsed.ext ?? null }
}

/** The stored form of a phone with its extension: "(410) 555-0100 ext. 12". */
export function phoneText(result: PhoneResult): string | null {
  if (!result.phone) return null
  return result.extension ? `${result.phone} ext. ${result.extension}` : result.phone
}
