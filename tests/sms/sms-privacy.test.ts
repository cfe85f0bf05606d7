/**
 * After a whole conversation over both webhooks — a search, MORE, HELP, a bad signature, a
 * wrong secret, STOP — neither the log (at its most verbose) nor any text column of any
 * table holds the sender's number, what they texted or the place they named; the MORE state
 * is keyed by a keyed hash, not the number.
 */
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { MoreSessions } from '../../server/sms/sessions.js'
import { twilioSignature } from '../../server/sms/twilio-signature.js'
import { buildApp } from '../../server/app.js'
import { testConfig } from '../helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { site } from '../helpers/sites.js'

const TOKEN = 'twilio-auth-token-0123456789abcdef'
const SECRET = 'inbound-shared-secret-0123456789'
const PUBLIC_URL = 'https://help.example.org'
const NUMBER = '+14435550199'
const OTHER_NUMBER = '+12405550177'
/** What was texted: places and words that appear nowhere in the test directory. */
const TEXTS = ['NARCAN Towson MD', 'MORE', 'naloxona cerca de 21286', 'MAS', 'HELP', 'detox Catonsville', 'STOP']
const SECRETS = ['4435550199', '443555', '2405550177', 'Towson', 'towson', '21286', 'Catonsville', 'catonsville', 'NARCAN', 'naloxona', 'cerca']

/** Every text-like column of every table in the schema, as one string. */
async function databaseText(database: TestDatabase): Promise<string> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
  `.execute(database.db)
  const parts: string[] = []
  for (const { table_name, column_name } of columns.rows) {
    // Names from the catalogue, quoted: never a value from the test.
    const rows = await sql<{
      v: string | null
    }>`SELECT string_agg(${sql.ref(`${table_name}.${column_name}`)}::text, ' ') AS v FROM ${sql.table(table_name)}`.execute(database.db)
    parts.push(rows.rows[0]?.v ?? '')
  }
  expect(columns.rows.length).toBeGreaterThan(20)
  return parts.join('\n')
}

describe.each(backends)('an SMS conversation leaves no trace (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [
      site({ id: 'harbor', name: 'Harbor Outreach', lat: 39.2946, lon: -76.62, services: ['naloxone', 'detox'] }),
      site({ id: 'pier', name: 'Pier Health', lat: 39.3, lon: -76.6, services: ['naloxone'] }),
      site({ id: 'dock', name: 'Dock Clinic', lat: 39.31, lon: -76.61, services: ['naloxone'] }),
      site({ id: 'wharf', name: 'Wharf Van', lat: 39.32, lon: -76.6, services: ['naloxone'] }),
    ])
    await rebuildSearchTables(database.db)
  })
  afterAll(async () => database?.close())

  it('logs neither the number, the text nor the place, and stores none of them', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const config = testConfig({ logLevel: 'trace', publicUrl: PUBLIC_URL, sms: { twilioAuthToken: TOKEN, inboundSecret: SECRET } })
    const app = await buildApp(config, { database, closeDatabase: false, logStream: stream })
    const replies: string[] = []
    for (const [i, text] of TEXTS.entries()) {
      if (i % 2 === 0) {
        const params = { From: NUMBER, To: '+14105559999', Body: text, MessageSid: `SM${i}`, AccountSid: 'AC1', NumMedia: '0' }
        const res = await app.inject({
          method: 'POST',
          url: '/sms/twilio',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `${PUBLIC_URL}/sms/twilio`, params) },
          payload: new URLSearchParams(params).toString(),
        })
        expect(res.statusCode).toBe(200)
        replies.push(res.body)
      } else {
        const res = await app.inject({ method: 'POST', url: '/sms/inbound', headers: { 'x-sms-secret': SECRET }, payload: { from: NUMBER, text } })
        expect(res.statusCode).toBe(200)
        replies.push(res.json().reply)
      }
    }
    // Refused requests carry the number and text too.
    const refused = { From: OTHER_NUMBER, Body: 'NARCAN Towson MD' }
    const bad = await app.inject({
      method: 'POST',
      url: '/sms/twilio',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      payload: new URLSearchParams(refused).toString(),
    })
    expect(bad.statusCode).toBe(403)
    const wrong = await app.inject({
      method: 'POST',
      url: '/sms/inbound',
      headers: { 'x-sms-secret': 'nope' },
      payload: { from: OTHER_NUMBER, text: 'detox Catonsville' },
    })
    expect(wrong.statusCode).toBe(401)
    const malformed = await app.inject({
      method: 'POST',
      url: '/sms/inbound',
      headers: { 'x-sms-secret': SECRET, 'content-type': 'application/json' },
      payload: `{"from":"${OTHER_NUMBER}","text":"Towson`,
    })
    expect(malformed.statusCode).toBe(400)
    await app.close()

    // The conversation happened: the places were found and paged.
    expect(replies[0]).toContain('1) Wharf Van')
    expect(replies[1]).toContain('4) Harbor Outreach')
    expect(replies.at(-1)).toContain('unsubscribed')

    const log = lines.join('')
    expect(lines.length).toBeGreaterThanOrEqual(TEXTS.length + 3)
    for (const secret of [...SECRETS, NUMBER, OTHER_NUMBER, ...TEXTS.filter((t) => t.length > 4)]) {
      expect(log, `log contains "${secret}"`).not.toContain(secret)
    }
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request')
    expect(requestLines.map((l) => l.route)).toEqual(expect.arrayContaining(['/sms/twilio', '/sms/inbound']))
    for (const line of requestLines) {
      expect(
        Object.keys(line)
          .filter((k) => !['level', 'time', 'pid', 'hostname', 'reqId', 'msg', 'err'].includes(k))
          .sort(),
      ).toEqual(['method', 'ms', 'route', 'status'])
    }

    const stored = await databaseText(database)
    expect(stored).toContain('Harbor Outreach')
    for (const secret of [...SECRETS, NUMBER, OTHER_NUMBER]) expect(stored, `database holds "${secret}"`).not.toContain(secret)
  })

  it('keys the MORE state by a keyed hash that differs between processes', () => {
    const a = new MoreSessions()
    const b = new MoreSessions()
    const state = {
      lang: 'en' as const,
      topics: [],
      services: [],
      types: [],
      openNow: false,
      near: 'Towson MD',
      placeLabel: 'Towson, MD',
      cursor: null,
      pending: [],
      shown: 0,
    }
    a.set(NUMBER, state, new Date())
    const keys = [...(a as unknown as { entries: Map<string, unknown> }).entries.keys()]
    expect(keys).toHaveLength(1)
    expect(keys[0]).not.toContain('4435550199')
    expect(a.keyOf(NUMBER)).toBe(a.keyOf('+1 (443) 555-0199'))
    expect(a.keyOf(NUMBER)).not.toBe(b.keyOf(NUMBER))
  })
})
