import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderLitePage } from '../../server/routes/lite/render.js'
import { NOW, PAGES, response, result } from './pages.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/lite/${name}.html`, import.meta.url), 'utf8')

describe('the text-only page', () => {
  it.each(Object.keys(PAGES))('renders %s exactly as before', (name) => {
    expect(renderLitePage(PAGES[name]!)).toBe(fixture(name))
  })

  it('shows a hostile site name, address and phone as text, never as markup', () => {
    const hostile = result({
      name: '<script>alert("x")</script> & Co',
      address_1: '"><img src=x onerror=alert(1)>',
      phone: '" onmouseover="alert(1)',
    })
    const page = renderLitePage({
      form: { near: '21201', services: [], openNow: false, radiusMi: 25, verifiedWithinDays: null, lang: 'en', from: 1 },
      response: response([hostile]),
      now: NOW,
    })
    expect(page).not.toMatch(/<script|<img|" onmouseover/)
    expect(page).toContain('<h3>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Co</h3>')
    expect(page).toContain('<p>&#34;&#62;&#60;img src=x onerror=alert(1)&#62;, Baltimore, MD 21201</p>')
    expect(page).toContain('Call &#34; onmouseover=&#34;alert(1)</a>')
  })

  it('shows a hostile place typed, and the place the geocoder names, as text', () => {
    const typed = `"><script>alert('near')</script>`
    const page = renderLitePage({
      form: { near: typed, services: [], openNow: false, radiusMi: 25, verifiedWithinDays: null, lang: 'es', from: 1 },
      response: response([], `<b>Bad</b> & "place"`),
      now: NOW,
    })
    expect(page).not.toMatch(/<script|<b>/)
    expect(page).toContain('value="&#34;&#62;&#60;script&#62;alert(&#39;near&#39;)&#60;/script&#62;"')
    expect(page).toContain('0 lugares cerca de &#60;b&#62;Bad&#60;/b&#62; &#38; &#34;place&#34;</h2>')
    // The language switch re-sends the search by POST: the typed place is an escaped hidden field, not part of a link.
    expect(page).toContain('<input type="hidden" name="near" value="&#34;&#62;&#60;script&#62;alert(&#39;near&#39;)&#60;/script&#62;">')
    expect(page).not.toMatch(/href="[^"]*near=/)
  })

  it('escapes an error message that quotes what was typed', () => {
    const page = renderLitePage({
      form: { near: '<x>', services: [], openNow: false, radiusMi: 25, verifiedWithinDays: null, lang: 'en', from: 1 },
      error: 'no US ZIP code or city matches "<x>".',
      now: NOW,
    })
    expect(page).toContain('<p role="alert">Sorry — no US ZIP code or city matches &#34;&#60;x&#62;&#34;.</p>')
  })
})
