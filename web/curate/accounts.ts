/**
 * Account admin (admins only): the accounts with role, scope and state; "New account" with
 * role, scope (states, sources) and a password; disable or enable; reset a password; each
 * account's API tokens.
 */
import { h } from '../src/dom.js'
import { createAccount, fetchAccounts, updateAccount } from './api.js'
import { runAction } from './action.js'
import { t } from './i18n.js'
import { type Screen, replaceContent, screenHeading } from './screen.js'
import { announce, announceFailure } from './status.js'
import { tokensPanel } from './tokens.js'
import type { Account, Role } from './types.js'

const MIN_PASSWORD = 12
/** "MD, va" → ["MD", "VA"]; sources keep their case. */
const splitList = (text: string, upper: boolean) =>
  text
    .split(/[,\s]+/)
    .map((x) => (upper ? x.toUpperCase() : x))
    .filter(Boolean)

/** The accounts screen. */
export function accountsScreen(root: HTMLElement, me: Account): Screen {
  let accounts: Account[] | null = null
  const openTokens = new Set<string>()

  async function load(): Promise<void> {
    try {
      accounts = await fetchAccounts()
    } catch (err) {
      announceFailure(err)
      accounts = []
    }
  }

  function field(id: string, text: string, control: HTMLElement, hint?: string): HTMLElement {
    return h('div', { class: 'field' }, h('label', { for: id }, text), control, hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null)
  }

  function newAccountForm(): HTMLElement {
    const s = t()
    const email = h('input', { id: 'new-email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' })
    const name = h('input', { id: 'new-name', type: 'text', maxlength: 200, autocomplete: 'off' })
    const role = h('select', { id: 'new-role' }, h('option', { value: 'curator' }, s.roles.curator), h('option', { value: 'admin' }, s.roles.admin))
    const states = h('input', { id: 'new-states', type: 'text', maxlength: 200, autocomplete: 'off', 'aria-describedby': 'new-states-hint' })
    const sources = h('input', { id: 'new-sources', type: 'text', maxlength: 500, autocomplete: 'off', 'aria-describedby': 'new-sources-hint' })
    const password = h('input', {
      id: 'new-password',
      type: 'password',
      required: true,
      minlength: MIN_PASSWORD,
      maxlength: 200,
      autocomplete: 'new-password',
      'aria-describedby': 'new-password-hint',
    })
    const submit = h('button', { type: 'submit', class: 'btn primary' }, s.createAccount)
    const form = h(
      'form',
      { class: 'new-account', 'aria-labelledby': 'new-account-heading', novalidate: true },
      h('div', { class: 'row' }, field('new-email', s.email, email), field('new-name', s.name, name), field('new-role', s.role, role)),
      h(
        'div',
        { class: 'row' },
        field('new-states', s.scopeStates, states, s.scopeStatesHint),
        field('new-sources', s.scopeSources, sources, s.scopeSourcesHint),
      ),
      field('new-password', s.password, password, s.passwordHint(MIN_PASSWORD)),
      submit,
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      if (!email.value.trim() || password.value.length < MIN_PASSWORD) {
        announce(s.accountIncomplete(MIN_PASSWORD), 'error')
        ;(email.value.trim() ? password : email).focus()
        return
      }
      void runAction(submit, async () => {
        const made = await createAccount({
          email: email.value.trim().toLowerCase(),
          name: name.value.trim(),
          role: role.value as Role,
          scope_states: splitList(states.value, true),
          scope_sources: splitList(sources.value, false),
          password: password.value,
        })
        await load()
        render()
        announce(s.accountCreated(made.email ?? email.value.trim()))
      })
    })
    return h('section', { class: 'card-box', 'aria-labelledby': 'new-account-heading' }, h('h3', { id: 'new-account-heading' }, s.newAccount), form)
  }

  function accountEntry(account: Account): HTMLLIElement {
    const s = t()
    const headingId = `acct-${account.id}`
    const scope = [
      account.scope_states.length ? s.statesList(account.scope_states.join(', ')) : s.allStates,
      account.scope_sources.length ? s.sourcesList(account.scope_sources.join(', ')) : s.allSources,
    ].join(' · ')
    const toggle = h('button', { type: 'button', class: 'btn small', 'aria-describedby': headingId }, account.disabled ? s.enable : s.disable)
    toggle.disabled = account.id === me.id
    toggle.addEventListener(
      'click',
      () =>
        void runAction(toggle, async () => {
          await updateAccount(account.id, { disabled: !account.disabled })
          announce(account.disabled ? s.accountEnabled(account.email) : s.accountDisabled(account.email))
          await load()
          render()
        }),
    )
    const pwId = `reset-${account.id}`
    const pw = h('input', { id: pwId, type: 'password', minlength: MIN_PASSWORD, maxlength: 200, autocomplete: 'new-password' })
    const reset = h('button', { type: 'submit', class: 'btn small' }, s.resetPassword)
    const resetForm = h('form', { class: 'row end' }, h('div', { class: 'field' }, h('label', { for: pwId }, s.newPasswordFor(account.email)), pw), reset)
    resetForm.addEventListener('submit', (event) => {
      event.preventDefault()
      if (pw.value.length < MIN_PASSWORD) {
        announce(s.passwordHint(MIN_PASSWORD), 'error')
        pw.focus()
        return
      }
      void runAction(reset, async () => {
        await updateAccount(account.id, { password: pw.value })
        pw.value = ''
        announce(s.passwordReset(account.email))
      })
    })
    const tokensOpen = openTokens.has(account.id)
    const tokensButton = h(
      'button',
      { type: 'button', class: 'btn small', 'aria-expanded': String(tokensOpen), id: `tokens-toggle-${account.id}` },
      s.tokensHeading,
    )
    tokensButton.addEventListener('click', () => {
      if (tokensOpen) openTokens.delete(account.id)
      else openTokens.add(account.id)
      render()
    })
    return h(
      'li',
      { class: 'account', 'data-email': account.email },
      h('h3', { id: headingId }, account.email, account.name ? h('span', { class: 'muted' }, ` · ${account.name}`) : null),
      h('p', { class: 'meta' }, s.roles[account.role] ?? account.role, ' · ', scope, ' · ', h('strong', {}, account.disabled ? s.disabled : s.active)),
      h('div', { class: 'button-row' }, toggle, tokensButton),
      resetForm,
      tokensOpen ? tokensPanel(account.id, 'h4') : null,
    )
  }

  function render(): void {
    const s = t()
    replaceContent(
      root,
      h(
        'section',
        { class: 'screen', 'aria-labelledby': 'screen-heading' },
        screenHeading(s.accountsHeading),
        newAccountForm(),
        accounts === null ? h('p', {}, s.loading) : h('ul', { class: 'accounts' }, ...accounts.map(accountEntry)),
      ),
    )
  }

  render()
  void load().then(render)
  return { render }
}

/** "My API tokens", for any signed-in account. */
export function myTokensScreen(root: HTMLElement, me: Account): Screen {
  const render = () => {
    const s = t()
    replaceContent(
      root,
      h('section', { class: 'screen', 'aria-labelledby': 'screen-heading' }, screenHeading(s.myTokens), h('p', {}, s.tokensIntro), tokensPanel(me.id, 'h3')),
    )
  }
  render()
  return { render }
}
