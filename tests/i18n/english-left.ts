/**
 * What "no English left" means for a rendered page: the English UI strings of the tables a
 * page uses (and the vocabulary's English labels), none of which may appear in the visible
 * text or accessible names of a page in another language — except words that language writes
 * the same for the same thing (Tagalog "Address"), names (OpenStreetMap, medicines, the
 * brand), and each language's own name in the switcher.
 */
import type { PageLang } from '../../common/format.js'
import { LANGUAGE_NAMES } from '../../common/lang-choice.js'
import { termLabel } from '../../common/term-labels.js'
import { FILTER_FIELDS, LANGUAGES } from '../../common/vocabulary.js'

/** Text fragments of a table by path; a function is called with placeholders and split around them. */
export function phrases(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]]
  if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, i) => (i === 0 ? 7 : '\u0001'))
    let text: unknown
    try {
      text = (value as (...a: unknown[]) => unknown)(...args)
    } catch {
      // A function wanting real arguments (a date) is checked through the pages that use it.
      return []
    }
    if (typeof text !== 'string') return []
    return text.split(/[\u0001\d]+/).map((part, i) => [`${path}#${i}`, part.trim()] as [string, string])
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => phrases(v, path ? `${path}.${k}` : k))
  return []
}

/** Names written alike everywhere: the maps site, the brand, programmes, the US postal code, PrEP. */
const NAMES = ['OpenStreetMap', 'Harm Reduction Locator', 'Narcan', 'Medicaid', 'Medicare', 'ZIP', 'PrEP', ...Object.values(LANGUAGE_NAMES)]

/**
 * The English phrases a page in `lang` must not show: English fragments with three letters or
 * more that the language does not write the same at the same path.
 */
export function englishPhrases(tables: { en: unknown; other: unknown }[], lang: PageLang): string[] {
  const found = new Set<string>()
  for (const { en, other } of tables) {
    const own = new Map(phrases(other))
    for (const [path, text] of phrases(en)) {
      if ((text.match(/\p{L}/gu) ?? []).length < 3) continue
      if (own.get(path) === text) continue
      found.add(text.replace(/^[\s:·—(–]+|[\s:·—)–.,]+$/g, ''))
    }
  }
  // The vocabulary's English labels: a page in another language labels codes in that language.
  // A label that keeps the English term beside its explanation ("Detox (pag-alis ng lason)") keeps it.
  for (const [field, terms] of [...Object.entries(FILTER_FIELDS), ['languages', LANGUAGES] as const]) {
    for (const term of terms) {
      const label = termLabel(field, term.code, lang) ?? ''
      if (!wordIn(term.en, label)) found.add(term.en)
    }
  }
  return [...found].filter((text) => text.length >= 3 && !NAMES.includes(text))
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** Whether `phrase` is in `text` as whole words. */
const wordIn = (phrase: string, text: string) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(phrase)}($|[^\\p{L}])`, 'u').test(text)

/** A page's visible text and accessible names (aria-label), tags and style removed, entities decoded. */
export function visibleText(page: string): string {
  const labels = [...page.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1])
  const text = page
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
  return [text, ...labels]
    .join('\n')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
}

/** The English phrases found in a page's text, each as a whole phrase (not inside a longer word). */
export function englishIn(page: string, english: readonly string[], allowed: readonly string[] = []): string[] {
  let text = visibleText(page)
  // Site data (names, addresses, the typed place) is the directory's, not the page's words.
  for (const data of allowed) text = text.split(data).join(' ')
  return english.filter((phrase) => wordIn(phrase, text))
}
