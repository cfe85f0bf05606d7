/**
 * Words of the text-only page, in English and Spanish. Code labels come from the vocabulary.
 */
import type { Lang } from '../../../common/format.js'

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
    results: (n: number, place: string) => `${n} ${n === 1 ? 'place' : 'places'} near ${place}`,
    none: 'No places found. Try a larger distance or fewer services.',
    demo: 'Demo data — not real services.',
    call: 'Call',
    verifiedLabel: 'Verified',
    verifiedAny: 'any time',
    verifiedWithin: { 180: 'within 6 months', 365: 'within a year' } as Record<number, string>,
    noPhone: 'No phone listed',
    more: 'More results',
    error: 'Sorry —',
    placeNotFound: (q: string) => `no US ZIP code or city matches "${q}".`,
    unavailable: 'the list cannot be reached right now. Please try again in a minute.',
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
    results: (n: number, place: string) => `${n} ${n === 1 ? 'lugar' : 'lugares'} cerca de ${place}`,
    none: 'No se encontraron lugares. Pruebe una distancia mayor o menos servicios.',
    demo: 'Datos de demostración — no son servicios reales.',
    call: 'Llamar',
    verifiedLabel: 'Verificado',
    verifiedAny: 'en cualquier fecha',
    verifiedWithin: { 180: 'en los últimos 6 meses', 365: 'en el último año' } as Record<number, string>,
    noPhone: 'Sin teléfono',
    more: 'Más resultados',
    error: 'Lo sentimos:',
    placeNotFound: (q: string) => `ningún código postal o ciudad de EE. UU. coincide con "${q}".`,
    unavailable: 'no se puede consultar la lista en este momento. Inténtelo de nuevo en un minuto.',
  },
} satisfies Record<Lang, Record<string, unknown>>

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

export const LITE_RADII = [1, 5, 10, 25, 50, 100] as const
