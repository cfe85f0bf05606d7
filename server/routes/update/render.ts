/**
 * HTML of the provider update page: the listing as the public sees it (the /lite site view),
 * the "Everything is correct" form, the "Propose changes" form (render-propose.ts), the
 * thank-you pages and the one page every link that does not work gets. The page is a list of
 * sections, one function each. No script, no cookie; built with the `html` template, which
 * escapes every value.
 */
import type { SiteDetail } from '../../../common/contract/site.js'
import { dateText, type PageLang } from '../../../common/format.js'
import { dirOf } from '../../../common/lang-choice.js'
import { LANG_SWITCH_STYLE, langLinks } from '../../html/lang-switch.js'
import { html, type SafeHtml } from '../../html/template.js'
import { LITE_STYLE } from '../lite/render.js'
import { LITE_SITE_STYLE, liteSiteBody } from '../lite/render-site.js'
import { PROPOSE_STYLE, proposeSection, type ProposalView } from './render-propose.js'
import { renderStatusSection } from './status-form.js'
import { UPDATE_STRINGS } from './strings.js'

const UPDATE_STYLE = html`.listing{border:1px solid #999;border-radius:4px;padding:.5rem .75rem;margin:.75rem 0}.confirm{margin:1rem 0}
.confirm button{width:100%;max-width:24rem}.expires{color:#4a4f55;font-size:.9rem}
#status select,#status input{font-size:1rem;min-height:44px;max-width:100%}#status .error{color:#8a3b00;font-weight:600}#status .done{color:#1d6b2f;font-weight:600}`

/** A page; `switchPath` (the page's own path) gives it a language switcher, each language a plain link. */
function page(lang: PageLang, title: string, main: SafeHtml, switchPath: string | null): string {
  const s = UPDATE_STRINGS[lang]
  // Every language named in the link, English too: a choice of English outlasts a browser that prefers another.
  const other = switchPath ? langLinks(lang, s.languageChoice, (to) => `${switchPath}?lang=${to}`) : ''
  return html`<!doctype html>
<html lang="${lang}" dir="${dirOf(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer">
<title>${title}</title><link rel="icon" href="data:,"><style>${LITE_STYLE}
${LITE_SITE_STYLE}
${UPDATE_STYLE}
${PROPOSE_STYLE}
${LANG_SWITCH_STYLE}</style></head>
<body><header>${other}<h1>${title}</h1></header>
<main>${main}</main></body></html>`.toString()
}

const pathOf = (token: string) => `/update/${encodeURIComponent(token)}`
/** The path in a language: English bare (the link as e-mailed), the others with `?lang=`. */
const withLang = (path: string, lang: PageLang) => (lang === 'en' ? path : `${path}?lang=${lang}`)

export interface UpdatePage {
  token: string
  lang: PageLang
  now: Date
  site: SiteDetail
  expiresAt: string
  proposal: ProposalView
  /** After posting live status: what came of it (shown in the status section). */
  statusMessage?: { text: string; error: boolean }
}

/** The listing as the public sees it. */
function listingSection(p: UpdatePage): SafeHtml {
  const s = UPDATE_STRINGS[p.lang]
  return html`<p>${s.intro}</p>
<section class="listing" aria-label="${s.listing}">${liteSiteBody(p.site, p.lang, p.now)}</section>`
}

/** "Everything is correct". */
function confirmSection(p: UpdatePage): SafeHtml {
  const s = UPDATE_STRINGS[p.lang]
  return html`<section><h2>${s.confirmHeading}</h2><p>${s.confirmHelp}</p>
<form class="confirm" method="post" action="${withLang(pathOf(p.token), p.lang)}"><input type="hidden" name="lang" value="${p.lang}">
<button type="submit" name="confirm" value="1">${s.confirm}</button></form>
<p>${s.changeHelp}</p><p class="expires">${s.expires(dateText(p.expiresAt, p.lang))}</p></section>`
}

/** The sections of the page, in order (a new section is one more function here). */
const SECTIONS: readonly ((p: UpdatePage) => SafeHtml)[] = [
  listingSection,
  (p) =>
    renderStatusSection({
      lang: p.lang,
      now: p.now,
      site: p.site,
      action: withLang(pathOf(p.token), p.lang),
      ...(p.statusMessage ? { message: p.statusMessage } : {}),
    }),
  confirmSection,
  (p) => proposeSection({ action: withLang(pathOf(p.token), p.lang), lang: p.lang, view: p.proposal }),
]

/** The listing, the confirm form and the propose form (with a problem to fix, when a sent form came back). */
export function renderUpdatePage(p: UpdatePage): string {
  const s = UPDATE_STRINGS[p.lang]
  return page(p.lang, s.title, html`${SECTIONS.map((section) => section(p))}`, pathOf(p.token))
}

/** After "Send the changes": sent for review, or (a trusted provider) applied. */
export function renderProposedPage(p: { token: string; lang: PageLang; applied: boolean; fields: readonly string[] }): string {
  const s = UPDATE_STRINGS[p.lang]
  const names = p.fields.map((f) => s.fields[f as keyof typeof s.fields] ?? f).join(', ')
  const main = html`<p role="status">${p.applied ? s.applied : s.proposed}</p><p>${s.sentFields(names)}</p>
<p><a href="${withLang(pathOf(p.token), p.lang)}">${s.viewAgain}</a></p>`
  return page(p.lang, s.proposedTitle, main, null)
}

/** After "Everything is correct". */
export function renderThanksPage(p: { token: string; lang: PageLang; date: string }): string {
  const s = UPDATE_STRINGS[p.lang]
  const main = html`<p role="status">${s.thanks(dateText(p.date, p.lang))}</p><p><a href="${withLang(pathOf(p.token), p.lang)}">${s.viewAgain}</a></p>`
  return page(p.lang, s.thanksTitle, main, null)
}

/**
 * The one answer to every link that does not work — unknown, expired, revoked or malformed —
 * in the language asked for: nothing in it depends on the token.
 */
export function renderLinkNotFoundPage(lang: PageLang): string {
  const s = UPDATE_STRINGS[lang]
  return page(lang, s.notFoundTitle, html`<p role="alert">${s.notFound}</p>`, null)
}

/** The database away or slow. */
export function renderUnavailablePage(lang: PageLang): string {
  const s = UPDATE_STRINGS[lang]
  return page(lang, s.title, html`<p role="alert">${s.unavailable}</p>`, null)
}
