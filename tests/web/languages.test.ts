/**
 * The map page in each of its eight languages on a 360 px phone (issue 17): a reader whose
 * browser speaks Chinese, Vietnamese, Korean, Tagalog, Russian or Arabic gets the page in it,
 * searches 21201, opens a listing, and meets no English from the page's own words; axe finds
 * nothing; Arabic is right to left with no control on top of another and nothing wider than
 * the screen. Saves the Arabic and Chinese screenshots people review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { en } from '../../web/src/i18n/en.js'
import { LANGUAGE_NAMES } from '../../web/src/i18n.js'
import { axeViolations, FRESHNESS_FIXTURE, launchBrowser, PUBLIC_NOTES, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(FRESHNESS_FIXTURE, PUBLIC_NOTES), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const PHONE_360: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  timezoneId: 'America/New_York',
}

/** The browser locale each page language is found from (Chinese by a region tag, as phones send it). */
const BROWSER_LOCALES: [lang: string, locale: string][] = [
  ['en', 'en-US'],
  ['es', 'es-MX'],
  ['zh-Hans', 'zh-CN'],
  ['vi', 'vi-VN'],
  ['ko', 'ko-KR'],
  ['tl', 'tl'],
  ['ru', 'ru-RU'],
  ['ar', 'ar-EG'],
]

/** en.ts's own sentences and labels (longer than a word or two), which no other render may show. */
const ENGLISH: string[] = (() => {
  const out = new Set<string>()
  for (const [key, value] of Object.entries(en)) {
    if (key === 'otherLanguage' || key === 'otherLanguageLabel') continue // Spanish by design
    const texts = typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value as Record<string, string>) : []
    for (const text of texts) if (text.length >= 10) out.add(text)
  }
  for (const name of Object.values(LANGUAGE_NAMES)) out.delete(name)
  return [...out]
})()

/** The text of the page (hidden parts too, which is stricter), the language switcher’s own names aside. */
async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement
    copy.querySelector('#lang-choice')?.remove()
    copy.querySelector('#lang-switch')?.remove()
    return copy.textContent ?? ''
  })
}

async function searchAndOpen(page: Page): Promise<void> {
  await page.goto(server.url + '/')
  await page.fill('#near', ZIP)
  await page.press('#near', 'Enter')
  await page.waitForSelector('.card .name-button')
}

/** Interactive controls that are visible, not fixed to the screen (the quick-exit button floats by design), under `root`. */
async function controlBoxes(page: Page, root: string): Promise<{ id: string; x: number; y: number; w: number; h: number }[]> {
  return page.evaluate((rootSelector) => {
    const scope = document.querySelector(rootSelector) ?? document.body
    const controls = [...scope.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
    return controls
      .filter((el) => {
        const style = getComputedStyle(el)
        const r = el.getBoundingClientRect()
        // Inside a closed <details> a control keeps a box but is not drawn: checkVisibility knows.
        if (!el.checkVisibility({ visibilityProperty: true }) || r.width < 2 || r.height < 2) return false
        // A checkbox drawn by its chip, or a visually hidden control, is not a target of its own.
        if (style.opacity === '0' || r.width * r.height <= 4) return false
        for (let p: HTMLElement | null = el; p; p = p.parentElement) if (getComputedStyle(p).position === 'fixed') return false
        return true
      })
      .map((el, i) => {
        const r = el.getBoundingClientRect()
        const name = el.id || el.getAttribute('name') || el.textContent?.trim().slice(0, 20) || el.tagName
        return { id: `${i}:${el.tagName.toLowerCase()}:${name}`, x: r.left, y: r.top + window.scrollY, w: r.width, h: r.height }
      })
  }, root)
}

function overlaps(boxes: { id: string; x: number; y: number; w: number; h: number }[]): string[] {
  const found: string[] = []
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!
      const b = boxes[j]!
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
      if (dx > 1 && dy > 1) found.push(`${a.id} × ${b.id}`)
    }
  return found
}

describe.each(BROWSER_LOCALES)('the map page in %s on a 360 px phone', (lang, locale) => {
  it('starts in the browser’s language, finds places near 21201, opens one, and shows no English of its own', async () => {
    const context = await browser.newContext({ ...PHONE_360, locale })
    const page = await context.newPage()
    await searchAndOpen(page)
    expect(await page.locator('html').getAttribute('lang')).toBe(lang)
    expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr')
    expect(await page.locator('#lang-choice').inputValue()).toBe(lang)
    expect(await axeViolations(page), 'results').toEqual([])

    const resultsText = await bodyText(page)
    await page.locator('.card .name-button').first().click()
    await page.waitForSelector('dialog[open] .report')
    expect(await axeViolations(page), 'detail').toEqual([])
    const detailText = await bodyText(page)

    if (lang !== 'en') {
      const english = ENGLISH.filter((s) => resultsText.includes(s) || detailText.includes(s))
      expect(english, 'English from en.ts in the page').toEqual([])
    }
    if (lang === 'ar' || lang === 'zh-Hans') {
      await page.screenshot({ path: `${SCREENSHOTS}/languages-${lang}-360-detail.png` })
      await page.keyboard.press('Escape')
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: `${SCREENSHOTS}/languages-${lang}-360-top.png` })
    }
    await context.close()
  })
})

describe('Arabic, right to left, at 360 px', () => {
  it('mirrors the page with no control on top of another and nothing wider than the screen', async () => {
    const context = await browser.newContext({ ...PHONE_360, locale: 'ar' })
    const page = await context.newPage()
    await searchAndOpen(page)
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl')
    // Mirrored: the title sits at the right edge, as an Arabic reader starts.
    const title = await page.locator('.top h1').boundingBox()
    expect(title!.x + title!.width).toBeGreaterThan(300)

    const widest = () =>
      page.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, ...[...document.body.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right)),
      )
    expect(await widest()).toBeLessThanOrEqual(360)
    expect(overlaps(await controlBoxes(page, 'body'))).toEqual([])

    await page.locator('.card .name-button').first().click()
    await page.waitForSelector('dialog[open] .report')
    expect(overlaps(await controlBoxes(page, 'dialog[open]'))).toEqual([])
    const dialogWidest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('dialog[open] *')].map((el) => el.getBoundingClientRect().right)))
    expect(dialogWidest).toBeLessThanOrEqual(360)
    await context.close()
  })
})

describe('the language switcher', () => {
  it('lists every language in its own name, switches from the keyboard, and remembers only the language', async () => {
    const context = await browser.newContext({ ...PHONE_360, locale: 'en-US' })
    const page = await context.newPage()
    await page.goto(server.url + '/')
    const names = await page.locator('#lang-choice option').allTextContents()
    expect(names).toEqual(Object.values(LANGUAGE_NAMES))
    expect(await page.getByRole('combobox', { name: 'Language' }).count()).toBe(1)

    await page.focus('#lang-choice')
    await page.selectOption('#lang-choice', 'ru')
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru')
    expect(await page.locator('h1').textContent()).toBe('Найдите помощь рядом')
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({ 'hrl-lang': 'ru' })

    await page.reload()
    expect(await page.locator('html').getAttribute('lang')).toBe('ru')
    // The English–Spanish button takes a Russian reader back to English.
    await page.click('#lang-switch')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('#lang-choice').inputValue()).toBe('en')
    await context.close()
  })
})
