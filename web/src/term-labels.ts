/**
 * Labels of the vocabulary's codes in the page languages the taxonomy's `en`/`es` fields do
 * not carry. The tables themselves are shared with the server (common/i18n/<lang>.ts, read
 * through common/term-labels.ts), so the page, /lite and the taxonomy API word a code alike.
 *
 * Machine-assisted translation, to be reviewed by native speakers.
 */
import { OTHER_LABELS, termLabel as commonTermLabel, type OtherLang } from '../../common/term-labels.js'

export type { OtherLang }

/** Codes of the closed lists (types, services, payment, populations, access); each code has one label whatever its field. */
export const CODE_LABELS = Object.fromEntries(Object.entries(OTHER_LABELS).map(([lang, l]) => [lang, l.codes])) as Record<
  OtherLang,
  Readonly<Record<string, string>>
>

/** ISO 639 codes of the languages sites speak. */
export const LANGUAGE_LABELS = Object.fromEntries(Object.entries(OTHER_LABELS).map(([lang, l]) => [lang, l.languages])) as Record<
  OtherLang,
  Readonly<Record<string, string>>
>

/** The label of a code in `lang`, or null when the table has none. */
export function termLabel(field: string, code: string, lang: OtherLang): string | null {
  return commonTermLabel(field, code, lang)
}
