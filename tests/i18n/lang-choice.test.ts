/**
 * Which language a person gets on the server-rendered pages: the one a link or form names,
 * else the browser's Accept-Language read by its q-values, else English.
 */
import { describe, expect, it } from 'vitest'
import { chooseLang, dirOf, langFromAcceptLanguage, pageLangOf } from '../../common/lang-choice.js'

describe('choosing a page language', () => {
  it('reads browser tags as the eight languages: Chinese scripts, Filipino, regional variants', () => {
    expect(pageLangOf('zh-CN')).toBe('zh-Hans')
    expect(pageLangOf('zh-Hans-SG')).toBe('zh-Hans')
    expect(pageLangOf('zh-TW')).toBeNull()
    expect(pageLangOf('zh-Hant')).toBeNull()
    expect(pageLangOf('fil-PH')).toBe('tl')
    expect(pageLangOf('es-MX')).toBe('es')
    expect(pageLangOf('ar-EG')).toBe('ar')
    expect(pageLangOf('fr')).toBeNull()
  })

  it('takes the Accept-Language entry with the highest q the pages speak, ties in header order', () => {
    expect(langFromAcceptLanguage('fr-FR,fr;q=0.9,vi;q=0.8,en;q=0.5')).toBe('vi')
    expect(langFromAcceptLanguage('en;q=0.4, ko;q=0.7, ru;q=0.7')).toBe('ko')
    expect(langFromAcceptLanguage('ru, ar')).toBe('ru')
    expect(langFromAcceptLanguage('ar;q=0, es;q=0.1')).toBe('es')
    expect(langFromAcceptLanguage('de, fr;q=0.5')).toBeNull()
    expect(langFromAcceptLanguage('')).toBeNull()
    expect(langFromAcceptLanguage(undefined)).toBeNull()
    // A malformed q is read as 1 rather than dropping the language.
    expect(langFromAcceptLanguage('tl;q=high')).toBe('tl')
  })

  it('lets a lang the page names win over the browser, and falls back to English', () => {
    expect(chooseLang('es', 'vi')).toBe('es')
    expect(chooseLang('en', 'ar,en;q=0.1')).toBe('en')
    expect(chooseLang('zh-CN', undefined)).toBe('zh-Hans')
    expect(chooseLang('xx', 'ko')).toBe('ko')
    expect(chooseLang(undefined, 'de')).toBe('en')
  })

  it('lays Arabic out right to left and the rest left to right', () => {
    expect(dirOf('ar')).toBe('rtl')
    expect(dirOf('he' as never)).toBe('ltr')
    expect(dirOf('zh-Hans')).toBe('ltr')
  })
})
