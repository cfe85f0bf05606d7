/**
 * Live status through the API (issue 16): a curator posts today / supplies / treatment
 * openings; search, the site detail and the route planner show them with their time and
 * leave them out once expired; "not running today" makes open_now false and takes the site
 * out of an open-now search and route; the new search filters find what is in stock.
 * Authorised and audited like every curator action, on both backends.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchResponse } from '../common/contract/search.js'
import type { SiteDetail } from '../common/contract/site.js'
import { postLiveStatus } from '../server/curate/live-status.js'
import { createLink } from '../server/curate/provider-links.js'
import { loadServiceGraph } from '../server/hsds/graph-repository.js'
import { backends } from './helpers/backends.js'
import { hours, site } from './helpers/sites.js'
import { bearer, type CurationFixture, curationFixture, inState, type Who } from './curate/helpers.js'

const ALL_WEEK = [hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')]
const CLINIC = site({ id: 'clinic', name: 'Always Open Clinic', lat: 39.2946, lon: -76.6252, hours: ALL_WEEK, services: ['naloxone', 'buprenorphine'] })
const DETOX = site({ id: 'detox', name: 'Harbor Detox', lat: 39.29, lon: -76.61, hours: ALL_WEEK, services: ['detox'] })
const OTHER = site({ id: 'other', name: 'Other Place', lat: 39.3, lon: -76.62, hours: ALL_WEEK, services: ['naloxone'] })
const VA = inState(site({ id: 'va-site', name: 'Richmond Harm Reduction', lat: 37.5407, lon: -77.436 }), 'VA', 'Richmond')

describe.each(backends)('live status (%s)', (backend) => {
  let f: CurationFixture
  const put = (id: string, payload: unknown, who: Who | null = 'curatorMd') =>
    f.app.inject({ method: 'PUT', url: `/api/v1/curate/sites/${id}/status`, headers: who ? bearer(f.tokens[who]) : {}, payload: payload as object })
  const search = async (body: Record<string, unknown>) => {
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.2946, lon: -76.6252, radius_mi: 10, ...body } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as SearchResponse
  }
  const ids = (r: SearchResponse) => r.results.map((x) => x.id).sort()
  const detail = async (id: string) => (await f.app.inject({ method: 'GET', url: `/api/v1/sites/${id}` })).json() as SiteDetail

  beforeAll(async () => {
    f = await curationFixture(backend, [CLINIC, DETOX, OTHER, VA])
  })
  afterAll(() => f?.close())

  it('refuses wrong credentials, other states, unknown sites and bad values, naming the field', async () => {
    expect((await put('clinic', { naloxone: 'in_stock' }, null)).statusCode).toBe(401)
    expect((await put('clinic', { naloxone: 'in_stock' }, 'disabled')).statusCode).toBe(401)
    expect((await put('clinic', { naloxone: 'in_stock' }, 'curatorVa')).statusCode).toBe(403)
    expect((await put('nowhere', { naloxone: 'in_stock' })).statusCode).toBe(404)
    for (const [body, field] of [
      [{ naloxone: 'plenty' }, 'naloxone'],
      [{ beds_available: -1 }, 'beds_available'],
      [{ today: { kind: 'closing_early' } }, 'today'],
      [{ today: { kind: 'not_running', time: '14:00' } }, 'today.time'],
      [{ today: { kind: 'closing_early', time: '25:00' } }, 'time'],
      [{ glitter: true }, 'glitter'],
      [{}, ''],
    ] as const) {
      const res = await put('clinic', body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.body).toContain(field)
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM site_status`.execute(f.database.db)
    expect(rows[0]?.n).toBe(0)
  })

  it('posts supplies and treatment openings, shown with their time in search and detail, and audited', async () => {
    const res = await put('clinic', { naloxone: 'in_stock', test_strips: 'out', accepting_new_patients: 'yes', same_day_start: true })
    expect(res.statusCode, res.body).toBe(200)
    expect((await put('detox', { beds_available: 3, accepting_new_patients: 'waitlist' })).statusCode).toBe(200)
    const found = await search({})
    const clinic = found.results.find((r) => r.id === 'clinic')
    expect(clinic?.live_status.map((s) => [s.topic, s.value, s.posted_by])).toEqual([
      ['naloxone', 'in_stock', 'curator'],
      ['test_strips', 'out', 'curator'],
      ['accepting_new_patients', 'yes', 'curator'],
      ['same_day_start', true, 'curator'],
    ])
    const naloxone = clinic?.live_status[0]
    expect(Date.now() - Date.parse(naloxone?.posted_at ?? '')).toBeLessThan(60_000)
    expect(Date.parse(naloxone?.expires_at ?? '') - Date.parse(naloxone?.posted_at ?? '')).toBe(7 * 86_400_000)
    const beds = (await detail('detox')).live_status.find((s) => s.topic === 'beds_available')
    expect(beds?.value).toBe(3)
    expect(Date.parse(beds?.expires_at ?? '') - Date.parse(beds?.posted_at ?? '')).toBe(48 * 3_600_000)
    expect(found.results.find((r) => r.id === 'other')?.live_status).toEqual([])

    const audit = (
      await sql<{
        field_name: string
        account_id: string
        action: string
      }>`SELECT field_name, account_id, action FROM audit_log WHERE action = 'status_posted' ORDER BY id`.execute(f.database.db)
    ).rows
    expect(audit.map((a) => a.field_name)).toEqual([
      'status:naloxone',
      'status:test_strips',
      'status:accepting_new_patients',
      'status:same_day_start',
      'status:accepting_new_patients',
      'status:beds_available',
    ])
    expect(new Set(audit.map((a) => a.account_id))).toEqual(new Set([f.accounts.curatorMd.id]))
    // Not listing history: the HSDS metadata leaves status posts out.
    const graph = await loadServiceGraph(f.database.db, ['clinic'])
    expect(JSON.stringify(graph)).not.toContain('status_posted')
  })

  it('filters on what sites say now: in stock (or low), taking new patients, open beds, same-day start', async () => {
    expect(ids(await search({ in_stock: ['naloxone'] }))).toEqual(['clinic'])
    expect(ids(await search({ in_stock: 'test_strips' }))).toEqual([])
    expect(ids(await search({ accepting_new_patients: true }))).toEqual(['clinic'])
    expect(ids(await search({ beds_available: 2 }))).toEqual(['detox'])
    expect(ids(await search({ beds_available: 4 }))).toEqual([])
    expect(ids(await search({ same_day_start: true, services: ['buprenorphine'] }))).toEqual(['clinic'])
    expect(ids(await search({ accepting_new_patients: false }))).toEqual(['clinic', 'detox', 'other'])
    await put('other', { naloxone: 'low' })
    expect(ids(await search({ in_stock: 'naloxone', open_now: true }))).toEqual(['clinic', 'other'])
    // /lite: the "Naloxone in stock now" box, and each result's status line with its age.
    const lite = await f.app.inject({
      method: 'POST',
      url: '/lite',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'near=21201&radius=10&in_stock=naloxone',
    })
    expect(lite.statusCode, lite.body).toBe(200)
    expect(lite.body).toContain('Always Open Clinic')
    expect(lite.body).toContain('Other Place')
    expect(lite.body).not.toContain('Harbor Detox')
    expect(lite.body).toMatch(/Naloxone in stock<span class="age"> · updated just now/)
    expect(lite.body).toMatch(/Naloxone running low/)
    const bad = await f.app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.62, in_stock: ['glitter'] } })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toMatch(/in_stock.*glitter/)
  })

  it('takes a site that is not running today out of open-now search and routes, and gives it back when withdrawn', async () => {
    expect(ids(await search({ open_now: true }))).toEqual(['clinic', 'detox', 'other'])
    const res = await put('other', { today: { kind: 'not_running' } })
    expect(res.statusCode, res.body).toBe(200)
    expect(ids(await search({ open_now: true }))).toEqual(['clinic', 'detox'])
    const other = (await search({})).results.find((r) => r.id === 'other')
    expect(other?.open_now).toBe(false)
    expect(other?.live_status.find((s) => s.topic === 'today')?.value).toBe('not_running')
    expect((await detail('other')).open_now).toBe(false)

    // A route starting now, through both: the site not running today is left out, saying it is closed.
    const now = new Date()
    const departure = new Date(now.getTime() + 5 * 60_000)
    const offset = -departure.getTimezoneOffset()
    const local = new Date(departure.getTime() + offset * 60_000).toISOString().slice(0, 19)
    const sign = offset >= 0 ? '+' : '-'
    const departureIso = `${local}${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`
    const plan = await f.app.inject({
      method: 'POST',
      url: '/api/v1/routes',
      payload: { start: { lat: 39.29, lon: -76.62 }, departure: departureIso, return_by: '23:59', stops: [{ site_id: 'other' }, { site_id: 'clinic' }] },
    })
    expect(plan.statusCode, plan.body).toBe(200)
    const body = plan.json() as { vehicles: { stops: { site_id: string; live_status: unknown[] }[] }[]; unassigned: { site_id: string; reason: string }[] }
    const visited = body.vehicles.flatMap((v) => v.stops.map((s) => s.site_id))
    expect(visited).toContain('clinic')
    expect(visited).not.toContain('other')
    expect(body.unassigned.find((u) => u.site_id === 'other')?.reason).toMatch(/^not running today/)
    expect(body.vehicles[0]?.stops.find((s) => s.site_id === 'clinic')?.live_status.length).toBeGreaterThan(0)

    expect((await put('other', { today: null })).statusCode).toBe(200)
    expect(ids(await search({ open_now: true }))).toEqual(['clinic', 'detox', 'other'])
    const withdrawn = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'status_withdrawn' AND entity_id = 'other'`.execute(f.database.db)
    ).rows[0]?.n
    expect(withdrawn).toBe(1)
  })

  it('shows nothing once a post has expired', async () => {
    // Posted eight days ago: the supply post (7 days) and the treatment post (48 h) are both past.
    const long = new Date(Date.now() - 8 * 86_400_000)
    await postLiveStatus(
      f.database.db,
      'detox',
      { naloxone: 'in_stock', beds_available: 9, today: { kind: 'not_running' } },
      { by: 'curator', accountId: f.accounts.admin.id },
      long,
    )
    const d = await detail('detox')
    // Only the waitlist answer of the earlier post (48 h, made just now) is left.
    expect(d.live_status.map((s) => s.topic)).toEqual(['accepting_new_patients'])
    expect(d.open_now).toBe(true)
    expect(ids(await search({ beds_available: 1 }))).toEqual([])
    expect(ids(await search({ open_now: true }))).toContain('detox')
    // Two days minus a minute ago: the 48-hour post still shows.
    await postLiveStatus(
      f.database.db,
      'detox',
      { beds_available: 2 },
      { by: 'curator', accountId: f.accounts.admin.id },
      new Date(Date.now() - 47 * 3_600_000 - 59 * 60_000),
    )
    expect(ids(await search({ beds_available: 1 }))).toEqual(['detox'])
  })

  it('the provider posts through its link for its own site only, audited with the link, and a dead link changes nothing', async () => {
    const made = await createLink(f.database.db, { siteId: 'clinic', curator: f.accounts.curatorMd })
    const form = (token: string, body: string) =>
      f.app.inject({ method: 'POST', url: `/update/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body })
    // A site id in the body names nothing: the link's own site is the only one it reaches.
    const res = await form(made.token, 'action=status&syringes=out&site_id=detox&location_id=detox')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.body).toContain('Posted. People see it now.')
    expect(res.headers['set-cookie']).toBeUndefined()
    expect((await detail('clinic')).live_status.find((s) => s.topic === 'syringes')).toMatchObject({ value: 'out', posted_by: 'provider' })
    expect((await detail('detox')).live_status.find((s) => s.topic === 'syringes')).toBeUndefined()
    const audit = (
      await sql<{
        source: string
        account_id: string | null
        reason: string
      }>`SELECT source, account_id, reason FROM audit_log WHERE field_name = 'status:syringes'`.execute(f.database.db)
    ).rows
    expect(audit).toEqual([{ source: 'provider', account_id: null, reason: `provider link ${made.link.id}` }])
    expect(JSON.stringify(audit)).not.toContain(made.token)

    // A time that does not fit, and a form that says nothing: 400 with the words, nothing stored.
    const late = await form(made.token, 'action=status&today=open_late&today_time=03:00')
    expect(late.statusCode).toBe(400)
    expect(late.body).toContain('does not fit today’s hours')
    expect((await form(made.token, 'action=status')).statusCode).toBe(400)
    // Revoked: the same 404 page as any dead link, and nothing changes.
    await sql`UPDATE provider_links SET revoked_at = now() WHERE id = ${made.link.id}`.execute(f.database.db)
    const dead = await form(made.token, 'action=status&syringes=in_stock')
    const guessed = await form('A'.repeat(43), 'action=status&syringes=in_stock')
    expect(dead.statusCode).toBe(404)
    expect(dead.body).toBe(guessed.body)
    expect((await detail('clinic')).live_status.find((s) => s.topic === 'syringes')?.value).toBe('out')
  })
})
