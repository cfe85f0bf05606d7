import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../server/config.js'

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
