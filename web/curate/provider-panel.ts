/**
 * The site's provider, in the editor: "trusted provider" (its proposed changes apply without
 * review), and its update links — the list (state, expiry, use), "Make a link" (optionally
 * mailed to the site, where the server has mail), the new link shown once to copy, "Revoke".
 */
import { h } from '../src/dom.js'
import { createProviderLink, fetchProviderLinks, fetchProviderTrust, revokeProviderLink, setProviderTrust } from './api.js'
import { runAction } from './action.js'
import { dateTime } from './display.js'
import { t } from './i18n.js'
import { announce, announceFailure } from './status.js'
import type { ProviderLink } from './types.js'

/** The provider panel of one site, loading itself. */
export function providerPanel(siteId: string): HTMLElement {
  const box = h('section', { class: 'card-box provider', 'aria-labelledby': 'provider-heading' })
  let trusted: boolean | null = null
  let links: ProviderLink[] | null = null
  let fresh: string | null = null

  const reload = async () => {
    try {
      ;[trusted, links] = await Promise.all([fetchProviderTrust(siteId), fetchProviderLinks(siteId)])
    } catch (err) {
      announceFailure(err)
      links ??= []
    }
    draw()
  }

  function trustBox(): HTMLElement {
    const s = t()
    const box = h('input', { id: 'provider-trusted', type: 'checkbox', checked: trusted === true, 'aria-describedby': 'provider-trusted-hint' })
    box.addEventListener('change', () => {
      const want = box.checked
      void setProviderTrust(siteId, want).then(
        () => {
          trusted = want
          announce(want ? s.trustedOn : s.trustedOff)
        },
        (err: unknown) => {
          box.checked = !want
          announceFailure(err)
        },
      )
    })
    return h(
      'div',
      { class: 'field' },
      h('label', { for: 'provider-trusted' }, box, ' ', s.trustedLabel),
      h('p', { class: 'hint', id: 'provider-trusted-hint' }, s.trustedHint),
    )
  }

  function linkItem(link: ProviderLink): HTMLElement {
    const s = t()
    const revoke = h('button', { type: 'button', class: 'btn small', 'aria-label': s.revokeLink(dateTime(link.created_at)) }, s.revoke)
    revoke.addEventListener(
      'click',
      () =>
        void runAction(revoke, async () => {
          await revokeProviderLink(link.id)
          announce(s.linkRevoked)
          await reload()
        }),
    )
    const parts = [
      s.linkStates[link.state],
      s.tokenCreatedAt(dateTime(link.created_at)),
      s.linkExpires(dateTime(link.expires_at)),
      link.last_used_at ? s.tokenUsed(dateTime(link.last_used_at)) : s.tokenNeverUsed,
      link.confirmations ? s.linkConfirmations(link.confirmations) : '',
    ]
    return h('li', {}, h('span', { class: 'muted' }, parts.filter(Boolean).join(' · ')), ' ', link.state === 'active' ? revoke : null)
  }

  function makeForm(): HTMLFormElement {
    const s = t()
    const days = h('input', { id: 'link-days', type: 'number', min: 1, max: 365, step: 1, value: '30', inputmode: 'numeric', size: 4 })
    const email = h('input', { id: 'link-email', type: 'checkbox' })
    const make = h('button', { type: 'submit', class: 'btn', id: 'make-link' }, s.makeLink)
    const form = h(
      'form',
      { class: 'row end' },
      h('div', { class: 'field' }, h('label', { for: 'link-days' }, s.linkDays), days),
      h('div', { class: 'field' }, h('label', { for: 'link-email' }, email, ' ', s.linkEmail)),
      make,
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      void runAction(make, async () => {
        const made = await createProviderLink(siteId, Number(days.value) || 30, email.checked)
        fresh = new URL(made.url, location.origin).href
        await reload()
        document.getElementById('link-url')?.focus()
        announce(made.emailed ? s.linkEmailed : s.linkMade)
      })
    })
    return form
  }

  function freshBox(url: string): HTMLElement {
    const s = t()
    const copy = h('button', { type: 'button', class: 'btn small', id: 'copy-link' }, s.copyLink)
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(url).then(
        () => announce(s.linkCopied),
        () => announce(s.copyFailed, 'error'),
      )
    })
    return h(
      'div',
      { class: 'secret' },
      h('label', { for: 'link-url' }, s.linkShownOnce),
      h('input', { id: 'link-url', type: 'text', readonly: true, value: url, class: 'mono', autocomplete: 'off', spellcheck: 'false' }),
      copy,
    )
  }

  function draw(): void {
    const s = t()
    box.replaceChildren(
      h('h3', { id: 'provider-heading' }, s.providerHeading),
      trusted === null ? h('p', {}, s.loading) : trustBox(),
      h('h4', {}, s.linksHeading),
      h('p', { class: 'hint' }, s.linksHint),
      fresh ? freshBox(fresh) : '',
      links === null
        ? h('p', {}, s.loading)
        : links.length
          ? h('ul', { class: 'token-list', id: 'provider-links' }, ...links.map(linkItem))
          : h('p', { class: 'muted' }, s.noLinks),
      makeForm(),
    )
  }

  draw()
  void reload()
  return box
}
