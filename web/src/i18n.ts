/**
 * Every visible word of the map page in English and Spanish (code labels come from
 * /api/v1/taxonomy instead). Only the chosen language is remembered, in localStorage —
 * never a search.
 */
import type { Lang } from './format.js'

const en = {
  docTitle: 'Find harm reduction and treatment near you',
  appTitle: 'Find help near you',
  tagline: 'Syringes, naloxone, test strips, treatment and clinics. Free to use, no tracking.',
  skip: 'Skip to results',
  otherLanguage: 'Español',
  otherLanguageLabel: 'Ver esta página en español',
  searchLabel: 'ZIP code, city or address',
  searchButton: 'Search',
  useLocation: 'Use my location',
  locating: 'Finding your location…',
  locationUnavailable: 'Your location is not available. Type a ZIP code instead.',
  radiusLabel: 'Within',
  miles: (n: number) => (n === 1 ? '1 mile' : `${n} miles`),
  needLegend: 'What do you need?',
  openNow: 'Open now',
  matchLegend: 'Show places that have',
  matchAll: 'all of these',
  matchAny: 'any of these',
  moreFilters: 'More filters',
  activeFilters: (n: number) => (n === 0 ? '' : ` (${n} on)`),
  typesLegend: 'Kind of place',
  moreServicesLegend: 'More services',
  paymentLegend: 'Payment',
  languagesLegend: 'Language spoken',
  clearFilters: 'Clear filters',
  resultsHeading: 'Results',
  idle: 'Type a ZIP code, city or address, or use your location, to see places near you.',
  searching: 'Searching…',
  found: (n: number, place: string, more: boolean) =>
    `${n}${more ? '+' : ''} ${n === 1 ? 'place' : 'places'} near ${place}, nearest first.`,
  none: (place: string) => `No places found near ${place}. Try a larger distance or fewer filters.`,
  placeNotFound: 'We could not find that place. Try a 5-digit ZIP code or “City, ST”.',
  offline: 'Could not reach the server. Check your connection and try again.',
  failed: 'Something went wrong. Please try again.',
  yourLocation: 'your location',
  thisArea: 'this map area',
  viewList: 'List',
  viewMap: 'Map',
  viewLabel: 'Show results as',
  demoBanner: 'Demo data — not real services. Do not rely on these listings.',
  call: 'Call',
  directions: 'Directions',
  showOnMap: 'Show on map',
  moreAbout: 'More about',
  noPhone: 'No phone listed',
  verified: 'Last verified',
  notVerified: 'Verification date not listed',
  stale: 'may be out of date',
  loadMore: 'Show more results',
  mapLabel: 'Map of results',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  cluster: (n: number) => `${n} sites here — zoom in`,
  marker: (i: number, name: string) => `${i}. ${name}`,
  searchArea: 'Search this area',
  searchCentre: 'Search centre',
  close: 'Close',
  loading: 'Loading…',
  detailTypes: 'Kind of place',
  detailServices: 'Services',
  groups: { harm_reduction: 'Harm reduction', treatment: 'Treatment', care: 'Care' } as Record<string, string>,
  hours: 'Hours',
  closedDay: 'Closed',
  allDay: 'Open 24 hours',
  hoursUnknown: 'Hours not listed. Call ahead.',
  address: 'Address',
  mobileSite: 'Mobile service: the location may change. Call ahead.',
  phones: 'Phone',
  openInApp: 'Open in maps app',
  directionsOsm: 'Directions (OpenStreetMap)',
  website: 'Website',
  payment: 'Payment',
  languages: 'Languages',
  access: 'Access',
  populations: 'Who is served',
  source: 'Source',
  report: 'Report a problem',
  reportLegend: 'What is wrong with this listing?',
  reportKinds: {
    wrong_hours: 'Wrong hours', closed: 'Closed or moved', wrong_address: 'Wrong address', wrong_phone: 'Wrong phone number',
    wrong_services: 'Wrong services', other: 'Something else',
  } as Record<string, string>,
  reportMessage: 'Details (optional)',
  reportHint: 'Please do not include your name or any personal information.',
  reportSend: 'Send report',
  reportCancel: 'Cancel',
  reportThanks: 'Thank you. Your report was sent to the people who keep this list up to date.',
  reportFailed: 'Could not send the report. Please try again later.',
  privacy: 'No cookies, no analytics, no tracking. Your location is used only for your search and is never stored.',
  liteLink: 'Text-only version (for slow connections)',
  apiLink: 'Open data API',
}

export type Strings = typeof en

