/**
 * Providers propose changes (issue 16): on /update/<token> the provider corrects its listing
 * in a plain form; only the fields it changed become a change request, validated exactly as a
 * curator's edit. A curator sees it in the queue's "changes" kind and approves or rejects
 * each field: approved fields are held, audited with the curator and in search at once. A
 * trusted provider's changes apply at once. Dead links get today's 404 and store nothing.
 */
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadServiceGraph } from '../../server/hsds/graph-repository.js'
import { appFor } from '../helpers/app.js'
import { backends } from '../helpers/backends.js'
import { hours, site } from '../helpers/sites.js'
import { bearer, type CurationFixture, curationFixture, VA_SITE, type Who } from './helpers.js'

const V = '/api/v1/curate'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const MD = { ...site({ id: 'md-site', name: 'Charm City Syringe Program', lat: 39.2946, lon: -76.6252, hours: [hours('MO,TU,WE,TH,FR', '09:00', '17:00')] }) }

const unescapeHtml = (text: string) => text.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))

/** What a browser would send for the page's propose form as it stands: every field, the checked boxes. */
function formOf(page: string): URLSearchParams {
  const form = /<form method="post" action="[^"]*#propose">([\s\S]*?)<\/form>/.exec(page)?.[1]
  if (!form) throw new Error('no propose form on the page')
  const out = new URLSearchParams()
  for (const tag of form.match(/<input [^>]*>/g) ?? []) {
    const attr = (name: string) => {
      const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
      return m ? unescapeHtml(m[1] as string) : null
    }
    const type = attr('type')
    if (type === 'checkbox' && !/\schecked/.test(tag)) continue
    out.append(attr('name') as string, attr('value') ?? '')
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out.append(m[1] as string, unescapeHtml(m[2] as string))
  return out
}

