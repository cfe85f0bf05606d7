/**
 * What every screen shares: it renders into the console's <main> from its own state, and
 * renders again (same state, new language) when the language switches.
 */
import { h } from '../src/dom.js'

export interface Screen {
  /** Builds (or rebuilds) the screen's DOM inside its root. */
  render(): void
  /** Frees what the screen holds (a map) before another screen takes the root. */
  dispose?(): void
}

/** The screen's heading: focused when the screen opens, so a screen reader starts there. */
export function screenHeading(text: string): HTMLHeadingElement {
  return h('h2', { id: 'screen-heading', tabindex: -1 }, text)
}

/** Replaces the root's content, keeping focus on the element with the same id if it had it. */
export function replaceContent(root: HTMLElement, ...children: Node[]): void {
  const focusedId = root.contains(document.activeElement) ? document.activeElement?.id : ''
  root.replaceChildren(...children)
  if (focusedId) document.getElementById(focusedId)?.focus()
}