const es: Strings = {
  docTitle: 'Encuentre reducción de daños y tratamiento cerca de usted',
  appTitle: 'Encuentre ayuda cerca de usted',
  tagline: 'Jeringas, naloxona, tiras de prueba, tratamiento y clínicas. Gratis, sin rastreo.',
  skip: 'Ir a los resultados',
  otherLanguage: 'English',
  otherLanguageLabel: 'View this page in English',
  searchLabel: 'Código postal, ciudad o dirección',
  searchButton: 'Buscar',
  useLocation: 'Usar mi ubicación',
  locating: 'Buscando su ubicación…',
  locationUnavailable: 'Su ubicación no está disponible. Escriba un código postal.',
  radiusLabel: 'A menos de',
  miles: (n: number) => (n === 1 ? '1 milla' : `${n} millas`),
  needLegend: '¿Qué necesita?',
  openNow: 'Abierto ahora',
  matchLegend: 'Mostrar lugares que tengan',
  matchAll: 'todos estos',
  matchAny: 'cualquiera de estos',
  moreFilters: 'Más filtros',
  activeFilters: (n: number) => (n === 0 ? '' : ` (${n} activos)`),
  typesLegend: 'Tipo de lugar',
  moreServicesLegend: 'Más servicios',
  paymentLegend: 'Pago',
  languagesLegend: 'Idioma',
  clearFilters: 'Quitar filtros',
  resultsHeading: 'Resultados',
  idle: 'Escriba un código postal, ciudad o dirección, o use su ubicación, para ver lugares cercanos.',
  searching: 'Buscando…',
  found: (n: number, place: string, more: boolean) =>
    `${n}${more ? '+' : ''} ${n === 1 ? 'lugar' : 'lugares'} cerca de ${place}, el más cercano primero.`,
  none: (place: string) => `No se encontraron lugares cerca de ${place}. Pruebe una distancia mayor o menos filtros.`,
  placeNotFound: 'No encontramos ese lugar. Pruebe un código postal de 5 dígitos o “Ciudad, ST”.',
  offline: 'No se pudo conectar con el servidor. Revise su conexión e inténtelo de nuevo.',
  failed: 'Algo salió mal. Inténtelo de nuevo.',
  yourLocation: 'su ubicación',
  thisArea: 'esta zona del mapa',
  viewList: 'Lista',
  viewMap: 'Mapa',
  viewLabel: 'Ver resultados como',
  demoBanner: 'Datos de demostración — no son servicios reales. No confíe en estos listados.',
  call: 'Llamar',
  directions: 'Cómo llegar',
  showOnMap: 'Ver en el mapa',
  moreAbout: 'Más sobre',
  noPhone: 'Sin teléfono',
  verified: 'Verificado por última vez',
  notVerified: 'Fecha de verificación no indicada',
  stale: 'puede estar desactualizado',
  loadMore: 'Mostrar más resultados',
  mapLabel: 'Mapa de resultados',
  zoomIn: 'Acercar',
  zoomOut: 'Alejar',
  cluster: (n: number) => `${n} lugares aquí — acerque el mapa`,
  marker: (i: number, name: string) => `${i}. ${name}`,
  searchArea: 'Buscar en esta zona',
  searchCentre: 'Centro de la búsqueda',
  close: 'Cerrar',
  loading: 'Cargando…',
  detailTypes: 'Tipo de lugar',
  detailServices: 'Servicios',
  groups: { harm_reduction: 'Reducción de daños', treatment: 'Tratamiento', care: 'Atención' },
  hours: 'Horario',
  closedDay: 'Cerrado',
  allDay: 'Abierto las 24 horas',
  hoursUnknown: 'Horario no indicado. Llame antes de ir.',
  address: 'Dirección',
  mobileSite: 'Servicio móvil: el lugar puede cambiar. Llame antes de ir.',
  phones: 'Teléfono',
  openInApp: 'Abrir en la app de mapas',
  directionsOsm: 'Cómo llegar (OpenStreetMap)',
  website: 'Sitio web',
  payment: 'Pago',
  languages: 'Idiomas',
  access: 'Acceso',
  populations: 'A quién atiende',
  source: 'Fuente',
  report: 'Reportar un problema',
  reportLegend: '¿Qué está mal en este listado?',
  reportKinds: {
    wrong_hours: 'Horario incorrecto', closed: 'Cerrado o se mudó', wrong_address: 'Dirección incorrecta',
    wrong_phone: 'Teléfono incorrecto', wrong_services: 'Servicios incorrectos', other: 'Otra cosa',
  },
  reportMessage: 'Detalles (opcional)',
  reportHint: 'Por favor no incluya su nombre ni información personal.',
  reportSend: 'Enviar reporte',
  reportCancel: 'Cancelar',
  reportThanks: 'Gracias. Su reporte fue enviado a las personas que mantienen esta lista al día.',
  reportFailed: 'No se pudo enviar el reporte. Inténtelo más tarde.',
  privacy: 'Sin cookies, sin analíticas, sin rastreo. Su ubicación solo se usa para su búsqueda y nunca se guarda.',
  liteLink: 'Versión solo texto (para conexiones lentas)',
  apiLink: 'API de datos abiertos',
}

const STRINGS: Record<Lang, Strings> = { en, es }
const STORAGE_KEY = 'hrl-lang'

let current: Lang = 'en'

/** The strings of the current language. */
export function t(): Strings {
  return STRINGS[current]
}

export function currentLang(): Lang {
  return current
}

/** The remembered language, else the browser's preference. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'es') return saved
  } catch {
    // Storage can be disabled (private modes); the browser language still works.
  }
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en'
}

/** Switches language, remembers only that choice, and relabels the static page. */
export function setLang(lang: Lang, remember: boolean): void {
  current = lang
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang)
    } catch {
      // Not remembered; nothing else to do.
    }
  }
  document.documentElement.lang = lang
  document.title = STRINGS[lang].docTitle
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = STRINGS[lang][el.dataset.i18n as keyof Strings]
    if (typeof value === 'string') el.textContent = value
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const value = STRINGS[lang][el.dataset.i18nLabel as keyof Strings]
    if (typeof value === 'string') el.setAttribute('aria-label', value)
  }
}
