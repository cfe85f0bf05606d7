import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Fastify from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, withEnvFile } from '../server/config.js'
import { trustProxyOption } from '../server/plugins/security.js'

describe('configuration is checked once at start, naming a bad variable', () => {
  it('defaults to the embedded database on port 3000 with the offline geocoder and basemap', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, pgliteDir: '.data/pglite', geocoder: 'offline', tileUrl: null, logLevel: 'info' })
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ GEOCODER: 'google' }, 'GEOCODER'],
    [{ GEOCODER: 'nominatim' }, 'GEOCODER_URL'],
    [{ TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' }, 'TILE_ATTRIBUTION'],
    [{ TILE_URL: 'not a url' }, 'TILE_URL'],
    [{ OSRM_URL: 'ftp://osrm' }, 'OSRM_URL'],
    [{ ADMIN_TOKEN: 'a-long-enough-shared-token' }, 'ADMIN_TOKEN'],
    [{ VERIFY_AFTER_DAYS: '0' }, 'VERIFY_AFTER_DAYS'],
    [{ STALE_HIDE_AFTER_DAYS: '0' }, 'STALE_HIDE_AFTER_DAYS'],
    [{ STALE_HIDE_AFTER_DAYS: 'a year' }, 'STALE_HIDE_AFTER_DAYS'],
    [{ STALE_HIDE_AFTER_DAYS: '-30' }, 'STALE_HIDE_AFTER_DAYS'],
    [{ STALE_HIDE_AFTER_DAYS: '365.5' }, 'STALE_HIDE_AFTER_DAYS'],
    [{ STALE_HIDE_AFTER_DAYS: '99999' }, 'STALE_HIDE_AFTER_DAYS'],
    [{ CURATOR_SESSION_IDLE_MINUTES: 'soon' }, 'CURATOR_SESSION_IDLE_MINUTES'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '127.0.0.1,,10.0.0.1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'true,10.0.0.1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '1000' }, 'TRUST_PROXY'],
    [{ PUBLIC_URL: 'help.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://help.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://help.example.org/?utm=x' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://admin:secret@help.example.org' }, 'PUBLIC_URL'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(variable)
  })

  it('never hides stale listings unless STALE_HIDE_AFTER_DAYS is set, and reads it as days', () => {
    expect(loadConfig({}).staleHideAfterDays).toBeNull()
    expect(loadConfig({ STALE_HIDE_AFTER_DAYS: '' }).staleHideAfterDays).toBeNull()
    expect(loadConfig({ STALE_HIDE_AFTER_DAYS: '730' }).staleHideAfterDays).toBe(730)
    expect(() => loadConfig({ STALE_HIDE_AFTER_DAYS: 'a year' })).toThrow('Invalid configuration: STALE_HIDE_AFTER_DAYS must be a whole number, got "a year"')
    expect(() => loadConfig({ STALE_HIDE_AFTER_DAYS: '0' })).toThrow('Invalid configuration: STALE_HIDE_AFTER_DAYS must be between 1 and 3650, got 0')
  })

  it('accepts a PostgreSQL URL and an online tile server with attribution', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/hrl', TILE_URL: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', TILE_ATTRIBUTION: '© Example' })
    expect(c.databaseUrl).toBe('postgres://u@db:5432/hrl')
    expect(c.tileAttribution).toBe('© Example')
  })
})

