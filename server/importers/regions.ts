/**
 * The states and territories the directory covers, as one list: the 50 states, DC, and the
 * inhabited territories (PR, VI, GU, AS, MP). `readRegion` turns what a file holds ("MD",
 * "md", "Maryland", "Puerto Rico") into the USPS code, or says why it cannot: the freely
 * associated states (Palau, Micronesia, the Marshall Islands) use USPS codes and ZIPs but are
 * sovereign countries outside the U.S. directory, and military "states" (AA, AE, AP) are not places.
 */

/** USPS code → name. */
export const REGIONS: Readonly<Record<string, string>> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  PR: 'Puerto Rico',
  VI: 'U.S. Virgin Islands',
  GU: 'Guam',
  AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
}

/** Codes and names that are refused, with the reason a curator reads. */
const OUTSIDE: Readonly<Record<string, string>> = {
  PW: 'Palau is a freely associated state, outside the U.S. directory',
  FM: 'the Federated States of Micronesia is a freely associated state, outside the U.S. directory',
  MH: 'the Marshall Islands is a freely associated state, outside the U.S. directory',
  AA: 'is a military mail code (Armed Forces Americas), not a state or territory',
  AE: 'is a military mail code (Armed Forces Europe), not a state or territory',
  AP: 'is a military mail code (Armed Forces Pacific), not a state or territory',
}

const key = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim()

const BY_NAME = new Map<string, string>()
for (const [code, name] of Object.entries(REGIONS)) BY_NAME.set(key(name), code)
for (const [alias, code] of [
  ['virgin islands', 'VI'],
  ['us virgin islands', 'VI'],
  ['united states virgin islands', 'VI'],
  ['washington dc', 'DC'],
  ['washington d c', 'DC'],
  ['d c', 'DC'],
  ['northern marianas', 'MP'],
  ['commonwealth of the northern mariana islands', 'MP'],
  ['commonwealth of puerto rico', 'PR'],
] as const)
  BY_NAME.set(alias, code)
const OUTSIDE_BY_NAME = new Map<string, string>([
  ['palau', 'PW'],
  ['republic of palau', 'PW'],
  ['micronesia', 'FM'],
  ['federated states of micronesia', 'FM'],
  ['marshall islands', 'MH'],
  ['republic of the marshall islands', 'MH'],
])

export type RegionResult = { region: string | null; error?: string }

/**
 * The USPS code of a state or territory as a file writes it; null for an empty cell.
 * readRegion('Maryland') → { region: 'MD' }; readRegion('PW') → { region: null, error: '"PW" …' }.
 */
export function readRegion(value: string | null): RegionResult {
  if (value === null) return { region: null }
  const text = value.trim()
  if (text === '') return { region: null }
  const quoted = `"${text.slice(0, 40)}"`
  const upper = text.replace(/\./g, '').toUpperCase()
  if (/^[A-Z]{2}$/.test(upper)) {
    if (REGIONS[upper]) return { region: upper }
    const why = OUTSIDE[upper]
    if (why) return { region: null, error: `${quoted} is refused: ${why.startsWith('is ') ? why.slice(3) : why}` }
    return { region: null, error: `${quoted} is not a U.S. state or territory code` }
  }
  const name = key(text)
  const code = BY_NAME.get(name)
  if (code) return { region: code }
  const outside = OUTSIDE_BY_NAME.get(name)
  if (outside) return { region: null, error: `${quoted} is refused: ${OUTSIDE[outside]}` }
  return { region: null, error: `${quoted} is not a U.S. state or territory` }
}
