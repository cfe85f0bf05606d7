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
