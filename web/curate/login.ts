/**
 * Sign in: email and password. A wrong email and a wrong password get the same answer; after
 * repeated failures the server locks the account for a while and says for how long.
 */
import { h } from '../src/dom.js'
import { signIn } from './api.js'
import { ApiError } from './http.js'
import { t } from './i18n.js'
import { type Screen, replaceContent, screenHeading } from './screen.js'
import { announce } from './status.js'
import type { SessionInfo } from './types.js'

/** The sign-in screen; calls `onSignedIn` with the new session. */
export function loginScreen(root: HTMLElement, onSignedIn: (session: SessionInfo) => void, notice = ''): Screen {
  let email = ''
  let error = notice

  function render(): void {
    const s = t()
    const emailInput = h('input', { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true, maxlength: 254, value: email })
    const passwordInput = h('input', {
      id: 'login-password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
      maxlength: 200,
    })
    const errorText = h('p', { id: 'login-error', class: 'form-error' }, error)
    const submit = h('button', { type: 'submit', class: 'btn primary' }, s.signIn)
    const form = h(
      'form',
      { class: 'login card-box', 'aria-labelledby': 'screen-heading', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'login-email' }, s.email), emailInput),
      h('div', { class: 'field' }, h('label', { for: 'login-password' }, s.password), passwordInput),
      errorText,
      submit,
    )
    if (error) passwordInput.setAttribute('aria-describedby', 'login-error')
    form.addEventListener('submit', async (event) => {
      event.preventDefault()
      email = emailInput.value.trim()
      if (!email || !passwordInput.value) {
        showError(s.loginMissing)
        return
      }
      if (submit.getAttribute('aria-busy') === 'true') return
      submit.setAttribute('aria-busy', 'true')
      try {
        const session = await signIn(email, passwordInput.value)
        onSignedIn(session)
      } catch (err) {
        passwordInput.value = ''
        showError(loginFailure(err))
        passwordInput.focus()
      } finally {
        submit.removeAttribute('aria-busy')
      }
    })
    const showError = (message: string) => {
      error = message
      errorText.textContent = message
      passwordInput.setAttribute('aria-describedby', 'login-error')
      announce(message, 'error')
    }
    replaceContent(
      root,
      h('section', { class: 'screen narrow', 'aria-labelledby': 'screen-heading' }, screenHeading(s.signInHeading), h('p', {}, s.signInIntro), form),
    )
  }
  render()
  return { render }
}

function loginFailure(err: unknown): string {
  const s = t()
  if (err instanceof ApiError) {
    if (err.status === 429) return s.locked(err.retryAfterS ?? 30)
    if (err.status === 401 || err.status === 400) return s.loginWrong
    if (err.status === 0) return s.offline
  }
  return s.failed
}
