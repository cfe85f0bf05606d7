/**
 * The shape of one language's vocabulary labels (common/i18n/<lang>.ts). English and Spanish
 * live beside the codes themselves, in common/vocabulary.ts.
 */

/** Labels by code: `codes` for the closed lists (a code has one label whatever its field), `languages` by ISO 639 code. */
export interface VocabularyLabels {
  codes: Readonly<Record<string, string>>
  languages: Readonly<Record<string, string>>
}
