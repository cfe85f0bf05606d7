/**
 * The vocabulary of PRODUCT.md: the six code-list fields of a site (types, services, payment,
 * populations, access, languages), the codes each takes with English and Spanish labels, and
 * the site statuses. Pure data shared by the server (validation, bit masks, taxonomy) and the
 * API contract (common/contract/); server/vocabulary.ts adds the search tables' numbering.
 *
 *   const code: CodeOf<'services'> = 'naloxone'      // a typo is a compile error
 *   VOCABULARY_FIELDS                                 // ['types', 'services', …, 'languages']
 */
export type TermKind = 'type' | 'service' | 'payment' | 'population' | 'access'

/** One code of the vocabulary with its labels; `Code` is the code's literal type. */
export interface Term<Code extends string = string> {
  code: Code
  kind: TermKind
  group?: 'harm_reduction' | 'treatment' | 'care'
  en: string
  es: string
}

const t = <Code extends string>(kind: TermKind, code: Code, en: string, es: string, group?: Term['group']): Term<Code> =>
  group ? { code, kind, group, en, es } : { code, kind, en, es }

export const TYPES = [
  t('type', 'harm_reduction', 'Harm reduction / syringe services program', 'Reducción de daños / programa de jeringas'),
  t('type', 'treatment', 'Substance use treatment', 'Tratamiento de uso de sustancias'),
  t('type', 'clinic', 'Health center or clinic', 'Centro de salud o clínica'),
  t('type', 'mental_health', 'Mental health', 'Salud mental'),
  t('type', 'pharmacy', 'Pharmacy', 'Farmacia'),
  t('type', 'hospital', 'Hospital', 'Hospital'),
  t('type', 'recovery_housing', 'Recovery housing', 'Vivienda de recuperación'),
] as const

export const SERVICES = [
  t('service', 'syringe_services', 'Syringe services (needle exchange)', 'Servicios de jeringas (intercambio)', 'harm_reduction'),
  t('service', 'syringe_disposal', 'Syringe disposal', 'Desecho de jeringas', 'harm_reduction'),
  t('service', 'naloxone', 'Naloxone (Narcan)', 'Naloxona (Narcan)', 'harm_reduction'),
  t('service', 'fentanyl_test_strips', 'Fentanyl test strips', 'Tiras de prueba de fentanilo', 'harm_reduction'),
  t('service', 'drug_checking', 'Drug checking', 'Análisis de sustancias', 'harm_reduction'),
  t('service', 'safer_smoking_supplies', 'Safer smoking supplies', 'Materiales para fumar más seguro', 'harm_reduction'),
  t('service', 'wound_care', 'Wound care', 'Cuidado de heridas', 'harm_reduction'),
  t('service', 'overdose_prevention_site', 'Overdose prevention site', 'Sitio de prevención de sobredosis', 'harm_reduction'),
  t('service', 'hiv_testing', 'HIV testing', 'Prueba de VIH', 'harm_reduction'),
  t('service', 'hcv_testing', 'Hepatitis C testing', 'Prueba de hepatitis C', 'harm_reduction'),
  t('service', 'sti_testing', 'STI testing', 'Prueba de ITS', 'harm_reduction'),
  t('service', 'prep', 'PrEP', 'PrEP', 'harm_reduction'),
  t('service', 'vaccination', 'Vaccination', 'Vacunación', 'harm_reduction'),
  t('service', 'buprenorphine', 'Buprenorphine', 'Buprenorfina', 'treatment'),
  t('service', 'methadone', 'Methadone', 'Metadona', 'treatment'),
  t('service', 'naltrexone', 'Naltrexone', 'Naltrexona', 'treatment'),
  t('service', 'detox', 'Detox', 'Desintoxicación', 'treatment'),
  t('service', 'outpatient', 'Outpatient', 'Ambulatorio', 'treatment'),
  t('service', 'intensive_outpatient', 'Intensive outpatient', 'Ambulatorio intensivo', 'treatment'),
  t('service', 'residential', 'Residential', 'Residencial', 'treatment'),
  t('service', 'inpatient', 'Inpatient', 'Hospitalización', 'treatment'),
  t('service', 'telehealth', 'Telehealth', 'Telesalud', 'treatment'),
  t('service', 'peer_support', 'Peer support', 'Apoyo de pares', 'treatment'),
  t('service', 'counseling', 'Counseling', 'Consejería', 'treatment'),
  t('service', 'recovery_housing', 'Recovery housing', 'Vivienda de recuperación', 'treatment'),
  t('service', 'primary_care', 'Primary care', 'Atención primaria', 'care'),
  t('service', 'mental_health_care', 'Mental health care', 'Atención de salud mental', 'care'),
  t('service', 'case_management', 'Case management', 'Gestión de casos', 'care'),
  t('service', 'housing_help', 'Housing help', 'Ayuda con vivienda', 'care'),
  t('service', 'food', 'Food', 'Comida', 'care'),
] as const

