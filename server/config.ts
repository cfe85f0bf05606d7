/**
 * Configuration, read and validated once from the environment. Nothing else reads process.env.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseEnv } from 'node:util'

export interface Config {
  port: number
  host: string
  databaseUrl: string | null
  pgliteDir: string
  tileUrl: string | null
  tileAttribution: string | null
  geocoder: 'offline' | 'nominatim' | 'pelias' | 'photon'
  geocoderUrl: string | null
  osrmUrl: string | null
  adminToken: string | null
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Proxy addresses whose X-Forwarded-For is believed (rate limiting keys on the client address). */
  trustProxy: string | null
  rateLimitPerMinute: number
  /** Seed this many demo sites when the database holds no site at start (0 to disable). */
  demoSeedCount: number
}

export class ConfigError extends Error {
  constructor(variable: string, rule: string) {
    super(`Invalid configuration: ${variable} ${rule}`)
    this.name = 'ConfigError'
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const GEOCODERS = ['offline', 'nominatim', 'pelias', 'photon'] as const

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`)
  return value
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
  const raw = env[name]
  if (raw === undefined || raw === '') return null
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, 'must be an absolute URL')
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`)
  }
  return raw
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`)
  }
  return raw as T
}

/**
 * The environment with the variables of a `.env` file beneath it: a variable set in the real
 * environment wins over the file. No file, no change. A line that is not NAME=value (or a
 * comment) stops start-up naming the file, rather than a setting being silently dropped.
 * Example: `withEnvFile(process.env, '.env')`
 */
export function withEnvFile(env: NodeJS.ProcessEnv, path: string): NodeJS.ProcessEnv {
  if (!existsSync(path)) return env
  const file = resolve(path)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new ConfigError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  checkEnvFile(text, file)
  // Node's own parser, as process.loadEnvFile uses; parsed into a copy so process.env stays as set.
  return { ...parseEnv(text), ...env }
}

/** Node's parser skips lines it does not understand; a typo there would go unnoticed. */
function checkEnvFile(text: string, file: string): void {
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '' || line.startsWith('#')) continue
    const assignment = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(["'`]?)(.*)$/.exec(line)
    if (!assignment) throw new ConfigError(file, `line ${i + 1} is not NAME=value`)
    const [, quote = '', rest = ''] = assignment
    if (!quote || rest.includes(quote)) continue
    // A quoted value may run over several lines, up to its closing quote.
    const start = i
    while (++i < lines.length && !(lines[i] ?? '').includes(quote));
    if (i >= lines.length) throw new ConfigError(file, `line ${start + 1} opens a quoted value that is never closed`)
  }
}

/**
 * Reads and validates the configuration; throws ConfigError naming the bad variable. Without
 * an explicit environment it reads process.env and `.env` in the working directory (tests pass
 * their own environment and read no file).
 */
export function loadConfig(env: NodeJS.ProcessEnv = withEnvFile(process.env, '.env')): Config {
  const tileUrl = env.TILE_URL || null
  if (tileUrl && !/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/.test(tileUrl)) {
    throw new ConfigError('TILE_URL', 'must be an http(s) URL template with {z}, {x} and {y}')
  }
  const tileAttribution = env.TILE_ATTRIBUTION || null
  if (tileUrl && !tileAttribution) {
    throw new ConfigError('TILE_ATTRIBUTION', 'is required when TILE_URL is set (tile providers require attribution)')
  }
  const geocoder = oneOf(env, 'GEOCODER', GEOCODERS, 'offline')
  const geocoderUrl = url(env, 'GEOCODER_URL', ['http:', 'https:'])
  if (geocoder !== 'offline' && !geocoderUrl) {
    throw new ConfigError('GEOCODER_URL', `is required when GEOCODER=${geocoder}`)
  }
  const adminToken = env.ADMIN_TOKEN || null
  if (adminToken !== null && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', 'must be at least 16 characters')
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    pgliteDir: env.PGLITE_DIR || '.data/pglite',
    tileUrl,
    tileAttribution,
    geocoder,
    geocoderUrl,
    osrmUrl: url(env, 'OSRM_URL', ['http:', 'https:']),
    adminToken,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    trustProxy: env.TRUST_PROXY || null,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000),
    demoSeedCount: integer(env, 'DEMO_SEED_COUNT', 5000, 0, 10_000_000),
  }
}

/**
 * loadConfig() for an entry point (the server and every CLI): a bad setting or .env line
 * prints its message, naming the variable or file, and exits with 78 (EX_CONFIG), not a stack trace.
 */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(err.message)
    return process.exit(78)
  }
}
