/**
 * The text-only page (/lite) and the provider update page (/update/<token>) in each of the
 * eight languages, rendered by the real routes over a database: a person reading Vietnamese
 * or Arabic meets no English sentence left behind (site data, names and the brand aside);
 * Arabic pages are right to left; the browser's Accept-Language picks the language when the
 * page names none; the switcher offers every language, as plain links or, where a search must
 * stay out of the URL, as POST buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAGE_LANGS } from '../../common/format.js'
import { LITE_STRINGS } from '../../server/routes/lite/strings.js'
import { UPDATE_STRINGS } from '../../server/routes/update/strings.js'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { bearer, type CurationFixture, curationFixture } from '../curate/helpers.js'
import { hours, site } from '../helpers/sites.js'
import { englishIn, englishPhrases } from './english-left.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const OTHERS = PAGE_LANGS.filter((lang) => lang !== 'en')
const FULL = site({
  id: 'full',
  name: 'Full Listing Clinic',
  lat: 39.2999,
  lon: -76.6252,
  types: ['clinic', 'pharmacy'],
  services: ['naloxone', 'hiv_testing'],
  payment: ['medicaid', 'sliding_fee'],
  languages: ['en', 'es'],
  hours: [hours('MO,TU,WE,TH,FR', '09:00', '17:00'), hours('SA', '00:00', '00:00')],
})
/** The directory's own words on these pages: site names, addresses, sources, the place typed. */
const SITE_DATA = ['Full Listing Clinic', 'Charm City Syringe Program', 'Richmond Harm Reduction', 'Baltimore', 'Test St', 'Test Org', 'test']

let f: CurationFixture
let token: string

beforeAll(async () => {
  f = await curationFixture('pglite')
  await insertSites(f.database.db, [FULL])
  await rebuildSearchTables(f.database.db)
  const made = await f.app.inject({ method: 'POST', url: '/api/v1/curate/sites/md-site/update-links', headers: bearer(f.tokens.curatorMd), payload: {} })
  expect(made.statusCode, made.body).toBe(201)
  token = (made.json() as { url: string }).url
})
afterAll(() => f?.close())

const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers })
const post = (url: string, fields: Record<string, string>) =>
  f.app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(fields).toString() })

/** The /lite pages a person can reach, in one language. */
async function litePages(lang: string): Promise<Record<string, string>> {
  return {
    form: (await get(`/lite?lang=${lang}`)).body,
    results: (await post('/lite', { near: '21201', lang, services: 'naloxone' })).body,
    none: (await post('/lite', { near: '21201', radius: '1', services: 'methadone', lang })).body,
    badField: (await post('/lite', { near: '', lang })).body,
    site: (await get(`/lite/sites/full?lang=${lang}`)).body,
    thanks: (await get(`/lite/sites/md-site?lang=${lang}&thanks=1`)).body,
    notFound: (await get(`/lite/sites/nowhere?lang=${lang}`)).body,
    moved: (await get(`/lite?moved=1&lang=${lang}`)).body,
  }
}

/** The provider's pages, in one language: the page, a "nothing changed" proposal, an empty status post. */
async function updatePages(lang: string): Promise<Record<string, string>> {
  const url = `${token}?lang=${lang}`
  return {
    page: (await get(url)).body,
    nothingChanged: (await post(url, { lang, action: 'propose' })).body,
    emptyStatus: (await post(url, { lang, action: 'status' })).body,
    notFound: (await get(`/update/not-a-token?lang=${lang}`)).body,
  }
}

