/**
 * The page in both languages: a Spanish reader gets every word the English reader gets, and
 * gets it in Spanish. The types make a missing key a compile error; this also catches keys
 * inside the nested lists (typed as records) and a value pasted across untranslated.
 */
import { describe, expect, it } from 'vitest'
import { en } from '../../web/src/i18n/en.js'
import { es } from '../../web/src/i18n/es.js'

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