export const PAYMENT = [
  t('payment', 'free', 'Free', 'Gratis'),
  t('payment', 'sliding_fee', 'Sliding fee scale', 'Tarifa según ingresos'),
  t('payment', 'medicaid', 'Medicaid', 'Medicaid'),
  t('payment', 'medicare', 'Medicare', 'Medicare'),
  t('payment', 'private_insurance', 'Private insurance', 'Seguro privado'),
  t('payment', 'self_pay', 'Self-pay (cash)', 'Pago propio (efectivo)'),
  t('payment', 'military_insurance', 'Military insurance (TRICARE)', 'Seguro militar (TRICARE)'),
  t('payment', 'ihs_tribal', 'IHS / tribal funds', 'IHS / fondos tribales'),
  t('payment', 'payment_assistance', 'Payment assistance', 'Ayuda con el pago'),
] as const

export const POPULATIONS = [
  t('population', 'adolescents', 'Adolescents', 'Adolescentes'),
  t('population', 'adults', 'Adults', 'Adultos'),
  t('population', 'seniors', 'Seniors', 'Personas mayores'),
  t('population', 'women', 'Women', 'Mujeres'),
  t('population', 'pregnant', 'Pregnant people', 'Personas embarazadas'),
  t('population', 'men', 'Men', 'Hombres'),
  t('population', 'lgbtq', 'LGBTQ+', 'LGBTQ+'),
  t('population', 'veterans', 'Veterans', 'Veteranos'),
  t('population', 'justice_involved', 'Justice-involved people', 'Personas con antecedentes judiciales'),
] as const

export const ACCESS = [
  t('access', 'walk_in', 'Walk-in', 'Sin cita'),
  t('access', 'appointment_only', 'Appointment only', 'Solo con cita'),
  t('access', 'mobile_unit', 'Mobile unit', 'Unidad móvil'),
  t('access', 'mail_delivery', 'Delivery by mail', 'Envío por correo'),
  t('access', 'wheelchair_accessible', 'Wheelchair accessible', 'Accesible en silla de ruedas'),
] as const

/** Languages the taxonomy labels; any ISO 639 code is accepted as data. */
export const LANGUAGES: readonly { code: string; en: string; es: string }[] = [
  { code: 'en', en: 'English', es: 'Inglés' },
  { code: 'es', en: 'Spanish', es: 'Español' },
  { code: 'zh', en: 'Chinese', es: 'Chino' },
  { code: 'vi', en: 'Vietnamese', es: 'Vietnamita' },
  { code: 'ko', en: 'Korean', es: 'Coreano' },
  { code: 'ru', en: 'Russian', es: 'Ruso' },
  { code: 'ar', en: 'Arabic', es: 'Árabe' },
  { code: 'ht', en: 'Haitian Creole', es: 'Criollo haitiano' },
  { code: 'tl', en: 'Tagalog', es: 'Tagalo' },
  { code: 'fr', en: 'French', es: 'Francés' },
  { code: 'pt', en: 'Portuguese', es: 'Portugués' },
  { code: 'so', en: 'Somali', es: 'Somalí' },
  { code: 'hmn', en: 'Hmong', es: 'Hmong' },
  { code: 'nv', en: 'Navajo', es: 'Navajo' },
  { code: 'ase', en: 'American Sign Language', es: 'Lengua de señas americana' },
]

export const SITE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily_closed'] as const
export type SiteStatus = (typeof SITE_STATUSES)[number]

/** The closed code lists, by the field that takes them (languages take any ISO 639 code). */
export const FILTER_FIELDS = {
  types: TYPES,
  services: SERVICES,
  payment: PAYMENT,
  populations: POPULATIONS,
  access: ACCESS,
} as const
export type FilterField = keyof typeof FILTER_FIELDS

/** The six code-list fields, in the order results list them. */
export const VOCABULARY_FIELDS = ['types', 'services', 'payment', 'populations', 'access', 'languages'] as const satisfies readonly (
  | FilterField
  | 'languages'
)[]
export type VocabularyField = (typeof VOCABULARY_FIELDS)[number]

/** The codes a field takes: a union of literals for the closed lists, any string for languages. */
export type CodeOf<F extends VocabularyField> = F extends FilterField ? (typeof FILTER_FIELDS)[F][number]['code'] : string

/** ISO 639 language codes: 2–3 lowercase letters. */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/

/** The search distances the map page and /lite both offer, in miles, and the one they start at. */
export const PAGE_RADII_MI = [1, 5, 10, 25, 50, 100] as const
export const PAGE_DEFAULT_RADIUS_MI = 25