describe('the text-only page in eight languages', () => {
  it.each(OTHERS)('leaves no English UI string on any /lite page in %s', async (lang) => {
    const english = englishPhrases([{ en: LITE_STRINGS.en, other: LITE_STRINGS[lang] }], lang)
    const pages = await litePages(lang)
    expect(pages.results).toContain('Full Listing Clinic')
    for (const [name, page] of Object.entries(pages)) {
      expect(page, name).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`)
      expect(englishIn(page, english, SITE_DATA), `${lang} ${name}`).toEqual([])
    }
  })

  it('catches English when it is there: the English page, checked as if it were Vietnamese, is full of it', async () => {
    const english = englishPhrases([{ en: LITE_STRINGS.en, other: LITE_STRINGS.vi }], 'vi')
    const page = (await get('/lite/sites/full?lang=en')).body
    expect(englishIn(page, english, SITE_DATA)).toEqual(expect.arrayContaining(['Hours', 'Sources', 'Payment accepted', 'Pharmacy', 'Spanish']))
  })

  it('lays Arabic out right to left, the switcher and dates included', async () => {
    const page = (await get('/lite/sites/full?lang=ar')).body
    expect(page).toContain('<html lang="ar" dir="rtl">')
    expect(page).toContain('<strong aria-current="true" lang="ar">العربية</strong>')
    expect(page).toContain('<a href="/lite/sites/full?lang=en" lang="en" hreflang="en">English</a>')
  })

  it('takes the language from Accept-Language when the page names none, by q-value', async () => {
    const vi = await get('/lite', { 'accept-language': 'fr-FR,fr;q=0.9,vi;q=0.8,en;q=0.5' })
    expect(vi.body).toContain('<html lang="vi" dir="ltr">')
    expect(vi.body).toContain('<input type="hidden" name="lang" value="vi">')
    const ar = await get('/lite/sites/full', { 'accept-language': 'ar-EG' })
    expect(ar.body).toContain('<html lang="ar" dir="rtl">')
    // A cacheable page chosen by the header says so, so a shared cache never hands Arabic to an English reader.
    expect(String(ar.headers.vary)).toMatch(/accept-language/i)
    expect(String((await get('/lite/sites/full?lang=ar')).headers.vary ?? '')).not.toMatch(/accept-language/i)
    const zh = await f.app.inject({ method: 'POST', url: '/lite', headers: { ...FORM, 'accept-language': 'zh-CN,zh;q=0.9' }, payload: 'near=21201' })
    expect(zh.body).toContain('<html lang="zh-Hans" dir="ltr">')
    // The page's own choice wins over the browser's.
    const chosen = await get('/lite?lang=en', { 'accept-language': 'ko' })
    expect(chosen.body).toContain('<html lang="en" dir="ltr">')
    expect((await get('/lite', { 'accept-language': 'de' })).body).toContain('<html lang="en" dir="ltr">')
  })

  it('offers every language on a result page as a POST button carrying the search, never a link with the place', async () => {
    const page = (await post('/lite', { near: '21201', lang: 'ko' })).body
    for (const lang of PAGE_LANGS.filter((l) => l !== 'ko'))
      expect(page).toContain(`<input type="hidden" name="lang" value="${lang}"><button type="submit" class="linkish" lang="${lang}">`)
    expect(page).not.toMatch(/href="[^"]*near=/)
  })
})

describe('the taxonomy API', () => {
  it('labels every term in all eight languages, keeping the en and es fields older clients read', async () => {
    const res = await get('/api/v1/taxonomy')
    expect(res.statusCode).toBe(200)
    const { statuses: _statuses, ...lists } = res.json() as Record<string, { code: string; en: string; es: string; labels: Record<string, string> }[]>
    for (const [field, terms] of Object.entries(lists)) {
      for (const term of terms) {
        expect(Object.keys(term.labels), `${field} ${term.code}`).toEqual([...PAGE_LANGS])
        expect(term.labels.en).toBe(term.en)
        expect(term.labels.es).toBe(term.es)
        for (const lang of OTHERS.filter((l) => l !== 'es')) expect(term.labels[lang], `${field} ${term.code} ${lang}`).not.toBe('')
      }
    }
    const naloxone = lists.services!.find((t) => t.code === 'naloxone')!
    expect(naloxone.labels['zh-Hans']).toBe('纳洛酮（Narcan）')
    expect(lists.languages!.find((l) => l.code === 'es')!.labels.ar).toBe('الإسبانية')
  })
})

describe('the provider update page in eight languages', () => {
  it.each(OTHERS)('leaves no English UI string on the update pages in %s', async (lang) => {
    const english = englishPhrases(
      [
        { en: UPDATE_STRINGS.en, other: UPDATE_STRINGS[lang] },
        { en: LITE_STRINGS.en, other: LITE_STRINGS[lang] },
      ],
      lang,
    )
    for (const [name, page] of Object.entries(await updatePages(lang))) {
      expect(page, name).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`)
      expect(englishIn(page, english, SITE_DATA), `${lang} ${name}`).toEqual([])
    }
  })

  it('switches language by plain links that keep the token path, English named too', async () => {
    const page = (await get(`${token}?lang=ru`)).body
    expect(page).toContain(`<a href="${token}?lang=en" lang="en" hreflang="en">English</a>`)
    expect(page).toContain(`<a href="${token}?lang=ar" lang="ar" hreflang="ar">العربية</a>`)
    expect((await get(token, { 'accept-language': 'tl' })).body).toContain('<html lang="tl" dir="ltr">')
  })
})