describe("TRUST_PROXY takes what a reverse proxy set-up needs: on/off, a hop count, or the proxies' addresses", () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['FALSE', false],
    ['true', true],
    ['True', true],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['::1,fd00::/8,loopback,uniquelocal', ['::1', 'fd00::/8', 'loopback', 'uniquelocal']],
  ] as const)('reads %s as %o', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected)
  })

  it.each(['true', 'false', '1', '3', '10.0.0.0/8,127.0.0.1', 'loopback'])('starts the server with TRUST_PROXY=%s', async (value) => {
    const app = Fastify({ trustProxy: trustProxyOption(loadConfig({ TRUST_PROXY: value }).trustProxy) })
    app.get('/ip', async (request) => request.ip)
    const res = await app.inject({ url: '/ip', headers: { 'x-forwarded-for': '203.0.113.9' } })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe(value === 'false' ? '127.0.0.1' : '203.0.113.9')
    await app.close()
  })

  it('believes as many X-Forwarded-For entries as the hop count, from the nearest', async () => {
    const ipWith = async (value: string) => {
      const app = Fastify({ trustProxy: trustProxyOption(loadConfig({ TRUST_PROXY: value }).trustProxy) })
      app.get('/ip', async (request) => request.ip)
      const res = await app.inject({ url: '/ip', headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' } })
      await app.close()
      return res.body
    }
    // A client can put anything at the front of the header; one proxy in front adds only the last entry.
    expect(await ipWith('1')).toBe('203.0.113.9')
    expect(await ipWith('2')).toBe('198.51.100.1')
    expect(await ipWith('10.0.0.0/8')).toBe('127.0.0.1')
  })

  it('stops an entry point with exit 78 and a message naming TRUST_PROXY, not a stack trace', () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const script = `import(${JSON.stringify(new URL('../server/config.ts', import.meta.url).href)}).then(({ loadConfigOrExit }) => loadConfigOrExit())`
    const empty = mkdtempSync(join(tmpdir(), 'hrl-config-')) // no .env there
    const run = spawnSync(process.execPath, ['--import', tsx, '-e', script], { cwd: empty, env: { TRUST_PROXY: 'yes' }, encoding: 'utf8' })
    rmSync(empty, { recursive: true, force: true })
    expect(run.status).toBe(78)
    expect(run.stderr.trim()).toMatch(
      /^Invalid configuration: TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list .*"yes" is none of these$/,
    )
  })

  it('stops an entry point with exit 78 when STALE_HIDE_AFTER_DAYS is not a number of days', () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const script = `import(${JSON.stringify(new URL('../server/config.ts', import.meta.url).href)}).then(({ loadConfigOrExit }) => loadConfigOrExit())`
    const empty = mkdtempSync(join(tmpdir(), 'hrl-config-'))
    const run = spawnSync(process.execPath, ['--import', tsx, '-e', script], { cwd: empty, env: { STALE_HIDE_AFTER_DAYS: '1y' }, encoding: 'utf8' })
    rmSync(empty, { recursive: true, force: true })
    expect(run.status).toBe(78)
    expect(run.stderr.trim()).toBe('Invalid configuration: STALE_HIDE_AFTER_DAYS must be a whole number, got "1y"')
  })
})

describe('PUBLIC_URL is where the public reaches the server', () => {
  it('is optional', () => {
    expect(loadConfig({}).publicUrl).toBeNull()
  })

  it.each([
    ['https://help.example.org', 'https://help.example.org'],
    ['https://help.example.org/', 'https://help.example.org'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['https://example.org/locator/', 'https://example.org/locator'],
  ])('reads %s as %s (no trailing slash, so links are PUBLIC_URL + path)', (value, expected) => {
    expect(loadConfig({ PUBLIC_URL: value }).publicUrl).toBe(expected)
  })
})

describe('DATABASE_READ_URL names read replicas of the PostgreSQL primary', () => {
  it('is optional: without it every read goes to DATABASE_URL, and replicas may lag 30 s by default', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/hrl' })).toMatchObject({ databaseReadUrls: [], replicaMaxLagS: 30 })
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/hrl', DATABASE_READ_URL: '' }).databaseReadUrls).toEqual([])
  })

  it('takes one or several postgres:// URLs, comma-separated, and REPLICA_MAX_LAG_S in seconds', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/hrl',
      DATABASE_READ_URL: 'postgres://u@replica-1:5432/hrl, postgresql://u@replica-2:5432/hrl',
      REPLICA_MAX_LAG_S: '10',
    })
    expect(c.databaseReadUrls).toEqual(['postgres://u@replica-1:5432/hrl', 'postgresql://u@replica-2:5432/hrl'])
    expect(c.replicaMaxLagS).toBe(10)
  })

  it.each([
    [{ DATABASE_READ_URL: 'postgres://u@replica:5432/hrl' }, 'DATABASE_READ_URL is set but DATABASE_URL is not'],
    [{ DATABASE_URL: 'postgres://u@db/hrl', DATABASE_READ_URL: 'postgres://u@r1/hrl,mysql://r2' }, 'DATABASE_READ_URL must use postgres: or postgresql:'],
    [{ DATABASE_URL: 'postgres://u@db/hrl', DATABASE_READ_URL: 'replica:5432' }, 'DATABASE_READ_URL must'],
    [{ DATABASE_URL: 'postgres://u@db/hrl', REPLICA_MAX_LAG_S: '0' }, 'REPLICA_MAX_LAG_S must be between 1'],
    [{ DATABASE_URL: 'postgres://u@db/hrl', REPLICA_MAX_LAG_S: 'half a minute' }, 'REPLICA_MAX_LAG_S must be a whole number'],
  ])('rejects %o: %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('never repeats a replica URL (its password) in the message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/hrl', DATABASE_READ_URL: 'mysql://u:hunter2@r2' })).not.toThrow(/hunter2/)
  })
})

