/**
 * The curator console at /curate: signs in (or finds the session again after a reload), then
 * shows the screen the location hash names — queue, site editor, history, accounts, tokens —
 * and redraws it in the other language on a switch.
 */
import { byId } from '../src/dom.js'
import { fetchTaxonomy } from '../src/api.js'
import { useTaxonomy } from '../src/taxonomy.js'
import { accountsScreen, myTokensScreen } from './accounts.js'
import { currentSession, signOut } from './api.js'
import { editorScreen, type MapSettings } from './editor.js'
import { historyScreen } from './history.js'
import { whenSignedOut } from './http.js'
import { buildLangChoice, initialLang, setLang, t } from './i18n.js'
import { loginScreen } from './login.js'
import { queueScreen } from './queue.js'
import { type Route, parseRoute } from './router.js'
import type { Screen } from './screen.js'
import { announce, announceFailure, clearStatus } from './status.js'
import type { SessionInfo } from './types.js'

const root = byId('main')
const nav = byId('nav')
const who = byId('who')
const signOutButton = byId<HTMLButtonElement>('sign-out')
let session: SessionInfo | null = null
let screen: Screen | null = null

function readMapSettings(): MapSettings {
  try {
    const parsed = JSON.parse(document.documentElement.dataset.config ?? '{}') as Partial<MapSettings>
    return { tileUrl: parsed.tileUrl ?? null, tileAttribution: parsed.tileAttribution ?? null }
  } catch {
    return { tileUrl: null, tileAttribution: null }
  }
}
const mapSettings = readMapSettings()

function show(next: Screen, focus: boolean): void {
  screen?.dispose?.()
  screen = next
  if (focus) document.getElementById('screen-heading')?.focus()
}

function screenFor(route: Route, current: SessionInfo): Screen {
  const me = current.account
  switch (route.screen) {
    case 'site':
      return editorScreen(root, me, route.id, mapSettings)
    case 'history':
      return historyScreen(root, route.id)
    case 'accounts':
      return me.role === 'admin' ? accountsScreen(root, me) : queueScreen(root, me, 'reports')
    case 'tokens':
      return myTokensScreen(root, me)
    default:
      return queueScreen(root, me, route.kind)
  }
}

function markNav(route: Route): void {
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
    if (link.dataset.nav === route.screen) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
}

function route(focus = true): void {
  if (!session) return
  const r = parseRoute(location.hash)
  markNav(r)
  show(screenFor(r, session), focus)
}

function showSession(): void {
  const s = t()
  nav.hidden = !session
  signOutButton.hidden = !session
  byId('nav-accounts').hidden = session?.account.role !== 'admin'
  who.textContent = session ? s.signedInAs(session.account.name || session.account.email, s.roles[session.account.role] ?? session.account.role) : ''
}

function signedIn(next: SessionInfo): void {
  session = next
  showSession()
  clearStatus()
  if (!location.hash) history.replaceState(null, '', '#/queue/reports')
  route()
}

function showLogin(notice = ''): void {
  session = null
  showSession()
  show(loginScreen(root, signedIn, notice), false)
  if (notice) announce(notice, 'error')
  document.getElementById('login-email')?.focus()
}

whenSignedOut(() => {
  if (session) showLogin(t().sessionEnded)
})

window.addEventListener('hashchange', () => {
  clearStatus()
  route()
})

signOutButton.addEventListener('click', async () => {
  try {
    await signOut()
  } catch {
    // Signed out here regardless; the session ends on the server at its idle time anyway.
  }
  showLogin()
  announce(t().signedOut)
})

// The skip link must not change the hash: the hash names the screen.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault()
  root.focus()
})

buildLangChoice(byId('lang-choice') as HTMLSelectElement, (lang) => {
  setLang(lang, true)
  showSession()
  screen?.render()
})

async function start(): Promise<void> {
  setLang(initialLang(), false)
  // Labels for the code lists; the console works (with codes as labels) if this fails.
  const taxonomy = fetchTaxonomy()
    .then(useTaxonomy)
    .catch(() => undefined)
  try {
    const [current] = await Promise.all([currentSession(), taxonomy])
    if (current) signedIn(current)
    else showLogin()
  } catch (err) {
    showLogin()
    announceFailure(err)
  }
}

void start()
