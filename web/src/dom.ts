/**
 * A tiny element builder: enough to write the page's DOM without a framework, with text
 * always set as text (never parsed as HTML).
 */
type Attrs = Record<string, string | number | boolean | null | undefined>
type Child = Node | string | null | undefined | false

/** h('a', { href: '/x', class: 'btn' }, 'text', child) — false/null attributes and children are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    el.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    el.append(child)
  }
  return el
}

/** The element with this id, typed; throws if the page template lost it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id)
  if (!el) throw new Error(`missing #${id}`)
  return el as T
}

let uid = 0
/** A page-unique id for label/aria wiring. */
export function nextId(prefix: string): string {
  return `${prefix}-${++uid}`
}
