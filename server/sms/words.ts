/**
 * The replies' words, in English and Spanish. Written as a person would (accents and all):
 * compose.ts folds what GSM-7 lacks (á → a) so a Spanish reply still goes as GSM-7, the
 * cheaper encoding, unless a site's own name needs more.
 */
import type { Lang } from '../../common/format.js'

const EXAMPLE = { en: 'NALOXONE 21201', es: 'NALOXONA 21201' }

export const SMS_WORDS = {
  en: {
    help:
      'Text what you need and your ZIP, e.g. NALOXONE 21201. Also SYRINGES, TEST STRIPS, METHADONE, BUPE, DETOX, CLINIC. ' +
      'Add OPEN for open now. MORE: next 3. STOP to stop. Free, nothing kept. Overdose: call 911.',
    stop: 'You are unsubscribed: no more messages from this number, and nothing about you is kept. Text START to use it again.',
    start: `You can use this number again. Text what you need and your ZIP, e.g. ${EXAMPLE.en}. HELP for help.`,
    unclear: `Sorry, that was not clear. Text what you need and your ZIP, e.g. ${EXAMPLE.en}, or HELP.`,
    needPlace: (keyword: string) => `Where? Text ${keyword} with your ZIP or city, e.g. ${keyword} 21201.`,
    placeNotFound: (place: string) => `No US ZIP or city matches "${place}". Text a 5-digit ZIP or "City ST", e.g. ${EXAMPLE.en}.`,
    none: (what: string, place: string, miles: number) => `No ${what} found within ${miles} mi of ${place}. Try another ZIP or service, or text HELP.`,
    noneOpen: (what: string, place: string, miles: number) =>
      `Nothing open now for ${what} within ${miles} mi of ${place}. Text it without OPEN to see places and their hours.`,
    anything: 'places',
    noMore: `Nothing to continue: MORE works for 15 minutes after a search. Text e.g. ${EXAMPLE.en}.`,
    endOfList: (miles: number) => `No more places within ${miles} mi.`,
    heading: (what: string, place: string, open: boolean) => `${what}${open ? ' open now' : ''} near ${place}:`,
    headingMore: (what: string, place: string) => `More ${what} near ${place}:`,
    nearest: 'Nearest',
    demo: 'DEMO data, not real.',
    ambiguous: (name: string) => `Other ${name}? Add the state.`,
    more: 'Text MORE for more.',
    unavailable: 'Sorry, the list cannot be reached right now. Please try again in a few minutes.',
  },
  es: {
    help:
      'Envíe lo que necesita y su código postal, ej. NALOXONA 21201. También JERINGAS, TIRAS, METADONA, BUPRENORFINA, DETOX, CLINICA. ' +
      'Agregue ABIERTO para lo abierto ahora. MAS: 3 más. STOP para parar. Gratis, no se guarda nada. Sobredosis: llame al 911.',
    stop: 'Se dio de baja: no recibirá más mensajes de este número y no se guarda nada sobre usted. Envíe START para volver a usarlo.',
    start: `Puede usar este número de nuevo. Envíe lo que necesita y su código postal, ej. ${EXAMPLE.es}. AYUDA para ayuda.`,
    unclear: `Perdón, no se entendió. Envíe lo que necesita y su código postal, ej. ${EXAMPLE.es}, o AYUDA.`,
    needPlace: (keyword: string) => `¿Dónde? Envíe ${keyword} con su código postal o ciudad, ej. ${keyword} 21201.`,
    placeNotFound: (place: string) => `Ningún código postal o ciudad de EE. UU. coincide con "${place}". Envíe 5 dígitos, ej. ${EXAMPLE.es}.`,
    none: (what: string, place: string, miles: number) =>
      `No se encontró ${what} a menos de ${miles} mi de ${place}. Pruebe otro código postal o servicio, o envíe AYUDA.`,
    noneOpen: (what: string, place: string, miles: number) =>
      `Nada abierto ahora de ${what} a menos de ${miles} mi de ${place}. Envíelo sin ABIERTO para ver lugares y horarios.`,
    anything: 'lugares',
    noMore: `No hay búsqueda que seguir: MAS funciona 15 minutos después de buscar. Envíe p. ej. ${EXAMPLE.es}.`,
    endOfList: (miles: number) => `No hay más lugares a menos de ${miles} mi.`,
    heading: (what: string, place: string, open: boolean) => `${what}${open ? ', abierto ahora,' : ''} cerca de ${place}:`,
    headingMore: (what: string, place: string) => `Más ${what} cerca de ${place}:`,
    nearest: 'Lo más cercano',
    demo: 'Datos DEMO, no reales.',
    ambiguous: (name: string) => `¿Otro ${name}? Agregue el estado.`,
    more: 'Envíe MAS para ver más.',
    unavailable: 'Perdón, no se puede consultar la lista ahora. Inténtelo de nuevo en unos minutos.',
  },
} satisfies Record<Lang, Record<string, unknown>>
