/**
 * The page in its languages: a Spanish (or Chinese, Vietnamese, Korean, Tagalog, Russian,
 * Arabic) reader gets every word the English reader gets, and gets it in their language. The types make a missing key a compile error; this also catches keys
 * inside the nested lists (typed as records) and a value pasted across untranslated.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { availabilityChoices, availabilitySummary } from '../../common/availability-text.js'
import type { AvailabilityReports } from '../../common/contract/availability.js'
import type { LiveStatusItem } from '../../common/contract/live-status.js'
import { closureText, notePrefix } from '../../common/curator-notes.js'
import { clockText, distanceText, openStatusText, PAGE_LANGS, plural, type PageLang } from '../../common/format.js'
import { alsoOpenText, recurringLine } from '../../common/hours-text.js'
import { liveHeading, liveLines } from '../../common/live-status-text.js'
import { nextHereText } from '../../common/next-open-text.js'
import { sourceLabel } from '../../common/source-labels.js'
import { VERIFICATION_AGES, verificationLine } from '../../common/verification.js'
import { pageLangOf } from '../../web/src/i18n.js'
import { ar } from '../../web/src/i18n/ar.js'
import { en } from '../../web/src/i18n/en.js'
import { es } from '../../web/src/i18n/es.js'
import { ko } from '../../web/src/i18n/ko.js'
import { ru } from '../../web/src/i18n/ru.js'
import { tl } from '../../web/src/i18n/tl.js'
import { vi } from '../../web/src/i18n/vi.js'
import { zhHans } from '../../web/src/i18n/zh-Hans.js'

/** Values that are the same in both languages by nature, and why. */
const SAME_BY_NATURE: Record<string, string> = {
  marker: 'a number and a site name: "3. Penn Pharmacy"',
  routeBadge: 'a count in brackets: " (3)"',
  distanceMi: 'a number and the unit symbol "mi"',
  distanceKm: 'a number and the unit symbol "km"',
  speedMph: 'a number and the unit symbol "mph"',
  speedKmh: 'a number and the unit symbol "km/h"',
}

type Dictionary = Record<string, unknown>

/** Every entry as text: strings as they are, nested lists by their own keys, functions called with sample arguments. */
function entries(dictionary: Dictionary): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(dictionary)) {
    if (typeof value === 'string') out.set(key, value)
    else if (typeof value === 'function') {
      // Singular and plural, with every argument the same sample (numbers read fine in text slots too).
      for (const n of [1, 2]) out.set(`${key}(${n})`, String((value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, () => n))))
    } else if (value && typeof value === 'object') {
      for (const [inner, text] of Object.entries(value)) out.set(`${key}.${inner}`, String(text))
    } else out.set(key, String(value))
  }
  return out
}

describe('the page in English and Spanish', () => {
  it('has exactly the same keys in both languages, nested lists included', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort())
    expect([...entries(es as Dictionary).keys()].sort()).toEqual([...entries(en as Dictionary).keys()].sort())
  })

  it('gives every key the same kind of value in both languages (a function stays a function)', () => {
    for (const key of Object.keys(en)) {
      const a = (en as Dictionary)[key]
      const b = (es as Dictionary)[key]
      expect(typeof b, key).toBe(typeof a)
      if (typeof a === 'function') expect((b as () => unknown).length, key).toBe(a.length)
    }
  })

  it('says nothing in Spanish the way English says it, except what is the same by nature', () => {
    const english = entries(en as Dictionary)
    const untranslated = [...entries(es as Dictionary)]
      .filter(([key, text]) => english.get(key) === text && !(key.replace(/\(.*$/, '') in SAME_BY_NATURE))
      .map(([key, text]) => `${key}: ${text}`)
    expect(untranslated).toEqual([])
  })

  it('keeps the allow-list honest: every entry on it is in both languages and reads the same', () => {
    const english = entries(en as Dictionary)
    const spanish = entries(es as Dictionary)
    for (const key of Object.keys(SAME_BY_NATURE)) {
      const forms = [...english.keys()].filter((k) => k.replace(/\(.*$/, '') === key)
      expect(forms.length, key).toBeGreaterThan(0)
      for (const form of forms) expect(spanish.get(form), form).toBe(english.get(form))
    }
  })
})

/** The map page's other languages (issue 17), machine-assisted and awaiting native review. */
const OTHERS: Record<string, Dictionary> = {
  'zh-Hans': zhHans as Dictionary,
  vi: vi as Dictionary,
  ko: ko as Dictionary,
  tl: tl as Dictionary,
  ru: ru as Dictionary,
  ar: ar as Dictionary,
}

/**
 * Entries a language writes as English does, and why: numbers with a symbol or a name, codes,
 * loanwords the language uses as they are.
 */
