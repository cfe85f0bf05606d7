/**
 * HTML of the provider update page: the listing as the public sees it (the /lite site view),
 * the "Everything is correct" form, the thank-you page and the one page every link that does
 * not work gets. No script, no cookie; built with the `html` template, which escapes every value.
 */
import type { SiteDetail } from '../../../common/contract/site.js'
import { dateText, type Lang } from '../../../common/format.js'
import { html, type SafeHtml } from '../../html/template.js'
import { LITE_STYLE } from '../lite/render.js'
import { LITE_SITE_STYLE, liteSiteBody } from '../lite/render-site.js'
import { UPDATE_STRINGS } from './strings.js'

const UPDATE_STYLE = html`.listing{border:1px solid #999;border-radius:4px;padding:.5rem .75rem;margin:.75rem 0}.confirm{margin:1rem 0}
.confirm button{width:100%;max-width:24rem}.expires{color:#4a4f55;font-size:.9rem}`

function page(lang: Lang, title: string, main: SafeHtml, switchHref: string | null): string {
  const s = UPDATE_STRINGS[lang]
  const other = switchHref ? html`<p><a href="${switchHref}" lang="${s.otherLang}">${s.other}</a></p>` : ''
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer">
<title>${title}</title><link rel="icon" href="data:,"><style>${LITE_STYLE}
${LITE_SITE_STYLE}
${UPDATE_STYLE}</style></head>
<body><header>${other}<h1>${title}</h1></header>
<main>${main}</main></body></html>`.toString()
}

const pathOf = (token: string) => `/update/${encodeURIComponent(token)}`
const withLang = (path: string, lang: Lang) => (lang === 'es' ? `${path}?lang=es` : path)

/** The listing and the confirm form. */
export function renderUpdatePage(p: { token: string; lang: Lang; now: Date; site: SiteDetail; expiresAt: string }): string {
  const s = UPDATE_STRINGS[p.lang]
  const path = pathOf(p.token)
  const main = html`<p>${s.intro}</p>
<section class="listing" aria-label="${s.listing}">${liteSiteBody(p.site, p.lang, p.now)}</section>
<section><h2>${s.confirmHeading}</h2><p>${s.confirmHelp}</p>
<form class="confirm" method="post" action="${withLang(path, p.lang)}"><input type="hidden" name="lang" value="${p.lang}">
<button type="submit" name="confirm" value="1">${s.confirm}</button></form>
<p>${s.changeHelp}</p><p class="expires">${s.expires(dateText(p.expiresAt, p.lang))}</p></section>`
  return page(p.lang, s.title, main, withLang(path, s.otherLang))
}

/** After "Everything is correct". */
export function renderThanksPage(p: { token: string; lang: Lang; date: string }): string {
  const s = UPDATE_STRINGS[p.lang]
  const main = html`<p role="status">${s.thanks(dateText(p.date, p.lang))}</p><p><a href="${withLang(pathOf(p.token), p.lang)}">${s.viewAgain}</a></p>`
  return page(p.lang, s.thanksTitle, main, null)
}

/**
 * The one answer to every link that does not work — unknown, expired, revoked or malformed —
 * in the language asked for: nothing in it depends on the token.
 */
export function renderLinkNotFoundPage(lang: Lang): string {
  const s = UPDATE_STRINGS[lang]
  return page(lang, s.notFoundTitle, html`<p role="alert">${s.notFound}</p>`, null)
}

/** The database away or slow. */
export function renderUnavailablePage(lang: Lang): string {
  const s = UPDATE_STRINGS[lang]
  return page(lang, s.title, html`<p role="alert">${s.unavailable}</p>`, null)
}
