import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, withEnvFile } from '../server/config.js'

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
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(variable)
  })

  it('accepts a PostgreSQL URL and an online tile server with attribution', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/hrl', TILE_URL: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', TILE_ATTRIBUTION: '© Example' })
    expect(c.databaseUrl).toBe('postgres://u@db:5432/hrl')
    expect(c.tileAttribution).toBe('© Example')
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