const SAME_AS_ENGLISH: Record<string, Record<string, string>> = {
  'zh-Hans': { marker: 'a number and a site name' },
  vi: { marker: 'a number and a site name', routeBadge: 'a count in brackets', distanceKm: '"km" is the Vietnamese unit symbol' },
  ko: { routeBadge: 'a count in brackets' },
  tl: {
    routeBadge: 'a count in brackets',
    vanHeading: '"van" is the word Tagalog speakers use',
  },
  ru: { routeBadge: 'a count in brackets' },
  ar: { routeBadge: 'a count in brackets' },
}

/** Every entry with counts that reach each language's plural categories (1, 2, 3, 5, 11, 21, 100). */
function countedEntries(dictionary: Dictionary): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(dictionary)) {
    if (typeof value !== 'function') continue
    for (const n of [0, 1, 2, 3, 5, 11, 21, 100])
      out.set(`${key}(${n})`, String((value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, () => n))))
  }
  return out
}

describe.each(Object.entries(OTHERS))('the page in %s', (lang, dictionary) => {
  it('has exactly the English keys, nested lists included', () => {
    expect(Object.keys(dictionary).sort()).toEqual(Object.keys(en).sort())
    expect([...entries(dictionary).keys()].sort()).toEqual([...entries(en as Dictionary).keys()].sort())
  })

  it('gives every key the same kind of value as English, and functions the same arity', () => {
    for (const key of Object.keys(en)) {
      const a = (en as Dictionary)[key]
      const b = dictionary[key]
      expect(typeof b, key).toBe(typeof a)
      if (typeof a === 'function') expect((b as () => unknown).length, key).toBe(a.length)
    }
  })

  it('says something (never an empty string or "undefined") for every entry and every count', () => {
    const english = entries(en as Dictionary)
    for (const [key, text] of [...entries(dictionary), ...countedEntries(dictionary)]) {
      // English says nothing for "no filters on" or "no stops in the route"; the others may too.
      if (english.get(key) === '') continue
      if (/^(activeFilters|routeBadge)\(0\)$/.test(key)) continue
      expect(text.trim(), key).not.toBe('')
      expect(text, key).not.toMatch(/undefined|NaN|\[object/)
    }
  })

  it('says nothing the way English says it, except what is on its allow-list', () => {
    const english = entries(en as Dictionary)
    const allowed = SAME_AS_ENGLISH[lang] ?? {}
    const untranslated = [...entries(dictionary)]
      .filter(([key, text]) => text !== '' && english.get(key) === text && !(key.replace(/\(.*$/, '') in allowed))
      .map(([key, text]) => `${key}: ${text}`)
    expect(untranslated).toEqual([])
  })

  it('keeps its allow-list honest: each entry on it does read as English does', () => {
    const english = entries(en as Dictionary)
    const own = entries(dictionary)
    for (const key of Object.keys(SAME_AS_ENGLISH[lang] ?? {})) {
      const forms = [...english.keys()].filter((k) => k.replace(/\(.*$/, '') === key)
      expect(
        forms.some((form) => own.get(form) === english.get(form)),
        key,
      ).toBe(true)
    }
  })

  it('is marked as machine-assisted and not yet reviewed', async () => {
    const source = readFileSync(new URL(`../../web/src/i18n/${lang}.ts`, import.meta.url), 'utf8')
    expect(source).toMatch(/Machine-assisted translation, to be reviewed by a native speaker/)
    expect(source).toMatch(/export const reviewed = false/)
  })
})

describe('counts in each language’s own plural categories', () => {
  it('keeps English and Spanish forms as they were', () => {
    expect(plural(1, 'en', { one: 'place', other: 'places' })).toBe('place')
    expect(plural(2, 'es', { one: 'lugar', other: 'lugares' })).toBe('lugares')
  })

  it('says Russian counts with one, few and many: 1 and 21 мес-то, 2–4 места, 5–20 мест', () => {
    expect(ru.placeZips(1)).toBe('1 индекс')
    expect(ru.placeZips(21)).toBe('21 индекс')
    expect(ru.placeZips(3)).toBe('3 индекса')
    expect(ru.placeZips(5)).toBe('5 индексов')
    expect(ru.placeZips(11)).toBe('11 индексов')
    expect(ru.found(22, 'Baltimore', false)).toMatch(/^22 места /)
  })

  it('says Arabic counts with zero, one, two, few, many and other', () => {
    const forms = { zero: 'z', one: 'o', two: 't', few: 'f', many: 'm', other: 'x' }
    expect([0, 1, 2, 3, 11, 100].map((n) => plural(n, 'ar', forms))).toEqual(['z', 'o', 't', 'f', 'm', 'x'])
    expect(ar.placeZips(1)).toBe('رمز بريدي واحد')
    expect(ar.placeZips(2)).toBe('رمزان بريديان')
    expect(ar.placeZips(4)).toBe('4 رموز بريدية')
  })

  it('uses "other" alone for Chinese, Vietnamese and Korean, and falls back to it for a missing form', () => {
    for (const lang of ['zh-Hans', 'vi', 'ko'] as const) expect(plural(1, lang, { one: 'one', other: 'other' })).toBe('other')
    expect(plural(3, 'ru', { one: 'one', other: 'other' })).toBe('other')
  })
})

describe('the shared word tables the page uses, in all eight languages', () => {
  const now = new Date('2026-12-02T15:00:00Z')
  /** What the page shows from common/*: opening state, dates, verification, notes, live status, reports, hours. */
  const said = (lang: PageLang) => [
    openStatusText(true, '2026-12-02T20:00:00-05:00', 'America/New_York', now, lang),
    openStatusText(false, '2026-12-04T09:30:00-05:00', 'America/New_York', now, lang),
    openStatusText(null, null, 'America/New_York', now, lang),
    openStatusText(true, null, 'America/New_York', now, lang),
    distanceText(1.5, lang),
    distanceText(0.2, lang, true),
    verificationLine('2026-10-01', '2026-12-02', lang).verified ?? '',
    ...VERIFICATION_AGES.map(
      (age) => verificationLine(age === 'never' ? null : { fresh: '2026-10-01', aging: '2026-03-01', stale: '2025-01-01' }[age], '2026-12-02', lang).label,
    ),
    notePrefix(lang),
    closureText('temporarily_closed', '2026-12-15', null, '2026-12-02', lang) ?? '',
    ...liveLines(
      [
        { topic: 'naloxone', value: 'low', posted_at: '2026-12-02T13:00:00Z', expires_at: '2026-12-03T13:00:00Z', posted_by: 'provider' },
        { topic: 'beds_available', value: 3, posted_at: '2026-12-02T14:00:00Z', expires_at: '2026-12-03T13:00:00Z', posted_by: 'curator' },
      ] as LiveStatusItem[],
      now,
      lang,
    ).flatMap((l) => [l.text, l.age, l.by]),
    liveHeading(lang),
    ...(availabilitySummary({ total: 3, window_days: 7, counts: [{ kind: 'got_supplies', supply: 'naloxone', count: 3 }] } as AvailabilityReports, lang)
      ?.parts ?? []),
    ...availabilityChoices(['naloxone'], lang).map((c) => c.label),
    nextHereText({ starts: '2026-12-08T10:00:00-05:00', ends: '2026-12-08T14:00:00-05:00' }, lang),
    recurringLine({ byday: '2TU,4TU', opens: '10:00', closes: '14:00', freq: 'MONTHLY' }, lang),
    alsoOpenText(lang),
    sourceLabel('samhsa_otp', lang),
  ]

  it('has every table in every page language, each saying something', () => {
    for (const lang of PAGE_LANGS) for (const text of said(lang)) expect(text.trim(), `${lang}: ${text}`).not.toBe('')
  })

  it('says none of it in English in the new languages', () => {
    const english = said('en')
    for (const lang of PAGE_LANGS.filter((l) => l !== 'en' && l !== 'es')) {
      const same = said(lang).filter((text, i) => text === english[i])
      expect(same, lang).toEqual([])
    }
  })

  it('tells the time through Intl in the new languages', () => {
    expect(clockText('20:00', 'ru')).toBe('20:00')
    expect(clockText('09:30', 'ko')).toMatch(/9:30/)
    expect(clockText('20:00', 'ar')).toMatch(/^8:00\s?م$/)
    expect(clockText('20:00', 'en')).toBe('8 pm')
    expect(clockText('20:00', 'es')).toBe('8 p. m.')
  })
})

describe('choosing the language from the browser', () => {
  it('matches browser tags to the page languages', () => {
    const cases: [string, string | null][] = [
      ['zh', 'zh-Hans'],
      ['zh-CN', 'zh-Hans'],
      ['zh-Hans', 'zh-Hans'],
      ['zh-Hans-US', 'zh-Hans'],
      ['zh-TW', null],
      ['zh-Hant', null],
      ['es-MX', 'es'],
      ['vi-VN', 'vi'],
      ['ko-KR', 'ko'],
      ['fil-PH', 'tl'],
      ['tl', 'tl'],
      ['ru-RU', 'ru'],
      ['ar-EG', 'ar'],
      ['fr-FR', null],
    ]
    for (const [tag, lang] of cases) expect(pageLangOf(tag), tag).toBe(lang)
  })
})
