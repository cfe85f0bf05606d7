/**
 * Every string table speaks all eight page languages with the same keys as English: /lite,
 * the provider update page, the curator console and the vocabulary's labels. A missing key
 * would leave a page half in English (or print "undefined"); a function with other arguments
 * would word a sentence wrongly. Machine-assisted files say so (`reviewed = false`), so native
 * speakers know what to read.
 */
import { describe, expect, it } from 'vitest'
import { PAGE_LANGS, type PageLang } from '../../common/format.js'
import { OTHER_LABELS, termLabel, termLabels } from '../../common/term-labels.js'
import { FILTER_FIELDS, LANGUAGES } from '../../common/vocabulary.js'
import { LITE_STRINGS } from '../../server/routes/lite/strings.js'
import { UPDATE_STRINGS } from '../../server/routes/update/strings.js'
import { STRINGS as CONSOLE_STRINGS } from '../../web/curate/i18n.js'

/** The shape of a table: keys (sorted) all the way down, 'string' for text, 'fn/2' for a function of two arguments. */
function shape(value: unknown): unknown {
  if (typeof value === 'string') return 'string'
  if (typeof value === 'function') return `fn/${value.length}`
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
    )
  }
  return typeof value
}

/** Every text leaf of a table, by its path: 'availability.heading' → 'Been here lately?'. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]]
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k))
  return []
}

const TABLES: Record<string, Record<PageLang, unknown>> = { lite: LITE_STRINGS, update: UPDATE_STRINGS, console: CONSOLE_STRINGS }
const OTHERS = PAGE_LANGS.filter((lang) => lang !== 'en')

describe.each(Object.entries(TABLES))('the %s strings', (_name, table) => {
  it.each(OTHERS)('have exactly the English keys, nested, and the same function arguments in %s', (lang) => {
    expect(shape(table[lang])).toEqual(shape(table.en))
  })

  it.each(PAGE_LANGS)('leave no text empty in %s', (lang) => {
    const empty = leaves(table[lang]).filter(([path, text]) => !text.trim() && path !== 'empty')
    expect(empty).toEqual([])
  })
})

describe('machine-assisted translations are marked for review', () => {
  const files = {
    lite: (lang: string) => import(`../../server/routes/lite/i18n/${lang}.ts`),
    update: (lang: string) => import(`../../server/routes/update/i18n/${lang}.ts`),
    console: (lang: string) => import(`../../web/curate/i18n/${lang}.ts`),
    vocabulary: (lang: string) => import(`../../common/i18n/${lang}.ts`),
  }
  it.each(Object.entries(files))('in every %s file but English and Spanish', async (_name, load) => {
    for (const lang of PAGE_LANGS.filter((l) => l !== 'en' && l !== 'es')) {
      const mod = (await load(lang)) as { reviewed?: unknown }
      expect(mod.reviewed, lang).toBe(false)
    }
  })
})

describe('the vocabulary labels', () => {
  const closed = Object.entries(FILTER_FIELDS).flatMap(([field, terms]) => terms.map((term) => ({ field, term })))

  it.each(Object.keys(OTHER_LABELS))('name every code and every listed language in %s, none left in English', (lang) => {
    const labels = OTHER_LABELS[lang as keyof typeof OTHER_LABELS]
    expect(Object.keys(labels.codes).sort()).toEqual([...new Set(closed.map(({ term }) => term.code))].sort())
    expect(Object.keys(labels.languages).sort()).toEqual(LANGUAGES.map((l) => l.code).sort())
    // A label may keep a name (Narcan, Medicaid) but not be the whole English label.
    const english = closed.filter(({ term }) => labels.codes[term.code] === term.en && term.en.length > 4).map(({ term }) => term.code)
    expect(english, 'codes labelled exactly as in English').toEqual(english.filter((code) => KEPT_AS_NAMES.has(code)))
  })

  it('gives each term its eight labels, English and Spanish from the vocabulary itself', () => {
    const naloxone = FILTER_FIELDS.services.find((t) => t.code === 'naloxone')!
    const labels = termLabels('services', naloxone)
    expect(Object.keys(labels)).toEqual([...PAGE_LANGS])
    expect(labels.en).toBe(naloxone.en)
    expect(labels.es).toBe(naloxone.es)
    expect(labels.vi).toBe(OTHER_LABELS.vi.codes.naloxone)
    expect(termLabel('languages', 'es', 'ar')).toBe(OTHER_LABELS.ar.languages.es)
    expect(termLabel('services', 'made_up', 'ko')).toBeNull()
  })
})

/**
 * Codes whose label is a name written alike in Latin-script languages: programmes (Medicaid)
 * and medicines by their international names (Vietnamese and Tagalog write "Methadone").
 */
const KEPT_AS_NAMES = new Set(['medicaid', 'medicare', 'naloxone', 'buprenorphine', 'methadone', 'naltrexone'])
