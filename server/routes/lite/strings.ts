/**
 * Words of the text-only page, in English and Spanish. Code labels come from the vocabulary.
 */
import { plural, type Lang } from '../../../common/format.js'
import { PAGE_RADII_MI } from '../../../common/vocabulary.js'

/** "de Baltimore", but "del código postal 21201". */
const deEs = (place: string) => (place.startsWith('código postal ') ? `del ${place}` : `de ${place}`)

export const LITE_STRINGS = {
  en: {
    title: 'Find harm reduction and treatment — text version',
    heading: 'Find help near you',
    intro: 'Syringe services, naloxone, treatment and clinics. Text-only page: no map, no scripts, no tracking.',
    other: 'Español',
    otherLang: 'es',
    mapVersion: 'Map version',
    near: 'ZIP code or city',
    services: 'Services (all of them)',
    openNow: 'Open now',
    within: 'Within',
    miles: 'miles',
    search: 'Search',
    skip: 'Skip to results',
    results: (n: number, place: string) => `${plural(n, 'en', { one: '1 place', other: `${n} places` })} near ${place}`,
    nearest: (n: number, place: string) => `The ${n} nearest places to ${place}`,
    moreResults: (from: number, to: number, place: string) => (from === to ? `Place ${from} near ${place}` : `Places ${from}–${to} near ${place}`),
    radiusOption: (n: number) => plural(n, 'en', { one: '1 mile', other: `${n} miles` }),
    none: 'No places found. Try a larger distance or fewer services.',
    demo: 'Demo data — not real services.',
    call: 'Call',
    verifiedLabel: 'Verified',
    verifiedAny: 'any time',
    verifiedWithin: { 180: 'within 6 months', 365: 'within a year' } as Record<number, string>,
    noPhone: 'No phone listed',
    more: 'More results',
    error: 'Sorry —',
    placeApproximated: (place: string) => `Showing results near ${place}: street addresses need a geocoder, so only the city or ZIP code was matched.`,
    placeChoice: (name: string, place: string) => `Which ${name}? Showing results near ${place} for now; choose the one you meant:`,
    placeNotFound: (q: string) => `no US ZIP code or city matches "${q}".`,
    unavailable: 'the list cannot be reached right now. Please try again in a minute.',
    details: 'Hours for the week, every phone and where the listing comes from',
    newSearch: 'New search',
    notFound: 'This place is not in the directory (any more).',
    address: 'Address',
    hours: 'Hours',
    hoursUnknown: 'Hours not listed. Call ahead.',
    closedDay: 'Closed',
    allDay: 'Open 24 hours',
    phones: 'Phone',
    website: 'Website',
    servicesHeading: 'Services',
    sources: 'Sources',
    sourcesSummary: (n: number) => `Where this listing comes from (${plural(n, 'en', { one: '1 record', other: `${n} records` })})`,
    fromSources: (sources: string) => `from ${sources}`,
    fromCurator: 'set by the directory’s curators',
    and: 'and',
    recordPrimary: 'main record',
    recordImported: (date: string) => `imported ${date}`,
    recordMerged: (date: string) => `merged in ${date}`,
    recordInactive: 'no longer listed by this source',
    moved:
      'For your privacy, a search is not kept in the page address, so a bookmark or a shared link cannot show where you looked. Type the place again to search.',
    badField: (field: string) => `the form's “${field}” value was not understood. Please check it and search again.`,
    fieldNames: {
      near: 'ZIP code or city',
      services: 'Services',
      open_now: 'Open now',
      radius: 'Within',
      verified: 'Verified',
      lang: 'Language',
      cursor: 'More results',
      from: 'More results',
    } as Record<string, string>,
    form: 'the form',
    typeHeading: 'Type of place',
    payment: 'Payment accepted',
    languages: 'Languages spoken',
    directions: 'Directions (OpenStreetMap)',
    directionsByAddress: 'Directions to the address (OpenStreetMap)',
    approxLocation: { zip_centroid: 'Approximate location (ZIP area)', city: 'Approximate location (city area)' } as Record<string, string>,
    approxLocationOther: 'Approximate location',
    approxNote: 'The listed point is the middle of the area, not the door. Directions use the address.',
    approxShort: 'approximate location',
    morePlaces: 'Show more results',
  },
  es: {
    title: 'Encuentre reducción de daños y tratamiento — versión de texto',
    heading: 'Encuentre ayuda cerca de usted',
    intro: 'Servicios de jeringas, naloxona, tratamiento y clínicas. Página solo de texto: sin mapa, sin scripts, sin rastreo.',
    other: 'English',
    otherLang: 'en',
    mapVersion: 'Versión con mapa',
    near: 'Código postal o ciudad',
    services: 'Servicios (todos)',
    openNow: 'Abierto ahora',
    within: 'A menos de',
    miles: 'millas',
    search: 'Buscar',
    skip: 'Ir a los resultados',
    results: (n: number, place: string) => `${plural(n, 'es', { one: '1 lugar', other: `${n} lugares` })} cerca ${deEs(place)}`,
    nearest: (n: number, place: string) => `Los ${n} lugares más cercanos a ${place}`,
    moreResults: (from: number, to: number, place: string) =>
      from === to ? `Lugar ${from} cerca ${deEs(place)}` : `Lugares ${from} a ${to} cerca ${deEs(place)}`,
    radiusOption: (n: number) => plural(n, 'es', { one: '1 milla', other: `${n} millas` }),
    none: 'No se encontraron lugares. Pruebe una distancia mayor o menos servicios.',
    demo: 'Datos de demostración — no son servicios reales.',
    call: 'Llamar',
    verifiedLabel: 'Verificado',
    verifiedAny: 'en cualquier fecha',
    verifiedWithin: { 180: 'en los últimos 6 meses', 365: 'en el último año' } as Record<number, string>,
    noPhone: 'Sin teléfono',
    more: 'Más resultados',
    error: 'Lo sentimos:',
    placeApproximated: (place: string) =>
      `Se muestran resultados cerca ${deEs(place)}: las direcciones necesitan un geocodificador, así que solo se reconoció la ciudad o el código postal.`,
    placeChoice: (name: string, place: string) =>
      `¿A qué ${name} se refiere? Por ahora se muestran resultados cerca ${deEs(place)}; elija el lugar que buscaba:`,
    placeNotFound: (q: string) => `ningún código postal o ciudad de EE. UU. coincide con "${q}".`,
    unavailable: 'no se puede consultar la lista en este momento. Inténtelo de nuevo en un minuto.',
    details: 'Horario de la semana, todos los teléfonos y de dónde viene el listado',
    newSearch: 'Nueva búsqueda',
    notFound: 'Este lugar no está (o ya no está) en el directorio.',
    address: 'Dirección',
    hours: 'Horario',
    hoursUnknown: 'Horario no indicado. Llame antes de ir.',
    closedDay: 'Cerrado',
    allDay: 'Abierto las 24 horas',
    phones: 'Teléfono',
    website: 'Sitio web',
    servicesHeading: 'Servicios',
    sources: 'Fuentes',
    sourcesSummary: (n: number) => `De dónde viene este listado (${plural(n, 'es', { one: '1 registro', other: `${n} registros` })})`,
    fromSources: (sources: string) => `de ${sources}`,
    fromCurator: 'fijado por quienes mantienen el directorio',
    and: 'y',
    recordPrimary: 'registro principal',
    recordImported: (date: string) => `importado el ${date}`,
    recordMerged: (date: string) => `combinado el ${date}`,
    recordInactive: 'esta fuente ya no lo incluye',
    moved:
      'Para proteger su privacidad, la búsqueda no se guarda en la dirección de la página, así que un marcador o un enlace compartido no puede mostrar dónde buscó. Escriba el lugar de nuevo para buscar.',
    badField: (field: string) => `no se entendió el valor de «${field}» del formulario. Revíselo y busque de nuevo.`,
    fieldNames: {
      near: 'Código postal o ciudad',
      services: 'Servicios',
      open_now: 'Abierto ahora',
      radius: 'A menos de',
      verified: 'Verificado',
      lang: 'Idioma',
      cursor: 'Más resultados',
      from: 'Más resultados',
    } as Record<string, string>,
    form: 'el formulario',
    typeHeading: 'Tipo de lugar',
    payment: 'Formas de pago aceptadas',
    languages: 'Idiomas que se hablan',
    directions: 'Cómo llegar (OpenStreetMap)',
    directionsByAddress: 'Cómo llegar a la dirección (OpenStreetMap)',
    approxLocation: { zip_centroid: 'Ubicación aproximada (zona del código postal)', city: 'Ubicación aproximada (zona de la ciudad)' } as Record<
      string,
      string
    >,
    approxLocationOther: 'Ubicación aproximada',
    approxNote: 'El punto indicado es el centro de la zona, no la puerta. Las indicaciones usan la dirección.',
    approxShort: 'ubicación aproximada',
    morePlaces: 'Mostrar más resultados',
  },
} satisfies Record<Lang, Record<string, unknown>>

/**
 * The geocoder's name for a place in the page's language: its "ZIP 21201, Baltimore, MD"
 * reads "código postal 21201, Baltimore, MD" in Spanish.
 */
export function placeName(label: string, lang: Lang): string {
  return lang === 'es' ? label.replace(/^ZIP (\d{5})\b/, 'código postal $1') : label
}

export { sourceLabel } from '../../../common/source-labels.js'

/** Services offered as checkboxes on the text page: what people most often look for. */
export const LITE_SERVICES = [
  'syringe_services',
  'naloxone',
  'fentanyl_test_strips',
  'wound_care',
  'hiv_testing',
  'methadone',
  'buprenorphine',
  'detox',
  'outpatient',
  'primary_care',
] as const

/** The distances offered, the same as the map page's (common/vocabulary.ts). */
export const LITE_RADII = PAGE_RADII_MI