describe('SMTP_URL and MAIL_FROM configure mail for provider update links', () => {
  it('are optional, and read together', () => {
    expect(loadConfig({}).mail).toBeNull()
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'Directory <d@example.org>' }).mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.org:465',
      from: 'Directory <d@example.org>',
    })
  })

  it.each([
    [{ SMTP_URL: 'https://mail.example.org', MAIL_FROM: 'd@example.org' }, /SMTP_URL must use smtp: or smtps:/],
    [{ SMTP_URL: 'mail.example.org', MAIL_FROM: 'd@example.org' }, /SMTP_URL must be an absolute URL/],
    [{ SMTP_URL: 'smtp://mail.example.org' }, /MAIL_FROM is required when SMTP_URL is set/],
    [{ SMTP_URL: 'smtp://mail.example.org', MAIL_FROM: 'directory' }, /MAIL_FROM must be an email address/],
    [{ MAIL_FROM: 'd@example.org' }, /MAIL_FROM is set but SMTP_URL is not/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })
})

describe('SMS_AUTH_TOKEN and SMS_INBOUND_SECRET turn on the SMS lookup', () => {
  it('are optional: unset, both SMS routes are off', () => {
    expect(loadConfig({}).sms).toEqual({ twilioAuthToken: null, inboundSecret: null })
  })

  it('reads both secrets; Twilio needs PUBLIC_URL, which its signature covers', () => {
    const c = loadConfig({ SMS_AUTH_TOKEN: 'a'.repeat(32), PUBLIC_URL: 'https://help.example.org', SMS_INBOUND_SECRET: 'b'.repeat(24) })
    expect(c.sms).toEqual({ twilioAuthToken: 'a'.repeat(32), inboundSecret: 'b'.repeat(24) })
    expect(() => loadConfig({ SMS_AUTH_TOKEN: 'a'.repeat(32) })).toThrow('Invalid configuration: SMS_AUTH_TOKEN needs PUBLIC_URL')
  })

  it.each([
    [{ SMS_INBOUND_SECRET: 'short' }, 'SMS_INBOUND_SECRET must be at least 16 characters'],
    [{ SMS_INBOUND_SECRET: 'has a space in it, long enough' }, 'SMS_INBOUND_SECRET must not contain spaces'],
    [{ SMS_AUTH_TOKEN: 'abc', PUBLIC_URL: 'https://help.example.org' }, 'SMS_AUTH_TOKEN must be at least 8 characters'],
  ])('rejects %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })
})

describe('a .env file in the working directory fills in what the environment leaves unset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrl-env-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const envFile = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return join(dir, name)
  }

  it('is read by loadConfig() from the working directory, under the real environment', () => {
    writeFileSync(join(dir, '.env'), 'PORT=8080\nLOG_LEVEL=debug\n')
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const script = `import(${JSON.stringify(new URL('../server/config.ts', import.meta.url).href)})
      .then(({ loadConfig }) => { const c = loadConfig(); console.log(JSON.stringify([c.port, c.logLevel])) })`
    // A child process, so that neither this process's environment nor its directory matter.
    const run = spawnSync(process.execPath, ['--import', tsx, '-e', script], { cwd: dir, env: { PORT: '9090' }, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual([9090, 'debug'])
  })

  it('uses the values in .env', () => {
    const file = envFile('plain.env', '# curator laptop\nPORT=8080\nexport PGLITE_DIR=/srv/hrl/pglite\nTILE_ATTRIBUTION="© OSM, contributors" # required\n\n')
    const config = loadConfig(withEnvFile({}, file))
    expect(config).toMatchObject({ port: 8080, pgliteDir: '/srv/hrl/pglite', tileAttribution: '© OSM, contributors' })
  })

  it('lets a variable set in the real environment win over .env', () => {
    const file = envFile('override.env', 'PORT=8080\nLOG_LEVEL=debug\n')
    const env = { PORT: '9090' }
    expect(loadConfig(withEnvFile(env, file))).toMatchObject({ port: 9090, logLevel: 'debug' })
    expect(env).toEqual({ PORT: '9090' })
  })

  it('is optional', () => {
    const env = { PORT: '9090' }
    expect(withEnvFile(env, join(dir, 'missing.env'))).toBe(env)
  })

  it('stops start-up naming the file and line when a line is not NAME=value', () => {
    const file = envFile('typo.env', 'PORT=8080\nDATABASE_URL postgres://db/hrl\n')
    expect(() => withEnvFile({}, file)).toThrow(ConfigError)
    expect(() => withEnvFile({}, file)).toThrow(`${file} line 2 is not NAME=value`)
  })

  it('accepts a quoted value over several lines, but not one that is never closed', () => {
    const file = envFile('multi.env', 'TILE_ATTRIBUTION="line one\nline two"\nPORT=8080\n')
    expect(loadConfig(withEnvFile({}, file))).toMatchObject({ tileAttribution: 'line one\nline two', port: 8080 })
    const open = envFile('open.env', 'PORT=8080\nTILE_ATTRIBUTION="never closed\n')
    expect(() => withEnvFile({}, open)).toThrow(`${open} line 2 opens a quoted value`)
  })
})
