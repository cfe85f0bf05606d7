/**
 * Names and street lines reduced to what comparing them needs: lowercase ASCII words, street
 * abbreviations unified, suite and unit parts dropped. Facility matching and the importers'
 * derived source ids share this reduction.
 */

const STREET_WORDS: Record<string, string> = {
  street: 'st',
  str: 'st',
  avenue: 'ave',
  av: 'ave',
  boulevard: 'blvd',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  place: 'pl',
  court: 'ct',
  highway: 'hwy',
  parkway: 'pkwy',
  circle: 'cir',
  square: 'sq',
  terrace: 'ter',
  suite: 'ste',
  building: 'bldg',
  floor: 'fl',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
  route: 'rt',
  rte: 'rt',
  mount: 'mt',
  saint: 'st',
  fort: 'ft',
  first: '1st',
  second: '2nd',
  third: '3rd',
  fourth: '4th',
  fifth: '5th',
  sixth: '6th',
  seventh: '7th',
  eighth: '8th',
  ninth: '9th',
  tenth: '10th',
  center: 'ctr',
  centre: 'ctr',
  expressway: 'expy',
  freeway: 'fwy',
  point: 'pt',
  trail: 'trl',
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
  return words(cut)
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ')
}

/** Name with punctuation, case and "Street"/"St" differences removed. */
export function normalizeName(name: string | null | undefined): string {
  return words(name)
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ')
}

/** Street types and directions: "Buffalo Ave" and "Buffalo Drive" are one street to a geocoder-blind comparison. */
const STREET_NOISE = new Set([
  'st',
  'ave',
  'blvd',
  'rd',
  'dr',
  'ln',
  'pl',
  'ct',
  'hwy',
  'pkwy',
  'cir',
  'sq',
  'ter',
  'way',
  'expy',
  'fwy',
  'trl',
  'pike',
  'tpke',
  'turnpike',
  'loop',
  'n',
  's',
  'e',
  'w',
  'ne',
  'nw',
  'se',
  'sw',
  'old',
  'ext',
  'extension',
  'us',
  'state',
  'rt',
])

/** Street types after which a bare number is a suite ("Lakepointe Drive 400"), unlike "Highway 40" or "Route 601". */
const SUITE_AFTER = new Set(['st', 'ave', 'blvd', 'rd', 'dr', 'ln', 'pl', 'ct', 'pkwy', 'cir', 'way', 'ter', 'sq', 'trl'])

/** The kinds of unit an address names; two units are comparable only within one kind. */
export type UnitKind = 'suite' | 'floor' | 'building'

export interface StreetParts {
  /** House numbers ("54-56" is both 54 and 56; a Queens "89-31" is one number, 8931). */
  numbers: string[]
  /** The street name without number, type or direction, spaces removed ("lakepointe"). */
  core: string
  /** Units by kind: suites/rooms/units, floors, buildings. */
  units: Partial<Record<UnitKind, string[]>>
  /** A letter joined to the house number ("312-B"): a unit of its own even when the other side names none. */
  numberLetter: boolean
}

const UNIT_PART =
  /\b(suites?|ste|units?|apt|apartment|rooms?|rm|spc|floors?|fl|flr|bldg|building|level)\b\.?\s*#?\s*([a-z0-9]+(?:-[a-z0-9]+)?(?:\s*(?:,|&|\band\b)\s*(?:\d+[a-z]?|[a-z]\b)(?:-[a-z0-9]+)?)*)|#\s*([a-z0-9-]+)|\b(\d+)(?:st|nd|rd|th)?\s+(?:floor|fl|flr)\b/gi
const ORDINAL: Record<string, string> = { first: '1', second: '2', third: '3', fourth: '4', fifth: '5', ground: 'g', basement: 'b' }

function unitKind(word: string): UnitKind {
  if (/^(floors?|fl|flr|level)$/i.test(word)) return 'floor'
  if (/^(bldg|building)$/i.test(word)) return 'building'
  return 'suite'
}

const cleanUnit = (value: string) =>
  value
    .toLowerCase()
    .replace(/-/g, '')
    .replace(/(\d+)(st|nd|rd|th)$/, '$1')
    .replace(/^0+(?=\w)/, '')

/** The house numbers at the start of a street line. */
function houseNumbers(line: string): { numbers: string[]; rest: string; letter: string | null } {
  const m = /^\s*((?:[nsew](?=\d))?\d+[a-z]?)(?:\s*-\s*(\d+)(?![a-z\d]))?(?:-([a-z])\b)?\s*(.*)$/i.exec(line)
  if (!m) return { numbers: [], rest: line, letter: null }
  const [, first, second, letter, rest] = m as unknown as [string, string, string | undefined, string | undefined, string]
  if (!second) return { numbers: [first.toLowerCase()], rest, letter: letter ?? null }
  const a = Number.parseInt(first, 10)
  const b = Number(second)
  // "N4851 Highway 63" (a Wisconsin grid number) is one number; "54-56 Main St" is a range of house numbers; "89-31 161st St" (Queens) and "15-2714 Pahoa Rd" (Hawaii) are one number.
  if (b > a && b - a <= 50) return { numbers: [first, second], rest, letter: letter ?? null }
  return { numbers: [`${first}${second}`], rest, letter: letter ?? null }
}

/**
 * An address taken apart for comparison: house numbers, the street's core name, and the
 * suite, floor and building it names (from either line). "643-L Greenway Road" is number 643,
 * street "greenway", suite L; "1850 Lakepointe Drive 400" has suite 400.
 */
export function streetParts(address1: string | null | undefined, address2?: string | null): StreetParts {
  const units: Partial<Record<UnitKind, string[]>> = {}
  const add = (kind: UnitKind, value: string) => {
    const v = cleanUnit(value)
    if (!v || v === 'box') return
    const list = (units[kind] ??= [])
    if (!list.includes(v)) list.push(v)
  }
  const lines = [address1 ?? '', address2 ?? ''].map((l) =>
    l
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\bp\.?\s?o\.?\s+box\s+\w+/gi, ' ')
      .replace(/\b(first|second|third|fourth|fifth|ground|basement)\s+(floor|fl)\b/gi, (_, o: string) => `floor ${ORDINAL[o.toLowerCase()]}`)
      .replace(/\bbasement\b(?!\s+(?:floor|fl)\b)/gi, 'floor b'),
  )
  for (const line of lines) {
    for (const m of line.matchAll(UNIT_PART)) {
      if (m[4]) add('floor', m[4])
      else if (m[3]) add('suite', m[3])
      else if (m[1] && m[2]) for (const v of m[2].split(/\s*(?:,|&|\band\b)\s*/i)) add(unitKind(m[1]), v)
    }
  }
  const head = (lines[0] ?? '').split(/,|\s+-\s*|-\s+|\b(?:suites?|ste|units?|apt|rooms?|rm|floors?|fl|flr|bldg|building|level|spc)\b|#/i)[0] ?? ''
  const { numbers, rest, letter } = houseNumbers(head.trim())
  if (letter) add('suite', letter)
  // A bare number after the street type is a suite ("1850 Lakepointe Drive 400").
  const tokens = words(rest).map((w) => STREET_WORDS[w] ?? w)
  const last = tokens[tokens.length - 1]
  if (tokens.length > 1 && last && /^\d+$/.test(last) && SUITE_AFTER.has(tokens[tokens.length - 2] as string)) {
    add('suite', last)
    tokens.pop()
  }
  const core = tokens.filter((w) => !STREET_NOISE.has(w)).join('')
  return { numbers, core: core || tokens.join(''), units, numberLetter: !!letter }
}
