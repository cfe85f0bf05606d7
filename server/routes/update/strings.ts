/**
 * Words of the provider update page (/update/<token>), in English and Spanish.
 */
import type { Lang } from '../../../common/format.js'

export const UPDATE_STRINGS = {
  en: {
    title: 'Check your listing',
    other: 'Español',
    otherLang: 'es' as Lang,
    intro: 'This is your listing as people see it in the directory. Please read it through.',
    confirmHeading: 'Is everything correct?',
    confirmHelp: 'If the name, address, phone, hours and services are all right, say so: the listing will show it was verified today.',
    confirm: 'Everything is correct',
    changeHelp: 'If something is wrong, please tell the directory team who sent you this link.',
    expires: (date: string) => `This link works until ${date}. Keep it private: anyone with it can confirm this listing.`,
    listing: 'Your listing',
    thanksTitle: 'Thank you',
    thanks: (date: string) => `The listing now shows it was verified on ${date}. Thank you for checking it.`,
    viewAgain: 'See the listing again',
    notFoundTitle: 'Link not valid',
    notFound: 'This link does not work. It may have expired or been withdrawn. Please ask the directory team for a new one.',
    unavailable: 'Sorry — the directory cannot be reached right now. Please try again in a minute.',
  },
  es: {
    title: 'Revise su listado',
    other: 'English',
    otherLang: 'en' as Lang,
    intro: 'Así ve la gente su listado en el directorio. Por favor, léalo con atención.',
    confirmHeading: '¿Está todo correcto?',
    confirmHelp: 'Si el nombre, la dirección, el teléfono, el horario y los servicios están bien, indíquelo: el listado mostrará que se verificó hoy.',
    confirm: 'Todo está correcto',
    changeHelp: 'Si algo no está bien, avise al equipo del directorio que le envió este enlace.',
    expires: (date: string) => `Este enlace funciona hasta el ${date}. No lo comparta: cualquier persona que lo tenga puede confirmar este listado.`,
    listing: 'Su listado',
    thanksTitle: 'Gracias',
    thanks: (date: string) => `El listado ahora muestra que se verificó el ${date}. Gracias por revisarlo.`,
    viewAgain: 'Ver el listado de nuevo',
    notFoundTitle: 'Enlace no válido',
    notFound: 'Este enlace no funciona. Puede que haya vencido o que se haya retirado. Pida uno nuevo al equipo del directorio.',
    unavailable: 'Lo sentimos: no se puede acceder al directorio en este momento. Inténtelo de nuevo en un minuto.',
  },
} as const satisfies Record<Lang, unknown>
