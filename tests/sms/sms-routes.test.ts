/**
 * The SMS webhooks over a real database: Twilio's form post is answered only when its
 * X-Twilio-Signature matches the public URL and every parameter (a missing, wrong, replayed-
 * with-a-change or wrong-URL signature gets 403 and no search); each route is off (404)
 * until its secret is configured; the generic JSON webhook wants its shared secret; and a
 * flood from one number, or through one gateway, is cut off with 429.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { SENDER_MAX } from '../../server/routes/sms/limits.js'
import { twilioSignature } from '../../server/sms/twilio-signature.js'
import type { Config } from '../../server/config.js'
import { buildApp } from '../../server/app.js'
import { appFor, testConfig } from '../helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { hours, site } from '../helpers/sites.js'

const TOKEN = 'twilio-auth-token-0123456789abcdef'
const SECRET = 'inbound-shared-secret-0123456789'
const PUBLIC_URL = 'https://help.example.org'
const SMS: Partial<Config> = { publicUrl: PUBLIC_URL, sms: { twilioAuthToken: TOKEN, inboundSecret: SECRET } }

/** What Twilio posts for one inbound text. */
const twilioParams = (body: string, from = '+14105550123') => ({
  ToCountry: 'US',
  SmsMessageSid: 'SM0123456789abcdef0123456789abcdef',
  NumMedia: '0',
  From: from,
  To: '+14105559999',
  Body: body,
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  ApiVersion: '2010-04-01',
})

