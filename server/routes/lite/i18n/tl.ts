/**
 * Words of the text-only page (/lite) in Tagalog.
 *
 * Machine-assisted translation, to be reviewed by a native speaker (issue 17).
 */
import { localeOf, plural } from '../../../../common/format.js'
import type { LiteStrings } from './en.js'

/** Not yet read by a native speaker. */
export const reviewed = false

const num = (n: number) => n.toLocaleString(localeOf('tl'))

export const tl: LiteStrings = {
  title: 'Maghanap ng harm reduction at gamutan — bersyong teksto',
  heading: 'Maghanap ng tulong malapit sa iyo',
  intro: 'Serbisyo sa hiringgilya, naloxone, gamutan at klinika. Pahinang teksto lamang: walang mapa, walang script, walang pagsubaybay.',
  mapVersion: 'Bersyong may mapa',
  near: 'ZIP code o lungsod',
  services: 'Mga serbisyo (lahat)',
  openNow: 'Bukas ngayon',
  naloxoneInStock: 'May naloxone ngayon (ayon sa lugar)',
  within: 'Sa loob ng',
  miles: 'milya',
  search: 'Maghanap',
  skip: 'Lumaktaw sa mga resulta',
  results: (n: number, place: string) => `${plural(n, 'tl', { one: '1 lugar', other: `${num(n)} na lugar` })} malapit sa ${place}`,
  nearest: (n: number, place: string) => `Ang ${num(n)} pinakamalapit na lugar sa ${place}`,
  moreResults: (from: number, to: number, place: string) =>
    from === to ? `Lugar ${num(from)} malapit sa ${place}` : `Mga lugar ${num(from)}–${num(to)} malapit sa ${place}`,
  radiusOption: (n: number) => `${num(n)} milya`,
  none: 'Walang nahanap na lugar. Subukan ang mas malayong distansya o mas kaunting serbisyo.',
  demo: 'Demo na datos — hindi totoong serbisyo.',
  call: 'Tumawag',
  verifiedLabel: 'Napatunayan',
  verifiedAny: 'kahit kailan',
  verifiedWithin: { 180: 'sa loob ng 6 na buwan', 365: 'sa loob ng isang taon' } as Record<number, string>,
  noPhone: 'Walang nakalistang telepono',
  more: 'Higit pang resulta',
  error: 'Paumanhin —',
  placeApproximated: (place: string) =>
    `Ipinapakita ang mga resulta malapit sa ${place}: kailangan ng geocoder ang mga address sa kalye, kaya lungsod o ZIP code lang ang natugma.`,
  placeChoice: (name: string, place: string) => `Aling ${name}? Ipinapakita muna ang mga resulta malapit sa ${place}; piliin ang ibig mong sabihin:`,
  placeNotFound: (q: string) => `walang ZIP code o lungsod sa US na tugma sa "${q}".`,
  unavailable: 'hindi maabot ang listahan ngayon. Pakisubukang muli pagkalipas ng isang minuto.',
  details: 'Oras sa buong linggo, lahat ng telepono at pinagmulan ng listahan',
  newSearch: 'Bagong paghahanap',
  notFound: 'Wala (na) sa direktoryo ang lugar na ito.',
  availability: {
    heading: 'Nakapunta ka ba rito kamakailan?',
    hint: 'Hindi nagpapakilala: walang ipinapadalang impormasyon tungkol sa iyo. Sinusuri ng mga tagapangasiwa ang listahan kapag ilang tao ang nakakitang sarado ito.',
    thanks: 'Salamat. Nakakatulong ito sa susunod na tao.',
    tooMany: 'Masyadong maraming ulat mula sa koneksyong ito. Pakisubukang muli pagkalipas ng isang minuto.',
    badChoice: 'Pakigamit ang isa sa mga button sa ibaba.',
  },
  address: 'Address',
  hours: 'Oras',
  hoursUnknown: 'Walang nakalistang oras. Tumawag muna.',
  closedDay: 'Sarado',
  allDay: 'Bukas nang 24 oras',
  phones: 'Telepono',
  website: 'Websayt',
  servicesHeading: 'Mga serbisyo',
  sources: 'Mga pinagmulan',
  sourcesSummary: (n: number) => `Pinagmulan ng listahang ito (${plural(n, 'tl', { one: '1 rekord', other: `${num(n)} na rekord` })})`,
  fromSources: (sources: string) => `mula sa ${sources}`,
  fromCurator: 'itinakda ng mga tagapangasiwa ng direktoryo',
  and: 'at',
  recordPrimary: 'pangunahing rekord',
  recordImported: (date: string) => `na-import noong ${date}`,
  recordMerged: (date: string) => `pinagsama noong ${date}`,
  recordInactive: 'hindi na nakalista sa pinagmulang ito',
  moved:
    'Para sa iyong privacy, hindi itinatago ang paghahanap sa address ng pahina, kaya hindi maipapakita ng bookmark o ibinahaging link kung saan ka naghanap. I-type muli ang lugar para maghanap.',
  badField: (field: string) => `hindi naintindihan ang halaga ng “${field}” sa form. Pakisuri ito at maghanap muli.`,
  fieldNames: {
    near: 'ZIP code o lungsod',
    services: 'Mga serbisyo',
    open_now: 'Bukas ngayon',
    radius: 'Sa loob ng',
    verified: 'Napatunayan',
    lang: 'Wika',
    cursor: 'Higit pang resulta',
    from: 'Higit pang resulta',
  } as Record<string, string>,
  form: 'ang form',
  typeHeading: 'Uri ng lugar',
  payment: 'Tinatanggap na bayad',
  languages: 'Mga wikang ginagamit',
  directions: 'Direksyon (OpenStreetMap)',
  directionsByAddress: 'Direksyon papunta sa address (OpenStreetMap)',
  approxLocation: { zip_centroid: 'Tinatayang lokasyon (lugar ng ZIP)', city: 'Tinatayang lokasyon (lugar ng lungsod)' } as Record<string, string>,
  approxLocationOther: 'Tinatayang lokasyon',
  approxNote: 'Ang nakalistang punto ay gitna ng lugar, hindi ang pinto. Gumagamit ng address ang direksyon.',
  approxShort: 'tinatayang lokasyon',
  morePlaces: 'Magpakita ng higit pang resulta',
  languageChoice: 'Wika',
  zipPrefix: 'ZIP code',
  unitStops: (unit: string) => `Mga hintuan ng ${unit}`,
  otherStops: (unit: string) => `Iba pang hintuan ng ${unit}`,
  noOpeningSoon: 'Walang nakalistang pagbubukas sa susunod na 60 araw',
}
