/**
 * The curator console and the text-only page in the eight languages, in Chromium. A curator
 * whose browser speaks Vietnamese gets the console in Vietnamese; one who picks Arabic from
 * the switcher gets it right to left; no screen (queue, a site's editor, its history, tokens,
 * accounts) shows an English UI string in another language. /lite in Arabic on a 360 px phone
 * is right to left, scrolls only up and down, and no two controls overlap. Screenshots are
 * saved to look at.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PAGE_LANGS, type PageLang } from '../../common/format.js'
import { createAccount } from '../../server/curate/accounts.js'
import { LITE_STRINGS } from '../../server/routes/lite/strings.js'
import { STRINGS } from '../../web/curate/i18n.js'
import { englishIn, englishPhrases } from '../i18n/english-left.js'
import { axeViolations, DESKTOP, FIXTURE, launchBrowser, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

const ADMIN = { email: 'ada@example.org', name: 'Ada Admin', password: 'a long admin passphrase' }
/** The directory's and the account's own words: site names, addresses, the source, the admin. */
const DATA = [...FIXTURE.map((s) => s.location.name), '1 Test St', 'Baltimore', 'test', ADMIN.name, ADMIN.email, 'America/New_York']
const SCREENS = ['#/queue/reports', '#/queue/verification', '#/sites/otp-closed', '#/sites/otp-closed/history', '#/tokens', '#/accounts']

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(), launchBrowser()])
  await createAccount(server.database.db, { email: ADMIN.email, name: ADMIN.name, role: 'admin', password: ADMIN.password })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Everything a person reads or hears on the page: text, accessible names, titles, the document title. */
const pageWords = (page: Page) =>
  page.evaluate(() => {
    const named = [...document.querySelectorAll('[aria-label],[title],[placeholder]')].map((el) =>
      ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? '').join('\n'),
    )
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not hidden nodes (a <noscript>, a closed panel)
    return [document.title, document.body.innerText, ...named].join('\n')
  })

/** Signs in on a page already showing the login screen, in whatever language it speaks. */
async function signIn(page: Page): Promise<void> {
  await page.locator('#login-email').fill(ADMIN.email)
  await page.locator('#login-password').fill(ADMIN.password)
  await page.locator('#login-password').press('Enter')
  await page.waitForSelector('#tab-reports .count:not(:empty)')
}

/** A console context whose browser prefers `locale`, or remembers `remembered` as the earlier choice. */
async function consoleIn(options: { locale?: string; remembered?: PageLang }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...DESKTOP, ...(options.locale ? { locale: options.locale } : {}) })
  if (options.remembered) await context.addInitScript((lang) => localStorage.setItem('hrl-lang', lang), options.remembered)
  const page = await context.newPage()
  await page.goto(server.url + '/curate')
  await page.waitForSelector('#login-email')
  return { context, page }
}

describe('the curator console in eight languages', () => {
  it('speaks Vietnamese to a browser that prefers it, on every screen, with no English left', async () => {
    const { context, page } = await consoleIn({ locale: 'vi-VN' })
    expect(await page.locator('html').getAttribute('lang')).toBe('vi')
    expect(await page.locator('#screen-heading').textContent()).toBe(STRINGS.vi.signInHeading)
    await signIn(page)
    const english = englishPhrases([{ en: STRINGS.en, other: STRINGS.vi }], 'vi')
    for (const hash of SCREENS) {
      await page.goto(server.url + '/curate' + hash)
      await page.waitForSelector('#screen-heading')
      await page.waitForLoadState('networkidle')
      expect(englishIn(await pageWords(page), english, DATA), hash).toEqual([])
      if (hash === '#/sites/otp-closed') {
        expect(await page.getByRole('checkbox', { name: 'Methadone' }).isChecked()).toBe(true)
        await page.screenshot({ path: `${SCREENSHOTS}/console-vi-site.png`, fullPage: true })
      }
    }
    await page.goto(server.url + '/curate#/queue/reports')
    await page.waitForSelector('#tab-reports .count:not(:empty)')
    await page.screenshot({ path: `${SCREENSHOTS}/console-vi-queue.png` })
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  it.each(PAGE_LANGS.filter((l) => l !== 'en' && l !== 'vi'))('shows no English UI string on any screen in %s', async (lang) => {
    const { context, page } = await consoleIn({ remembered: lang })
    expect(await page.locator('html').getAttribute('lang')).toBe(lang)
    expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr')
    await signIn(page)
    const english = englishPhrases([{ en: STRINGS.en, other: STRINGS[lang] }], lang)
    for (const hash of SCREENS) {
      await page.goto(server.url + '/curate' + hash)
      await page.waitForSelector('#screen-heading')
      await page.waitForLoadState('networkidle')
      expect(englishIn(await pageWords(page), english, DATA), `${lang} ${hash}`).toEqual([])
    }
    await context.close()
  })

  it('switches to Arabic from the language choice, right to left, and remembers only the language', async () => {
    const { context, page } = await consoleIn({})
    // The check has teeth: the English login screen, read as if it were Arabic, is caught.
    const english = englishIn(await pageWords(page), englishPhrases([{ en: STRINGS.en, other: STRINGS.ar }], 'ar'), DATA)
    expect(english).toEqual(expect.arrayContaining(['Sign in', 'Curator console', 'Password']))
    const choice = page.getByRole('combobox', { name: 'Language' })
    expect(await choice.locator('option').allTextContents()).toEqual([
      'English',
      'Español',
      '简体中文',
      'Tiếng Việt',
      '한국어',
      'Tagalog',
      'Русский',
      'العربية',
    ])
    await choice.selectOption('ar')
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await page.locator('#screen-heading').textContent()).toBe(STRINGS.ar.signInHeading)
    await signIn(page)
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({ 'hrl-lang': 'ar' })
    await page.screenshot({ path: `${SCREENSHOTS}/console-ar-queue.png` })
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })
})

describe('/lite in Arabic on a 360 px phone', () => {
  it('is right to left, scrolls only up and down, and no two controls overlap', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'ar',
      timezoneId: 'America/New_York',
    })
    const page = await context.newPage()
    // No lang in the URL: the browser's Arabic picks it.
    await page.goto(server.url + '/lite')
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    await page.getByLabel(LITE_STRINGS.ar.near).fill(ZIP)
    await page.getByRole('button', { name: LITE_STRINGS.ar.search }).click()
    await page.waitForSelector('#results-heading')
    const layout = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('a, button, input:not([type=hidden]), select')]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0)
      const overlaps: string[] = []
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r
          const b = boxes[j]!.r
          const inside = boxes[i]!.el.contains(boxes[j]!.el) || boxes[j]!.el.contains(boxes[i]!.el)
          if (!inside && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
            overlaps.push(`${boxes[i]!.el.textContent?.trim().slice(0, 20)} × ${boxes[j]!.el.textContent?.trim().slice(0, 20)}`)
        }
      }
      // In a right-to-left page the first result's heading starts at the right edge.
      const range = document.createRange()
      range.selectNodeContents(document.querySelector('#results ol h3')!)
      const heading = range.getBoundingClientRect()
      return { scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, overlaps, headingRight: heading.right, headingLeft: heading.left }
    })
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width)
    expect(layout.overlaps).toEqual([])
    expect(layout.width - layout.headingRight).toBeLessThan(layout.headingLeft)
    await page.screenshot({ path: `${SCREENSHOTS}/lite-ar-360.png`, fullPage: true })
    await page.screenshot({ path: `${SCREENSHOTS}/lite-ar-360-top.png` })
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })
})