describe.each(backends)('SMS webhooks (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [
      site({
        id: 'harbor',
        name: 'Harbor Outreach',
        lat: 39.2946,
        lon: -76.62,
        services: ['naloxone', 'syringe_services'],
        hours: [hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')],
      }),
    ])
    await rebuildSearchTables(database.db)
    app = await appFor(database, SMS)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const postTwilio = (params: Record<string, string>, signature: string | null, url = '/sms/twilio') =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
      payload: new URLSearchParams(params).toString(),
    })

  it('answers a signed Twilio text with TwiML holding the nearest naloxone, never cached', async () => {
    const params = twilioParams('NALOXONE 21201')
    const res = await postTwilio(params, twilioSignature(TOKEN, `${PUBLIC_URL}/sms/twilio`, params))
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/xml/)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>Naloxone near 21201:\n1\) Harbor Outreach - /)
    expect(res.body).toContain('(410) 555-0100')
    expect(res.body).toContain(`${PUBLIC_URL}/lite/sites/harbor`)
    expect(res.body.endsWith('</Message></Response>')).toBe(true)
  })

  it('checks the signature over the console URL with its query string', async () => {
    const params = twilioParams('HELP')
    const res = await postTwilio(params, twilioSignature(TOKEN, `${PUBLIC_URL}/sms/twilio?v=1`, params), '/sms/twilio?v=1')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Text what you need and your ZIP')
  })

  it('refuses a text without a signature, with a wrong one, replayed with a changed parameter, or signed for another URL', async () => {
    const params = twilioParams('NALOXONE 21201')
    const good = twilioSignature(TOKEN, `${PUBLIC_URL}/sms/twilio`, params)
    const cases = [
      { name: 'missing', res: await postTwilio(params, null), message: 'X-Twilio-Signature is missing' },
      { name: 'empty', res: await postTwilio(params, ''), message: 'X-Twilio-Signature is missing' },
      { name: 'invalid', res: await postTwilio(params, 'bm90IGEgc2lnbmF0dXJlIGF0IGFsbA=='), message: 'does not match' },
      {
        name: 'other token',
        res: await postTwilio(params, twilioSignature('another-token-xyz', `${PUBLIC_URL}/sms/twilio`, params)),
        message: 'does not match',
      },
      { name: 'changed Body', res: await postTwilio({ ...params, Body: 'NALOXONE 10001' }, good), message: 'does not match' },
      { name: 'changed From', res: await postTwilio({ ...params, From: '+12125550100' }, good), message: 'does not match' },
      { name: 'added field', res: await postTwilio({ ...params, Extra: '1' }, good), message: 'does not match' },
      // Signed for the address the request came in on (the Host header), not the public URL.
      { name: 'wrong URL', res: await postTwilio(params, twilioSignature(TOKEN, 'http://localhost:80/sms/twilio', params)), message: 'does not match' },
      {
        name: 'http not https',
        res: await postTwilio(params, twilioSignature(TOKEN, 'http://help.example.org/sms/twilio', params)),
        message: 'does not match',
      },
    ]
    for (const { name, res, message } of cases) {
      expect(res.statusCode, name).toBe(403)
      expect(res.json(), name).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' })
      expect(res.json().message, name).toContain(message)
      expect(res.body, name).not.toContain('Harbor')
    }
  })

  it('answers the generic webhook only with the shared secret, in JSON with the encoding and segments', async () => {
    const send = (headers: Record<string, string | undefined>, payload: unknown) =>
      app.inject({ method: 'POST', url: '/sms/inbound', headers: headers as Record<string, string>, payload: payload as object })
    const ok = await send({ 'x-sms-secret': SECRET }, { from: '+14105550123', text: 'naloxona 21201', to: '+14105559999' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ encoding: 'GSM-7', segments: expect.any(Number) })
    expect(ok.json().reply).toMatch(/^Naloxona cerca de 21201:\n1\) Harbor Outreach - /)
    for (const headers of [{}, { 'x-sms-secret': 'wrong-secret-of-some-length' }, { 'x-sms-secret': SECRET.slice(0, -1) }]) {
      const res = await send(headers, { from: '+14105550123', text: 'naloxone 21201' })
      expect(res.statusCode).toBe(401)
      expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' })
    }
    const bad = await send({ 'x-sms-secret': SECRET }, { text: 'naloxone 21201' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'INVALID_FIELD' })
    expect(bad.json().message).toContain('from')
  })

  it('cuts off one number after SENDER_MAX texts, and not the next number', async () => {
    const send = (from: string) => app.inject({ method: 'POST', url: '/sms/inbound', headers: { 'x-sms-secret': SECRET }, payload: { from, text: 'HELP' } })
    for (let i = 0; i < SENDER_MAX; i++) expect((await send('+13015550111')).statusCode).toBe(200)
    const over = await send('+1 (301) 555-0111')
    expect(over.statusCode).toBe(429)
    expect(over.json()).toMatchObject({ code: 'RATE_LIMITED' })
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0)
    expect((await send('+13015550112')).statusCode).toBe(200)
  })

  it('cuts off a gateway past RATE_LIMIT_PER_MINUTE texts a minute, whoever sends them', async () => {
    const limited = await appFor(database, { ...SMS, rateLimitPerMinute: 3 })
    try {
      const send = (i: number) =>
        limited.inject({ method: 'POST', url: '/sms/inbound', headers: { 'x-sms-secret': SECRET }, payload: { from: `+1301555020${i}`, text: 'HELP' } })
      for (let i = 0; i < 3; i++) expect((await send(i)).statusCode).toBe(200)
      expect((await send(7)).statusCode).toBe(429)
    } finally {
      await limited.close()
    }
  })

  it('still texts back "try again" through Twilio when the database is away, and gives the generic gateway a 503 to retry', async () => {
    // A geocoder that fails as a dropped database connection does: the fault reaches the route.
    const down = { geocode: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) }
    const faulty = await buildApp(testConfig(SMS), { database, closeDatabase: false, geocoder: down })
    try {
      const params = twilioParams('NALOXONA 21201')
      const res = await faulty.inject({
        method: 'POST',
        url: '/sms/twilio',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `${PUBLIC_URL}/sms/twilio`, params) },
        payload: new URLSearchParams(params).toString(),
      })
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain('<Message>Perdon, no se puede consultar la lista ahora.')
      const inbound = await faulty.inject({
        method: 'POST',
        url: '/sms/inbound',
        headers: { 'x-sms-secret': SECRET },
        payload: { from: '+14105550123', text: 'NALOXONE 21201' },
      })
      expect(inbound.statusCode).toBe(503)
      expect(inbound.json()).toMatchObject({ code: 'UNAVAILABLE' })
      expect(Number(inbound.headers['retry-after'])).toBeGreaterThan(0)
    } finally {
      await faulty.close()
    }
  })

  it('is off without its secret: 404 for both routes when neither is configured, and for Twilio without SMS_AUTH_TOKEN', async () => {
    const off = await appFor(database)
    const inboundOnly = await appFor(database, { publicUrl: PUBLIC_URL, sms: { twilioAuthToken: null, inboundSecret: SECRET } })
    try {
      const params = twilioParams('NALOXONE 21201')
      const signed = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `${PUBLIC_URL}/sms/twilio`, params) }
      const payload = new URLSearchParams(params).toString()
      expect((await off.inject({ method: 'POST', url: '/sms/twilio', headers: signed, payload })).statusCode).toBe(404)
      expect(
        (await off.inject({ method: 'POST', url: '/sms/inbound', headers: { 'x-sms-secret': SECRET }, payload: { from: '+1', text: 'HELP' } })).statusCode,
      ).toBe(404)
      expect((await inboundOnly.inject({ method: 'POST', url: '/sms/twilio', headers: signed, payload })).statusCode).toBe(404)
    } finally {
      await off.close()
      await inboundOnly.close()
    }
  })
})
