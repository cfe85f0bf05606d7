/**
 * "Leave quickly": a button always in view (and Esc pressed twice within a second) that blanks
 * the page and replaces it with a neutral site, as domestic-violence and youth services do.
 * `location.replace` swaps this page's history entry, so Back does not bring it back; the
 * search lived in memory only and goes with the page.
 *
 *   installQuickExit(byId('quick-exit'), config.quickExitUrl)
 */
const DOUBLE_ESCAPE_MS = 1000

export function installQuickExit(button: HTMLElement, url: string): void {
  const leave = () => {
    document.title = ''
    document.body.replaceChildren()
    location.replace(url)
  }
  button.addEventListener('click', leave)
  let lastEscape = -Infinity
  addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    const now = performance.now()
    if (now - lastEscape < DOUBLE_ESCAPE_MS) leave()
    lastEscape = now
  })
}
