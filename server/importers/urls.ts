/**
 * Website cells as files write them. Placeholders ("http://", "https://", "www.", "n/a",
 * "none", a bare scheme) mean "no website" and become null: 1,068 sites of the real lists
 * publish `http://`. A real address without a scheme ("www.example.org", "example.org/clinic")
 * gets https:// (what a browser tries first today); a scheme the file wrote is kept. Anything
 * else that is not a web address (an email, text with spaces, a host without a dot) becomes
 * null with a warning that quotes it, so nothing is dropped silently.
 */

export type UrlResult = { url: string | null; warning?: string }

const PLACEHOLDER = /^(?:n\/?a|none|null|nil|no|tbd|unknown|-+|\.+|www\.?|https?:?\/*(?:www\.?)?|https?:\/\/\.?)$/i
// Host: labels of letters, digits and hyphens, at least one dot, a letter-only top-level label.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i

/** A website cell cleaned: cleanUrl('www.example.org') → { url: 'https://www.example.org' }; cleanUrl('http://') → { url: null }. */
export function cleanUrl(value: string | null): UrlResult {
  if (value === null) return { url: null }
  // "HTTP:/example.org" and "http:example.org" are http://example.org as the file meant it.
  const text = value.trim().replace(/^(https?):\/*/i, (_, scheme: string) => `${scheme.toLowerCase()}://`)
  if (text === '' || PLACEHOLDER.test(text)) return { url: null }
  const quoted = `"${text.slice(0, 80)}"`
  if (/\s/.test(text)) return { url: null, warning: `${quoted} is not a web address (it has spaces); the site is imported without a website` }
  if (/^[^/:]+@[^/]+$/.test(text) || /^mailto:/i.test(text))
    return { url: null, warning: `${quoted} is an email address, not a website; the site is imported without a website` }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase()
  // "www.example.org:8080" has no scheme: a scheme is followed by "//" for the web.
  const hasScheme = scheme !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
  if (hasScheme && scheme !== 'http' && scheme !== 'https')
    return { url: null, warning: `${quoted} is not a web address (${scheme}:); the site is imported without a website` }
  const written = hasScheme ? text : `https://${text.replace(/^\/+/, '')}`
  let url: URL
  try {
    url = new URL(written)
  } catch {
    return { url: null, warning: `${quoted} is not a web address; the site is imported without a website` }
  }
  if (!HOST.test(url.hostname) || url.username || url.password)
    return { url: null, warning: `${quoted} has no real host name; the site is imported without a website` }
  // The address as written (with the scheme it lacked): the parser only checks it.
  return { url: written }
}
