/**
 * The server's one HTML escaper, and `html`, a tagged template that escapes every value put
 * into it unless the value is already SafeHtml. Pages built with `html` cannot paste a site
 * name or a typed place in raw by forgetting to escape it: only the template's own literal
 * text is trusted.
 */

/** Escapes text for HTML element content and quoted attributes ("<" → "&#60;"). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

let trust: (text: string) => SafeHtml

/** Markup that may go into a page as it is. Only `html` makes one. */
export class SafeHtml {
  readonly #text: string
  private constructor(text: string) {
    this.#text = text
  }
  static {
    trust = (text) => new SafeHtml(text)
  }
  toString(): string {
    return this.#text
  }
}

/**
 * What a template may interpolate: text and numbers (escaped), SafeHtml (as it is), lists of
 * these (concatenated), and null or undefined (nothing). No booleans: `${x && html`…`}` would
 * print "false", so write `${x ? html`…` : ''}`.
 */
export type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[]

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof SafeHtml) return value.toString()
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

/**
 * Markup from a template, every interpolated value escaped unless it is SafeHtml.
 * Example: html`<h3>${'Tom & Jerry <3'}</h3>`.toString() === '<h3>Tom &#38; Jerry &#60;3</h3>'
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] as string
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] as string)
  return trust(out)
}