describe.each(backends)('provider change requests (%s)', (backend) => {
  let f: CurationFixture
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: Who | null = 'curatorMd', payload?: Record<string, unknown>) =>
    f.app.inject({ method, url, headers: who ? bearer(f.tokens[who]) : {}, ...(payload ? { payload } : {}) })
  const makeLink = async (siteId = 'md-site', who: Who = 'curatorMd') => {
    const res = await api('POST', `${V}/sites/${siteId}/update-links`, who, {})
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; url: string }
  }
  /** Opens the page, lets `edit` change the form as a person would, sends it. */
  const sendChanges = async (url: string, edit: (form: URLSearchParams) => void, lang = '') => {
    const page = await f.app.inject({ method: 'GET', url: url + lang })
    expect(page.statusCode).toBe(200)
    const form = formOf(page.body)
    edit(form)
    return f.app.inject({ method: 'POST', url: url + lang, headers: FORM, payload: form.toString() })
  }
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(f.database.db)).rows
  const requests = () => rows<{ id: string; status: string; auto_applied: boolean; link_id: string }>(sql`SELECT * FROM change_requests ORDER BY created_at`)
  const publicSite = async () => (await f.app.inject({ method: 'GET', url: '/api/v1/sites/md-site' })).json()

  beforeAll(async () => {
    f = await curationFixture(backend, [MD, VA_SITE])
  })
  afterAll(() => f?.close())

  it('shows the provider a form with every field it may change, filled with the listing, in English and Spanish', async () => {
    const { url } = await makeLink()
    const res = await f.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Propose changes')
    expect(res.body).toMatch(/name="name" maxlength="500" value="Charm City Syringe Program"/)
    expect(res.body).toContain('value="21201"')
    expect(res.body).toMatch(/<textarea id="f-phones" name="phones"[^>]*>\(410\) 555-0100<\/textarea>/)
    expect(res.body).toMatch(/name="hours\.MO\.opens" value="09:00"/)
    expect(res.body).toMatch(/name="hours\.SA\.closed" value="1" aria-label="[^"]+"[^>]* checked/)
    expect(res.body).toMatch(/name="services" value="naloxone" checked/)
    expect(res.body).toMatch(/name="languages" value="en" checked/)
    expect(res.body).toContain('<input type="hidden" name="action" value="propose">')
    expect(res.body).toContain('checks each change before it appears')
    expect(res.body).not.toMatch(/<script/i)
    expect(res.headers['set-cookie']).toBeUndefined()
    const es = await f.app.inject({ method: 'GET', url: `${url}?lang=es` })
    expect(es.body).toContain('Proponer cambios')
    expect(es.body).toContain('Código postal')
    expect(es.body).toContain(`action="${url}?lang=es#propose"`)
  })

  it('stores only the fields the provider changed, with their current values, and changes nothing in the listing yet', async () => {
    const made = await makeLink()
    const res = await sendChanges(made.url, (form) => {
      form.set('postal_code', '21230')
      form.set('phones', '(410) 555-0100\r\n410-555-0199 x12')
      form.set('hours.SA.opens', '10:00')
      form.set('hours.SA.closes', '14:00')
      form.delete('hours.SA.closed')
      form.append('services', 'fentanyl_test_strips')
      form.set('city', ' Baltimore ') // only spaces added: not a change
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.body).toContain('will check your changes')
    expect(res.headers['set-cookie']).toBeUndefined()
    const [request] = await requests()
    expect(request).toMatchObject({ status: 'open', auto_applied: false, link_id: made.id })
    const fields = await rows<{ field: string; current_value: unknown; proposed_value: unknown; decision: string | null }>(
      sql`SELECT field, current_value, proposed_value, decision FROM change_request_fields WHERE request_id = ${request?.id} ORDER BY ordinal`,
    )
    expect(fields.map((r) => r.field)).toEqual(['postal_code', 'phones', 'hours', 'services'])
    expect(fields[0]).toEqual({ field: 'postal_code', current_value: '21201', proposed_value: '21230', decision: null })
    expect(fields[1]?.proposed_value).toEqual(['(410) 555-0100', '410-555-0199 ext. 12'])
    expect(fields[2]?.proposed_value).toEqual([
      { byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00', valid_from: null, valid_to: null },
      { byday: 'SA', opens: '10:00', closes: '14:00', valid_from: null, valid_to: null },
    ])
    expect(fields[3]).toMatchObject({ current_value: ['naloxone'], proposed_value: ['fentanyl_test_strips', 'naloxone'] })
    expect((await publicSite()).postal_code).toBe('21201')
    const audit = await rows<Record<string, unknown>>(sql`SELECT * FROM audit_log WHERE action = 'provider_change_proposed'`)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ source: 'provider', account_id: null })
    expect(audit[0]?.new_value).toMatchObject({ request_id: request?.id, link_id: made.id, fields: ['postal_code', 'phones', 'hours', 'services'] })

    // The queue's "changes" kind: one item, each field's current and proposed value; nothing for a curator elsewhere.
    const queue = (await api('GET', `${V}/queue?kind=changes`)).json()
    expect(queue.counts.changes).toBe(1)
    expect(queue.items).toHaveLength(1)
    expect(queue.items[0]).toMatchObject({ kind: 'changes', key: `change:${request?.id}`, id: request?.id, site: { id: 'md-site' } })
    expect(queue.items[0].fields[0]).toEqual({ field: 'postal_code', current: '21201', proposed: '21230', decision: null })
    const va = (await api('GET', `${V}/queue?kind=changes`, 'curatorVa')).json()
    expect(va).toMatchObject({ counts: { changes: 0 }, items: [] })
    expect((await api('PUT', `${V}/assignments`, 'curatorMd', { item: `change:${request?.id}`, account_id: null })).statusCode).toBe(200)
  })

  it('refuses a bad value with the form again, naming the field, and stores nothing', async () => {
    const { url } = await makeLink()
    const before = (await requests()).length
    const zip = await sendChanges(url, (form) => form.set('postal_code', '2120'))
    expect(zip.statusCode).toBe(400)
    expect(zip.body).toContain('role="alert"')
    expect(zip.body).toContain('ZIP code: must be a 5-digit ZIP code')
    expect(zip.body).toMatch(/id="f-postal-code" name="postal_code" maxlength="10" aria-invalid="true" value="2120"/)
    const website = await sendChanges(url, (form) => form.set('website', 'example dot org'))
    expect(website.statusCode).toBe(400)
    expect(website.body).toContain('Website: must be a web address')
    const name = await sendChanges(url, (form) => form.set('name', '   '))
    expect(name.statusCode).toBe(400)
    expect(name.body).toContain('Name: must not be empty')
    const day = await sendChanges(url, (form) => {
      form.delete('hours.SU.closed')
      form.set('hours.SU.opens', '10:00')
    })
    expect(day.statusCode).toBe(400)
    expect(day.body).toContain('Hours, Sun: give both an opening and a closing time')
    const code = await sendChanges(url, (form) => form.append('payment', 'bitcoin'))
    expect(code.statusCode).toBe(400)
    expect(code.body).toContain('Payment accepted: must be chosen from the list')
    const es = await sendChanges(url, (form) => form.set('region', 'Maryland'), '?lang=es')
    expect(es.statusCode).toBe(400)
    expect(es.body).toContain('Estado (2 letras): debe ser el estado en dos letras')
    const nothing = await sendChanges(url, () => {})
    expect(nothing.statusCode).toBe(400)
    expect(nothing.body).toContain('no field was changed')
    expect((await requests()).length).toBe(before)
  })

  it('applies approved fields as held curator edits, audited with the curator and in search at once; rejected ones change nothing', async () => {
    const [request] = await requests()
    const id = request?.id as string
    const decide = (payload: Record<string, unknown>, who: Who | null = 'curatorMd') => api('POST', `${V}/change-requests/${id}/decisions`, who, payload)

    expect((await decide({ decisions: { postal_code: 'approve' } }, null)).statusCode).toBe(401)
    expect(
      (
        await f.app.inject({
          method: 'POST',
          url: `${V}/change-requests/${id}/decisions`,
          headers: bearer('hrl_wrong'),
          payload: { decisions: { postal_code: 'approve' } },
        })
      ).statusCode,
    ).toBe(401)
    expect((await decide({ decisions: { postal_code: 'approve' } }, 'disabled')).statusCode).toBe(401)
    const outside = await decide({ decisions: { postal_code: 'approve' } }, 'curatorVa')
    expect(outside.statusCode).toBe(403)
    expect(outside.json().message).toMatch(/outside your scope/)
    expect((await api('GET', `${V}/change-requests/${id}`, 'curatorVa')).statusCode).toBe(403)
    const unknown = await api('POST', `${V}/change-requests/no-such-request/decisions`, 'curatorMd', { decisions: { postal_code: 'approve' } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().message).toContain('no-such-request')
    const field = await decide({ decisions: { postal_code: 'approve', website: 'approve' } })
    expect(field.statusCode).toBe(400)
    expect(field.json()).toMatchObject({ code: 'INVALID_FIELD' })
    expect(field.json().message).toMatch(/^decisions\.website is not a field of this change request/)
    const verb = await decide({ decisions: { postal_code: 'maybe' } })
    expect(verb.statusCode).toBe(400)
    expect((await decide({ decisions: {} })).statusCode).toBe(400)
    expect((await publicSite()).postal_code).toBe('21201')

    const first = await decide({ decisions: { postal_code: 'approve', phones: 'reject' }, reason: 'Called the site' })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ status: 'open' })
    expect(first.json().fields.find((x: { field: string }) => x.field === 'phones')).toMatchObject({
      decision: 'rejected',
      decided_by: f.accounts.curatorMd.id,
    })
    const now = await publicSite()
    expect(now.postal_code).toBe('21230')
    expect(now.phones.map((p: { number: string }) => p.number)).toEqual(['(410) 555-0100'])
    // In search at once.
    const found = (await f.app.inject({ method: 'GET', url: '/api/v1/search?lat=39.2946&lon=-76.6252&radius_mi=5' })).json()
    expect(JSON.stringify(found)).toContain('21230')

    const held = await rows<{ field: string; account_id: string }>(sql`SELECT field, account_id FROM curator_overrides WHERE location_id = 'md-site'`)
    expect(held).toEqual([{ field: 'postal_code', account_id: f.accounts.curatorMd.id }])
    const approved = await rows<Record<string, unknown>>(sql`SELECT * FROM audit_log WHERE action = 'provider_change_approved'`)
    expect(approved.map((a) => a.field_name)).toEqual(['postal_code'])
    expect(approved[0]).toMatchObject({ account_id: f.accounts.curatorMd.id, source: 'curator', previous_value: '21201', new_value: '21230' })
    expect(approved[0]?.reason).toBe(`provider change request ${id} (link ${request?.link_id}): Called the site`)
    const rejected = await rows<Record<string, unknown>>(sql`SELECT * FROM audit_log WHERE action = 'provider_change_rejected'`)
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).toMatchObject({ field_name: 'phones', account_id: f.accounts.curatorMd.id })
    const history = (await api('GET', `${V}/sites/md-site/history`)).json().entries
    expect(history.find((e: { action: string }) => e.action === 'provider_change_approved')).toMatchObject({ by: { kind: 'curator', name: 'Mo Maryland' } })

    const twice = await decide({ decisions: { phones: 'approve' } })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().message).toContain('decisions.phones was already rejected')

    const last = await decide({ decisions: { hours: 'approve', services: 'reject' } })
    expect(last.json()).toMatchObject({ status: 'decided' })
    expect((await publicSite()).hours.some((h: { byday: string }) => h.byday === 'SA')).toBe(true)
    expect((await api('GET', `${V}/queue?kind=changes`)).json()).toMatchObject({ counts: { changes: 0 }, items: [] })
    expect((await decide({ decisions: { services: 'approve' } })).statusCode).toBe(409)

    // The public HSDS history has the applied change, never the proposal or the rejection.
    const services = await rows<{ service_id: string }>(sql`SELECT service_id FROM service_at_location WHERE location_id = 'md-site'`)
    const graph = await loadServiceGraph(
      f.database.db,
      services.map((r) => r.service_id),
    )
    const actions = (graph.metadataByLocation.get('md-site') ?? []).map((m) => m.action)
    expect(actions).toContain('provider_change_approved')
    expect(actions).not.toContain('provider_change_proposed')
    expect(actions).not.toContain('provider_change_rejected')
  })

  it('applies a trusted provider’s changes at once, recorded as auto-applied with no account and the link id', async () => {
    expect((await api('PUT', `${V}/sites/md-site/provider-trust`, null, { trusted: true })).statusCode).toBe(401)
    expect((await api('PUT', `${V}/sites/md-site/provider-trust`, 'curatorVa', { trusted: true })).statusCode).toBe(403)
    expect((await api('PUT', `${V}/sites/no-such-site/provider-trust`, 'admin', { trusted: true })).statusCode).toBe(404)
    expect((await api('PUT', `${V}/sites/md-site/provider-trust`, 'curatorMd', { trusted: 'yes' })).statusCode).toBe(400)
    const set = await api('PUT', `${V}/sites/md-site/provider-trust`, 'curatorMd', { trusted: true, reason: 'Program director' })
    expect(set.json()).toEqual({ trusted: true, changed: true })
    expect((await api('PUT', `${V}/sites/md-site/provider-trust`, 'curatorMd', { trusted: true })).json()).toEqual({ trusted: true, changed: false })
    expect((await api('GET', `${V}/sites/md-site/provider-trust`)).json()).toEqual({ trusted: true })
    const trustAudit = await rows<Record<string, unknown>>(sql`SELECT * FROM audit_log WHERE action = 'provider_trust_set'`)
    expect(trustAudit).toHaveLength(1)
    expect(trustAudit[0]).toMatchObject({ account_id: f.accounts.curatorMd.id, reason: 'Program director', new_value: true })

    const made = await makeLink()
    const page = await f.app.inject({ method: 'GET', url: made.url })
    expect(page.body).toContain('Your changes go into the listing as soon as you send them')
    const res = await sendChanges(made.url, (form) => form.set('website', 'https://charmcity.example.org'))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.body).toContain('Your changes are now in the listing')
    expect((await publicSite()).website).toBe('https://charmcity.example.org')
    const last = (await requests()).at(-1)
    expect(last).toMatchObject({ status: 'decided', auto_applied: true, link_id: made.id })
    const applied = await rows<Record<string, unknown>>(sql`SELECT * FROM audit_log WHERE action = 'provider_change_trusted'`)
    expect(applied).toHaveLength(1)
    expect(applied[0]).toMatchObject({ field_name: 'website', account_id: null, new_value: 'https://charmcity.example.org' })
    expect(String(applied[0]?.reason)).toContain(made.id)
    const history = (await api('GET', `${V}/sites/md-site/history`)).json().entries
    expect(history.find((e: { action: string }) => e.action === 'provider_change_trusted')).toMatchObject({ field: 'website', by: { kind: 'provider' } })
    expect((await api('GET', `${V}/queue?kind=changes`)).json().counts.changes).toBe(0)

    // Trust withdrawn: the next proposal waits for a curator again.
    expect((await api('PUT', `${V}/sites/md-site/provider-trust`, 'curatorMd', { trusted: false })).json()).toEqual({ trusted: false, changed: true })
    expect((await sendChanges(made.url, (form) => form.set('city', 'Towson'))).body).toContain('will check your changes')
    expect((await publicSite()).city).toBe('Baltimore')
  })

  it('refuses expired, revoked and unknown links with today’s 404 page and stores nothing', async () => {
    const expired = await makeLink()
    const live = await f.app.inject({ method: 'GET', url: expired.url })
    const form = formOf(live.body)
    form.set('postal_code', '21231')
    await sql`UPDATE provider_links SET created_at = now() - interval '40 days', expires_at = now() - interval '10 days' WHERE id = ${expired.id}`.execute(
      f.database.db,
    )
    const revoked = await makeLink()
    await api('DELETE', `${V}/update-links/${revoked.id}`)
    const before = (await requests()).length
    const bodies = new Set<string>()
    for (const url of [expired.url, revoked.url, '/update/' + Buffer.alloc(32, 3).toString('base64url'), '/update/abc']) {
      const res = await f.app.inject({ method: 'POST', url, headers: FORM, payload: form.toString() })
      expect(res.statusCode, url).toBe(404)
      bodies.add(res.body)
    }
    bodies.add((await f.app.inject({ method: 'GET', url: '/update/abc' })).body)
    expect(bodies.size).toBe(1)
    expect([...bodies][0]).toContain('This link does not work')
    expect((await requests()).length).toBe(before)
  })

  it('lets a provider change one field when another holds an imported value a curator could not enter', async () => {
    await sql`UPDATE locations SET website = 'www.charmcity.example.org' WHERE id = 'md-site'`.execute(f.database.db)
    const { url } = await makeLink()
    const res = await sendChanges(url, (form) => form.set('address_2', 'Suite 4'))
    expect(res.statusCode, res.body).toBe(200)
    const last = (await requests()).at(-1)
    const fields = await rows<{ field: string }>(sql`SELECT field FROM change_request_fields WHERE request_id = ${last?.id}`)
    expect(fields.map((r) => r.field)).toEqual(['address_2'])
  })

  it('never writes the token or a proposed phone number to the log', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await appFor(f.database, { logLevel: 'trace' }, stream)
    try {
      const made = (await app.inject({ method: 'POST', url: `${V}/sites/md-site/update-links`, headers: bearer(f.tokens.curatorMd), payload: {} })).json()
      const token = (made.url as string).slice('/update/'.length)
      const page = await app.inject({ method: 'GET', url: made.url })
      const form = formOf(page.body)
      form.set('phones', '(443) 555-0777')
      await app.inject({ method: 'POST', url: made.url, headers: FORM, payload: form.toString() })
      form.set('postal_code', 'bad')
      await app.inject({ method: 'POST', url: made.url, headers: FORM, payload: form.toString() })
      const log = lines.join('')
      expect(lines.length).toBeGreaterThanOrEqual(4)
      for (const secret of [token, '555-0777', '443']) expect(log).not.toContain(secret)
    } finally {
      await app.close()
    }
  })
})
