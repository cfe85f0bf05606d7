/**
 * Where listings come from, in words, for the map page and /lite alike: a source code is
 * never shown as it is. A source without a label is named from its code with spaces,
 * 'albany_city' → "Albany city".
 */
import type { Lang } from './format.js'

export const SOURCE_LABELS: Record<Lang, Readonly<Record<string, string>>> = {
  en: {
    demo: 'Demo data (made up)',
    curator: 'The directory’s curators',
    hsds: 'Open Referral (HSDS) data',
    csv: 'Spreadsheet import',
    samhsa: 'SAMHSA (FindTreatment.gov)',
    findtreatment: 'SAMHSA (FindTreatment.gov)',
    findtreatment_export: 'SAMHSA (FindTreatment.gov)',
    samhsa_locator: 'SAMHSA treatment locator',
    samhsa_mh: 'SAMHSA mental health facilities',
    samhsa_sud: 'SAMHSA substance use treatment facilities',
    samhsa_otp: 'SAMHSA opioid treatment programs',
    samhsa_moud: 'SAMHSA opioid use disorder medication providers',
    hifld_hospitals: 'US hospitals (HIFLD)',
    hrsa_fqhc: 'HRSA health centers',
    nys_esap_pharmacies: 'New York State syringe access pharmacies (ESAP)',
    nys_esap_facilities: 'New York State syringe access health facilities (ESAP)',
    nys_esap_providers: 'New York State syringe access providers (ESAP)',
    sf_health_care_facilities: 'San Francisco health care facilities (DataSF)',
  },
  es: {
    demo: 'Datos de demostración (inventados)',
    curator: 'Quienes mantienen el directorio',
    hsds: 'Datos de Open Referral (HSDS)',
    csv: 'Hoja de cálculo importada',
    samhsa: 'Directorio FindTreatment.gov de SAMHSA',
    findtreatment: 'Directorio FindTreatment.gov de SAMHSA',
    findtreatment_export: 'Directorio FindTreatment.gov de SAMHSA',
    samhsa_locator: 'Localizador de tratamiento de SAMHSA',
    samhsa_mh: 'Centros de salud mental de SAMHSA',
    samhsa_sud: 'Centros de tratamiento del uso de sustancias de SAMHSA',
    samhsa_otp: 'Programas de tratamiento de opioides de SAMHSA',
    samhsa_moud: 'Proveedores de medicamentos para el trastorno por uso de opioides de SAMHSA',
    hifld_hospitals: 'Hospitales de EE. UU. (HIFLD)',
    hrsa_fqhc: 'Centros de salud de HRSA',
    nys_esap_pharmacies: 'Farmacias con acceso a jeringas del estado de Nueva York (ESAP)',
    nys_esap_facilities: 'Centros de salud con acceso a jeringas del estado de Nueva York (ESAP)',
    nys_esap_providers: 'Profesionales con acceso a jeringas del estado de Nueva York (ESAP)',
    sf_health_care_facilities: 'Centros de salud de San Francisco (DataSF)',
  },
}

/** A source code in words in `lang`. */
export function sourceLabel(code: string, lang: Lang): string {
  const known = SOURCE_LABELS[lang][code]
  if (known) return known
  const words = code.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
