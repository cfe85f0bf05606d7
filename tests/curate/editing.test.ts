/**
 * A curator fixes listings: edits that the next search shows and that re-imports never
 * overwrite, the source's disagreement as a queue item, reverts from history, verification,
 * grouped problem reports, and uncertain merges undone from the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCuratorCommand } from '../../server/cli/curator-commands.js'
import { reopenEndedClosures } from '../../server/curate/reopen.js'
import { hsdsId } from '../../server/hsds/ids.js'
import { runImport } from '../../server/importers/pipeline.js'
import { backends } from '../helpers/backends.js'
import { errorsOf, responseValidator } from '../hsds/spec.js'
import { site } from '../helpers/sites.js'
import { SIMPLE_CSV_HEADER, simpleCsvMapping, tempFile } from '../import/helpers.js'
import { bearer, type CurationFixture, curationFixture } from './helpers.js'

const V = '/api/v1/curate'
/** Hours that ended long ago: listed, never open. */
const EXPIRED = [{ byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00', valid_from: null, valid_to: '2020-01-01' }]

describe.each(backends)('curators keep listings true (%s)', (backend) => {
  let f: CurationFixture
  const as = (who: keyof CurationFixture['tokens']) => bearer(f.tokens[who])
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: Record<string, unknown>, who: keyof CurationFixture['tokens'] = 'curatorVa') =>
    f.app.inject({ method, url, headers: as(who), ...(payload ? { payload } : {}) })

  beforeAll(async () => {
    f = await curationFixture(
      backend,
      [
        site({ id: 'va-clinic', name: 'Richmond Methadone Clinic', lat: 37.5407, lon: -77.436, hours: EXPIRED, types: ['treatment'], services: ['methadone'] }),
      ].map((s) => ({ ...s, assuredDate: null, location: { ...s.location, region: 'VA', city: 'Richmond' } })),
    )
  })
  afterAll(() => f?.close())

  it('fixes the hours of a site: the public detail shows them at once and open_now follows them', async () => {
    const before = (await f.app.inject({ method: 'GET', url: '/api/v1/sites/va-clinic' })).json()
    expect(before.open_now).toBe(false)
    const always = [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opens: '00:00', closes: '00:00' }]
    const res = await api('PATCH', `${V}/sites/va-clinic`, { changes: { hours: always, phones: ['(804) 555-0142'] }, reason: 'called the clinic' })
    expect(res.statusCode).toBe(200)
    expect(res.json().values.hours).toEqual([{ ...always[0], valid_from: null, valid_to: null }])
    expect(res.json().held.map((h: { field: string }) => h.field)).toEqual(['hours', 'phones'])
    const after = (await f.app.inject({ method: 'GET', url: '/api/v1/sites/va-clinic' })).json()
    expect(after.hours).toEqual([{ byday: 'MO,TU,WE,TH,FR,SA,SU', opens: '00:00', closes: '00:00', valid_from: null, valid_to: null }])
    expect(after.phones.map((p: { number: string }) => p.number)).toEqual(['(804) 555-0142'])
    expect(after.open_now).toBe(true)
    const search = (await f.app.inject({ method: 'GET', url: '/api/v1/search?lat=37.54&lon=-77.43&radius_km=10&open_now=true' })).json()
    expect(search.results.map((r: { id: string }) => r.id)).toEqual(['va-clinic'])

    const history = (await api('GET', `${V}/sites/va-clinic/history`)).json().entries
    const edits = history.filter((e: { action: string }) => e.action === 'edit')
    expect(edits.map((e: { field: string }) => e.field).sort()).toEqual(['hours', 'phones'])
    expect(edits[0]).toMatchObject({ by: { kind: 'curator', name: 'Val Virginia' }, reason: 'called the clinic' })
    const hoursEntry = edits.find((e: { field: string }) => e.field === 'hours')
    expect(hoursEntry.previous_value).toEqual(EXPIRED)
  })

  it('exports the changes as HSDS metadata that says "curator", never who', async () => {
    const service = (await f.app.inject({ method: 'GET', url: `/hsds/services/${hsdsId('service', 'svc-va-clinic')}` })).json()
    const validate = responseValidator('/services/{id}')
    expect(validate(service), errorsOf(validate)).toBe(true)
    const metadata = service.service_at_locations[0].location.metadata as Record<string, string>[]
    const hoursChange = metadata.find((m) => m.field_name === 'hours')
    expect(hoursChange).toMatchObject({ resource_type: 'location', last_action_type: 'edit', updated_by: 'curator' })
    expect(JSON.parse(hoursChange?.replacement_value as string)[0].byday).toBe('MO,TU,WE,TH,FR,SA,SU')
    expect(JSON.stringify(service)).not.toMatch(/Val Virginia|va@example\.org/)
  })

  it('reverts a change from the history, as a new audited change', async () => {
    const history = (await api('GET', `${V}/sites/va-clinic/history`)).json().entries
    const phones = history.find((e: { field: string; action: string }) => e.field === 'phones' && e.action === 'edit')
    const res = await api('POST', `${V}/history/${phones.id}/revert`, { reason: 'wrong number after all' })
    expect(res.statusCode).toBe(200)
    expect(res.json().listing.values.phones).toEqual(['(410) 555-0100'])
    const latest = (await api('GET', `${V}/sites/va-clinic/history`)).json().entries[0]
    expect(latest).toMatchObject({
      action: 'revert',
      field: 'phones',
      new_value: ['(410) 555-0100'],
      reason: `revert of change #${phones.id}: wrong number after all`,
    })
    expect((await api('POST', `${V}/history/99999999/revert`, {})).statusCode).toBe(404)
  })

  it('names the field when an edit is wrong, and changes nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ colour: 'red' }, /colour|additional/],
      [{ timezone: 'Mars/Olympus' }, /changes\.timezone must be an IANA timezone/],
      [{ services: ['teleportation'] }, /services/],
      [{ hours: [{ byday: 'XX', opens: '09:00', closes: '17:00' }] }, /byday/],
      [{ status_until: '2026-02-30' }, /changes\.status_until must be a real date/],
      [{ website: 'javascript:alert(1)' }, /changes\.website/],
      [{ name: '   ' }, /changes\.name must not be empty/],
      [{}, /changes/],
    ]
    const before = (await api('GET', `${V}/sites/va-clinic`)).json()
    for (const [changes, message] of cases) {
      const res = await api('PATCH', `${V}/sites/va-clinic`, { changes })
      expect(res.statusCode, JSON.stringify(changes)).toBe(400)
      expect(res.json().message).toMatch(message)
    }
    expect((await api('GET', `${V}/sites/va-clinic`)).json().values).toEqual(before.values)
  })

  it('confirms a site as correct: Verified today in public, out of the verification queue', async () => {
    const queued = (await api('GET', `${V}/queue?kind=verification`)).json()
    expect(queued.items.map((i: { site: { id: string } }) => i.site.id)).toContain('va-clinic')
    const res = await api('POST', `${V}/sites/va-clinic/verify`, { how: 'called', note: 'spoke to the front desk' })
    const today = new Date().toISOString().slice(0, 10)
    expect(res.json().verified_on).toBe(today)
    expect(res.json().listing.verifications.site).toMatchObject({ verified_on: today, how: 'called', by: 'Val Virginia' })
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/sites/va-clinic' })).json().assured_date).toBe(today)
    const after = (await api('GET', `${V}/queue?kind=verification`)).json()
    expect(after.items.map((i: { site: { id: string } }) => i.site.id)).not.toContain('va-clinic')
    expect(after.counts.verification).toBe(queued.counts.verification - 1)
    // One critical field alone: recorded, assured_date unchanged.
    const phone = await api('POST', `${V}/sites/va-clinic/verify`, { fields: ['phone'], how: 'website' })
    expect(phone.json().listing.verifications.phone.how).toBe('website')
  })

  it('groups reports of one kind about one site into one queue item, and resolves them together', async () => {
    for (let i = 0; i < 5; i++) {
      await f.app.inject({ method: 'POST', url: '/api/v1/sites/va-clinic/reports', payload: { kind: 'closed', message: `closed ${i}` } })
    }
    await f.app.inject({ method: 'POST', url: '/api/v1/sites/va-clinic/reports', payload: { kind: 'wrong_hours' } })
    const queue = (await api('GET', `${V}/queue?kind=reports`)).json()
    expect(queue.counts.reports).toBe(2)
    const closed = queue.items.find((i: { report_kind: string }) => i.report_kind === 'closed')
    expect(closed).toMatchObject({ key: 'report:va-clinic:closed', count: 5, site: { id: 'va-clinic', region: 'VA' } })
    expect(closed.messages[0].message).toBe('closed 4')
    // Out of scope, the queue simply does not list them.
    expect((await api('GET', `${V}/queue?kind=reports`, undefined, 'curatorMd')).json().counts.reports).toBe(0)
    // Assigned to me, then filtered by it.
    expect((await api('PUT', `${V}/assignments`, { item: closed.key, account_id: f.accounts.curatorVa.id })).statusCode).toBe(200)
    const mine = (await api('GET', `${V}/queue?kind=reports&assigned=me`)).json()
    expect(mine.items).toHaveLength(1)
    expect(mine.items[0].assigned_to.name).toBe('Val Virginia')
    const resolved = await api('POST', `${V}/sites/va-clinic/reports/resolve`, { kind: 'closed', resolution: 'no_change', note: 'open as usual' })
    expect(resolved.json().resolved).toBe(5)
    expect((await api('GET', `${V}/queue?kind=reports`)).json().counts.reports).toBe(1)
    expect((await api('POST', `${V}/sites/va-clinic/reports/resolve`, { kind: 'closed', resolution: 'fixed' })).statusCode).toBe(404)
    const rows = await f.database.db.selectFrom('problem_reports').select(['status', 'resolution', 'resolved_by']).where('kind', '=', 'closed').execute()
    expect(rows.every((r) => r.status === 'resolved' && r.resolution === 'no_change' && r.resolved_by === f.accounts.curatorVa.id)).toBe(true)
  })

  it('keeps a curator edit through re-imports, asks once about the source disagreeing, and accepting takes the source value', async () => {
    const header = `${SIMPLE_CSV_HEADER.trim()},id\n`
    const csv = tempFile('partner.csv', `${header}Fan District Naloxone,100 Main St,Richmond,VA,23220,37.5500,-77.4600,p1\n`)
    const mapping = simpleCsvMapping('partner', { id: 'id' })
    const load = () => runImport(f.database.db, { format: 'csv', paths: [csv], mappingPath: mapping })
    await load()
    const found = (await api('GET', `${V}/sites?q=Fan District`)).json().sites
    expect(found).toHaveLength(1)
    const id = found[0].id as string
    await api('PATCH', `${V}/sites/${id}`, { changes: { name: 'Fan District Naloxone Pharmacy', public_note: 'Ask at the counter' } })

    const again = await load()
    expect(again.disagreements).toBe(1)
    const listing = (await api('GET', `${V}/sites/${id}`)).json()
    expect(listing.values).toMatchObject({ name: 'Fan District Naloxone Pharmacy', public_note: 'Ask at the counter' })
    const queue = (await api('GET', `${V}/queue?kind=disagreements`)).json()
    expect(queue.items).toHaveLength(1)
    expect(queue.items[0]).toMatchObject({
      field: 'name',
      source: 'partner',
      source_value: 'Fan District Naloxone',
      curator_value: 'Fan District Naloxone Pharmacy',
    })
    // The same source value is not asked about twice.
    expect((await load()).disagreements).toBe(0)
    expect((await api('GET', `${V}/queue?kind=disagreements`)).json().counts.disagreements).toBe(1)

    expect((await api('POST', `${V}/disagreements/${queue.items[0].id}/accept`)).statusCode).toBe(200)
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/sites/${id}` })).json().name).toBe('Fan District Naloxone')
    expect((await api('POST', `${V}/disagreements/${queue.items[0].id}/keep`)).statusCode).toBe(409)
    // The accept is in the history and can itself be reverted: the curator's name comes back.
    const accept = (await api('GET', `${V}/sites/${id}/history`)).json().entries.find((e: { action: string }) => e.action === 'accept_source')
    expect(accept).toMatchObject({ field: 'name', previous_value: 'Fan District Naloxone Pharmacy', new_value: 'Fan District Naloxone' })
    await api('POST', `${V}/history/${accept.id}/revert`, {})
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/sites/${id}` })).json().name).toBe('Fan District Naloxone Pharmacy')
    // A changed source file updates what is not held, and keeps what is.
    const changed = tempFile('partner.csv', `${header}Fan District Naloxone,100 Main Street,Richmond,VA,23221,37.5500,-77.4600,p1\n`)
    const report = await runImport(f.database.db, { format: 'csv', paths: [changed], mappingPath: mapping })
    expect(report.updated).toBe(1)
    const detail = (await f.app.inject({ method: 'GET', url: `/api/v1/sites/${id}` })).json()
    expect(detail).toMatchObject({ name: 'Fan District Naloxone Pharmacy', postal_code: '23221', address_1: '100 Main Street' })
  })

  it('queues an uncertain cross-source merge, and unmerging it gives two sites in search', async () => {
    const point = '37.5600,-77.4700'
    await runImport(f.database.db, {
      format: 'csv',
      paths: [tempFile('recovery.csv', `${SIMPLE_CSV_HEADER}Broad Street Recovery Center,200 W Broad St,Richmond,VA,23220,${point}\n`)],
      mappingPath: simpleCsvMapping('recovery', { types: ['treatment'] }),
    })
    const second = await runImport(f.database.db, {
      format: 'csv',
      paths: [tempFile('otp.csv', `${SIMPLE_CSV_HEADER}Richmond Opioid Treatment Program,200 W Broad St,Richmond,VA,23220,${point}\n`)],
      mappingPath: simpleCsvMapping('otp', { types: ['treatment'], services: ['methadone'] }),
    })
    expect(second.merged).toBe(1)
    const near = () =>
      f.app.inject({ method: 'GET', url: '/api/v1/search?lat=37.56&lon=-77.47&radius_km=1' }).then((r) => r.json().results.map((x: { name: string }) => x.name))
    expect(await near()).toEqual(['Broad Street Recovery Center'])
    const queue = (await api('GET', `${V}/queue?kind=merges`)).json()
    expect(queue.items).toHaveLength(1)
    const item = queue.items[0]
    expect(item).toMatchObject({ source: 'otp', record_name: 'Richmond Opioid Treatment Program', doubts: ['low_name_similarity'] })
    expect((await api('POST', `${V}/merges/otp/${encodeURIComponent(item.source_id)}/unmerge`, undefined, 'curatorMd')).statusCode).toBe(403)
    const res = await api('POST', `${V}/merges/otp/${encodeURIComponent(item.source_id)}/unmerge`)
    expect(res.statusCode).toBe(200)
    expect((await near()).sort()).toEqual(['Broad Street Recovery Center', 'Richmond Opioid Treatment Program'])
    expect((await api('GET', `${V}/queue?kind=merges`)).json().counts.merges).toBe(0)
    expect((await api('POST', `${V}/merges/otp/${encodeURIComponent(item.source_id)}/confirm`)).statusCode).toBe(409)
  })

  it('closes a site until a date: out of search until then, back by itself after it', async () => {
    const inSearch = async () =>
      (await f.app.inject({ method: 'GET', url: '/api/v1/search?lat=37.54&lon=-77.43&radius_km=5' })).json().results.map((r: { id: string }) => r.id)
    expect(await inSearch()).toContain('va-clinic')
    const closed = await api('PATCH', `${V}/sites/va-clinic`, {
      changes: { status: 'temporarily_closed', status_until: '2026-12-24', status_reason: 'Holiday closure' },
    })
    expect(closed.json().values).toMatchObject({ status: 'temporarily_closed', status_until: '2026-12-24', status_reason: 'Holiday closure' })
    expect(await inSearch()).not.toContain('va-clinic')
    expect(await reopenEndedClosures(f.database.db, '2026-12-24')).toEqual([])
    expect(await reopenEndedClosures(f.database.db, '2026-12-25')).toEqual(['va-clinic'])
    expect(await inSearch()).toContain('va-clinic')
    const listing = (await api('GET', `${V}/sites/va-clinic`)).json()
    expect(listing.values).toMatchObject({ status: 'active', status_until: null, status_reason: null })
    expect(listing.held.map((h: { field: string }) => h.field)).not.toContain('status')
    const latest = (await api('GET', `${V}/sites/va-clinic/history`)).json().entries[0]
    expect(latest).toMatchObject({ action: 'reopen', by: { kind: 'curator', account_id: null } })
  })

  it('manages accounts and tokens from the command line; a CLI token works in the API', async () => {
    const lines: string[] = []
    const io = { out: (l: string) => lines.push(l), readPassword: async () => 'a very long password indeed\n' }
    await runCuratorCommand(f.database.db, ['add', '--email', 'Cli@Example.org', '--role', 'curator', '--states', 'va', '--password-stdin'], io)
    await runCuratorCommand(f.database.db, ['token', 'create', '--email', 'cli@example.org', '--name', 'nightly'], io)
    const token = /: (hrl_\S+)$/.exec(lines.at(-1) as string)?.[1] as string
    const me = await f.app.inject({ method: 'GET', url: `${V}/session`, headers: bearer(token) })
    expect(me.json().account).toMatchObject({ email: 'cli@example.org', role: 'curator', scope_states: ['VA'] })
    await runCuratorCommand(f.database.db, ['list'], io)
    expect(lines.some((l) => l.startsWith('cli@example.org\tcurator\tenabled\tVA'))).toBe(true)
    await runCuratorCommand(f.database.db, ['disable', '--email', 'cli@example.org'], io)
    expect((await f.app.inject({ method: 'GET', url: `${V}/session`, headers: bearer(token) })).statusCode).toBe(401)
    await expect(runCuratorCommand(f.database.db, ['add', '--email', 'cli@example.org', '--role', 'curator'], io)).rejects.toThrow(/already exists/)
    await expect(runCuratorCommand(f.database.db, ['add', '--email', 'x@example.org', '--role', 'boss'], io)).rejects.toThrow(/--role/)
    // A generated password is printed once and works.
    await runCuratorCommand(f.database.db, ['add', '--email', 'first-admin@example.org', '--role', 'admin'], { ...io, readPassword: async () => '' })
    const password = /password \(shown once\): (\S+)$/.exec(lines.at(-1) as string)?.[1] as string
    const login = await f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: 'first-admin@example.org', password } })
    expect(login.statusCode).toBe(200)
  })
})
