/**
 * An account's API tokens for scripts: the list (with last use and revocation), "Create
 * token" — whose secret is shown once, to copy now — and "Revoke".
 */
import { h } from '../src/dom.js'
import { createToken, fetchTokens, revokeToken } from './api.js'
import { runAction } from './action.js'
import { dateTime } from './display.js'
import { t } from './i18n.js'
import { announce, announceFailure } from './status.js'
import type { ApiToken } from './types.js'

/** The tokens panel of one account, loading itself. `level` is its heading level. */
export function tokensPanel(accountId: string, level: 'h3' | 'h4'): HTMLElement {
  const box = h('section', { class: 'tokens', 'aria-labelledby': `tokens-${accountId}` })
  let tokens: ApiToken[] | null = null
  let secret: { name: string; token: string } | null = null

  const reload = async () => {
    try {
      tokens = await fetchTokens(accountId)
    } catch (err) {
      announceFailure(err)
      tokens = []
    }
    draw()
  }

  function draw(): void {
    const s = t()
    const nameId = `token-name-${accountId}`
    const name = h('input', { id: nameId, type: 'text', maxlength: 100, required: true, autocomplete: 'off' })
    const create = h('button', { type: 'submit', class: 'btn' }, s.createToken)
    const form = h('form', { class: 'row end' }, h('div', { class: 'field' }, h('label', { for: nameId }, s.tokenName), name), create)
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const label = name.value.trim()
      if (!label) {
        announce(s.tokenNameMissing, 'error')
        name.focus()
        return
      }
      void runAction(create, async () => {
        const made = await createToken(accountId, label)
        secret = { name: label, token: made.token }
        await reload()
        document.getElementById(`token-secret-${accountId}`)?.focus()
        announce(s.tokenCreated(label))
      })
    })
    const list = (tokens ?? []).map((tok) => {
      const revoke = h('button', { type: 'button', class: 'btn small', 'aria-label': s.revokeToken(tok.name) }, s.revoke)
      revoke.addEventListener(
        'click',
        () =>
          void runAction(revoke, async () => {
            await revokeToken(tok.id)
            announce(s.tokenRevoked(tok.name))
            await reload()
          }),
      )
      return h(
        'li',
        {},
        h('strong', {}, tok.name),
        ' ',
        h(
          'span',
          { class: 'muted' },
          [
            s.tokenCreatedAt(dateTime(tok.created_at)),
            tok.last_used_at ? s.tokenUsed(dateTime(tok.last_used_at)) : s.tokenNeverUsed,
            tok.revoked_at ? s.tokenRevokedAt(dateTime(tok.revoked_at)) : '',
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        tok.revoked_at ? null : revoke,
      )
    })
    const secretBox = secret
      ? h(
          'div',
          { class: 'secret' },
          h('label', { for: `token-secret-${accountId}` }, s.tokenShownOnce(secret.name)),
          h('input', {
            id: `token-secret-${accountId}`,
            type: 'text',
            readonly: true,
            value: secret.token,
            class: 'mono',
            autocomplete: 'off',
            spellcheck: 'false',
          }),
        )
      : null
    box.replaceChildren(
      h(level, { id: `tokens-${accountId}` }, s.tokensHeading),
      secretBox ?? '',
      tokens === null ? h('p', {}, s.loading) : list.length ? h('ul', { class: 'token-list' }, ...list) : h('p', { class: 'muted' }, s.noTokens),
      form,
    )
  }

  draw()
  void reload()
  return box
}
