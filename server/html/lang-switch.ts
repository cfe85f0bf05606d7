/**
 * The server-rendered pages' language switcher: every page language in its own name, as plain
 * links (or, where the page holds a search that must not go in a URL, as POST buttons built by
 * the caller), with the current one marked and not a link. No script needed.
 */
import { PAGE_LANGS, type PageLang } from '../../common/format.js'
import { LANGUAGE_NAMES } from '../../common/lang-choice.js'
import { html, type SafeHtml } from './template.js'

/** The switcher's style rules, for a page's <style>. */
export const LANG_SWITCH_STYLE = html`.langs{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:0 .9rem}
.langs li{margin:0}.langs a,.langs strong,.langs button{display:inline-block;min-height:44px;line-height:44px}`

/**
 * A <nav> of the eight languages: `item(lang)` gives the control for one language other than
 * the current one (a link or a small form); the current language is shown, marked, and inert.
 */
export function langSwitch(current: PageLang, label: string, item: (lang: PageLang) => SafeHtml): SafeHtml {
  const items = PAGE_LANGS.map((lang) =>
    lang === current ? html`<li><strong aria-current="true" lang="${lang}">${LANGUAGE_NAMES[lang]}</strong></li>` : html`<li>${item(lang)}</li>`,
  )
  return html`<nav aria-label="${label}"><ul class="langs">${items}</ul></nav>`
}

/** A switcher of plain links: `hrefOf(lang)` is the same page in that language. */
export function langLinks(current: PageLang, label: string, hrefOf: (lang: PageLang) => string): SafeHtml {
  return langSwitch(current, label, (lang) => html`<a href="${hrefOf(lang)}" lang="${lang}" hreflang="${lang}">${LANGUAGE_NAMES[lang]}</a>`)
}
