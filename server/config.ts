/**
 * Configuration, read and validated once from the environment. Nothing else reads process.env.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { parseEnv } from 'node:util'

export interface Config {
  port: number
  host: string
  databaseUrl: string | null
  /**
   * DATABASE_READ_URL: PostgreSQL streaming replicas (comma-separated) that serve search, sites,
   * HSDS and exports; empty: every read goes to DATABASE_URL. Needs DATABASE_URL.
   */
  databaseReadUrls: string[]
  /** REPLICA_MAX_LAG_S: a replica further behind the primary than this is skipped (and a curator's reads stay on the primary this long after a write). */
  replicaMaxLagS: number
  pgliteDir: string
  tileUrl: string | null
  /** Where "Leave quickly" on the page goes: a neutral site. */
  quickExitUrl: string
  tileAttribution: string | null
  /** BASEMAP_PMTILES: an absolute path to a PMTiles v3 file (Protomaps basemap schema) served at /basemap.pmtiles, or null. */
  basemapPmtiles: string | null
  geocoder: 'offline' | 'nominatim' | 'pelias' | 'photon'
  geocoderUrl: string | null
  osrmUrl: string | null
  /** Curation: a site is due for verification this many days after it was last verified; console session limits. */
  curation: { verifyAfterDays: number; sessionIdleMinutes: number; sessionHours: number }
  /**
   * STALE_HIDE_AFTER_DAYS: a listing last verified (never verified: last imported) more than
   * this many days ago drops out of default search results (include_stale brings it back; its
   * page stays reachable by id). Null: never hide.
   */
  staleHideAfterDays: number | null
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /**
   * Which X-Forwarded-For hops are believed (rate limiting keys on the client address), as
   * Fastify's trustProxy takes it: true/false, a hop count, or proxy IPs and CIDRs.
   */
  trustProxy: boolean | number | string[]
  /** Where the public reaches the server (absolute http(s), no trailing slash), or null: links in bodies never come from the Host header. */
  publicUrl: string | null
  rateLimitPerMinute: number
  /** Seed this many demo sites when the database holds no site at start (0 to disable). */
  demoSeedCount: number
  /** Connections the API keeps to PostgreSQL. */
  databasePoolSize: number
  /** Longest an API statement may run on PostgreSQL before it is cancelled (a 503 TIMEOUT). */
  statementTimeoutMs: number
  /** Overload thresholds (0 = off): past any of them requests get 503 with Retry-After. */
  pressure: { maxEventLoopDelayMs: number; maxHeapUsedMb: number; maxRssMb: number }
  /**
   * The route planner's solver threads, the plans that may wait for one (past that, 503 BUSY),
   * and the wall-clock cap on one solve (past it the thread is terminated: 503 TIMEOUT).
   */
  planner: { workers: number; queue: number; timeoutMs: number }
  /** POST /api/v1/routes per client per minute: each plan can keep a solver thread busy for 2 s. */
  routesRateLimitPerMinute: number
  /** Mail for provider update links: SMTP_URL (smtp:// or smtps://, credentials in it) and MAIL_FROM, or null when not configured. */
  mail: { smtpUrl: string; from: string } | null
  /**
   * The SMS lookup (routes/sms): SMS_AUTH_TOKEN (the Twilio account's auth token: turns on
   * POST /sms/twilio, which needs PUBLIC_URL to check signatures) and SMS_INBOUND_SECRET (turns
   * on the generic POST /sms/inbound); each null when unset, and its route is off (404).
   */
  sms: { twilioAuthToken: string | null; inboundSecret: string | null }
  /** WEB_CONCURRENCY: API processes (node:cluster workers); 1 is one plain process. More than 1 needs DATABASE_URL. */
  webConcurrency: number
  /** REDIS_URL (redis:// or rediss://): rate limits shared by every process and machine; null keeps them in memory. REDIS_KEY_PREFIX namespaces the keys. */
  redis: { url: string; keyPrefix: string } | null
  /** Public directory answers (taxonomy, HSDS, exports; site pages, which carry live status, for less): Cache-Control max-age in seconds. */
  httpCache: { maxAgeS: number; siteMaxAgeS: number }
  /** Brotli/gzip for answers of at least COMPRESS_MIN_BYTES when the client asks; 0 turns it off (a proxy in front compresses). */
  compressMinBytes: number
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

/** Address ranges proxy-addr (behind Fastify's trustProxy) knows by name. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal']

/** An IPv4/IPv6 address, a CIDR range of one, or a proxy-addr range name. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0) return false
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128))
}

/**
 * TRUST_PROXY as Fastify's trustProxy takes it: `true` (believe every hop), `false` or unset
 * (none), a hop count (`1`: one proxy in front), or a comma-separated list of proxy addresses
 * and CIDR ranges. Example: `10.0.0.0/8, 127.0.0.1` → ['10.0.0.0/8', '127.0.0.1'].
 */
function trustProxy(env: NodeJS.ProcessEnv): boolean | number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim()
  if (raw === '' || /^false$/i.test(raw)) return false
  if (/^true$/i.test(raw)) return true
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw)
    if (hops > 100) throw new ConfigError('TRUST_PROXY', `as a number of proxy hops must be at most 100, got ${raw}`)
    return hops === 0 ? false : hops
  }
  const entries = raw.split(',').map((entry) => entry.trim())
  const bad = entries.find((entry) => !isProxyAddress(entry))
  if (bad !== undefined) {
    throw new ConfigError(
      'TRUST_PROXY',
      'must be true, false, a number of proxy hops, or a comma-separated list of proxy IP addresses ' +
        `and CIDR ranges (or loopback, linklocal, uniquelocal); "${bad}" is none of these`,
    )
  }
  return entries
}

/** PUBLIC_URL: an absolute http(s) URL with no query, fragment or credentials; a path is a prefix, kept without its trailing slash. */
function publicUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = url(env, 'PUBLIC_URL', ['http:', 'https:'])
  if (raw === null) return null
  const parsed = new URL(raw)
  if (/[?#]/.test(raw) || parsed.username || parsed.password) {
    throw new ConfigError('PUBLIC_URL', 'must be the plain address the public uses, such as https://help.example.org, with no query, fragment or user')
  }
  return parsed.origin + parsed.pathname.replace(/\/+$/, '')
}

/**
 * Solver threads: by default one core is left to the event loop (at least one thread, at most
 * four). The cap must leave room for the largest budget_ms (2000) plus the final polish.
 */
function plannerConfig(env: NodeJS.ProcessEnv): Config['planner'] {
  const workers = integer(env, 'PLANNER_WORKERS', Math.max(1, Math.min(4, availableParallelism() - 1)), 1, 64)
  return {
    workers,
    queue: integer(env, 'PLANNER_QUEUE', 2 * workers, 0, 10_000),
    timeoutMs: integer(env, 'PLANNER_TIMEOUT_MS', 5000, 2500, 600_000),
  }
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
 * BASEMAP_PMTILES: a readable PMTiles v3 file (its first bytes say so), as an absolute path.
 * Checked at start so a typo or an unreadable file stops the server instead of a blank map.
 */
function basemapPmtiles(env: NodeJS.ProcessEnv): string | null {
  const raw = env.BASEMAP_PMTILES
  if (raw === undefined || raw === '') return null
  const path = resolve(raw)
  let header: Buffer
  try {
    if (!statSync(path).isFile()) throw new ConfigError('BASEMAP_PMTILES', `must be a file, but ${path} is not`)
    const fd = openSync(path, 'r')
    header = Buffer.alloc(8)
    try {
      readSync(fd, header, 0, 8, 0)
    } finally {
      closeSync(fd)
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err
    throw new ConfigError('BASEMAP_PMTILES', `must be a readable PMTiles file; ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (header.toString('latin1', 0, 7) !== 'PMTiles' || header[7] !== 3) {
    throw new ConfigError('BASEMAP_PMTILES', `must be a PMTiles version 3 file; ${path} is not one (see "Street basemap" in the README)`)
  }
  return path
}

/** A neutral page for "Leave quickly", as domestic-violence and youth services use. */
export const DEFAULT_QUICK_EXIT_URL = 'https://www.google.com/search?q=weather'

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
  if (env.ADMIN_TOKEN) {
    // A shared bearer token cannot say who did what; the audit trail needs accounts.
    throw new ConfigError(
      'ADMIN_TOKEN',
      'is no longer used: create an admin account with "npm run curator -- add --email … --role admin" and API tokens with "npm run curator -- token create"',
    )
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseReadUrls: readUrls(env),
    replicaMaxLagS: integer(env, 'REPLICA_MAX_LAG_S', 30, 1, 86_400),
    pgliteDir: env.PGLITE_DIR || '.data/pglite',
    tileUrl,
    tileAttribution,
    basemapPmtiles: basemapPmtiles(env),
    quickExitUrl: url(env, 'QUICK_EXIT_URL', ['http:', 'https:']) ?? DEFAULT_QUICK_EXIT_URL,
    geocoder,
    geocoderUrl,
    osrmUrl: url(env, 'OSRM_URL', ['http:', 'https:']),
    curation: {
      verifyAfterDays: integer(env, 'VERIFY_AFTER_DAYS', 365, 1, 3650),
      sessionIdleMinutes: integer(env, 'CURATOR_SESSION_IDLE_MINUTES', 60, 1, 24 * 60),
      sessionHours: integer(env, 'CURATOR_SESSION_HOURS', 12, 1, 24 * 30),
    },
    // Unset or empty: never hide (0 is no number of days, so it is refused like any bad value).
    staleHideAfterDays: env.STALE_HIDE_AFTER_DAYS ? integer(env, 'STALE_HIDE_AFTER_DAYS', 0, 1, 3650) : null,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    trustProxy: trustProxy(env),
    publicUrl: publicUrl(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000),
    demoSeedCount: integer(env, 'DEMO_SEED_COUNT', 5000, 0, 10_000_000),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    statementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
    pressure: {
      maxEventLoopDelayMs: integer(env, 'PRESSURE_MAX_EVENT_LOOP_DELAY_MS', 1000, 0, 60_000),
      maxHeapUsedMb: integer(env, 'PRESSURE_MAX_HEAP_MB', 0, 0, 1_000_000),
      maxRssMb: integer(env, 'PRESSURE_MAX_RSS_MB', 0, 0, 1_000_000),
    },
    planner: plannerConfig(env),
    routesRateLimitPerMinute: integer(env, 'ROUTES_RATE_LIMIT_PER_MINUTE', 20, 1, 1_000_000),
    mail: mailConfig(env),
    sms: smsConfig(env),
    ...scaleOutConfig(env),
  }
}

/**
 * More than one process and shared caches: WEB_CONCURRENCY (refused above 1 on the embedded
 * database, which one process holds by a lock on its folder), REDIS_URL, the public max-ages
 * and the compression threshold.
 */
function scaleOutConfig(env: NodeJS.ProcessEnv): Pick<Config, 'webConcurrency' | 'redis' | 'httpCache' | 'compressMinBytes'> {
  const webConcurrency = integer(env, 'WEB_CONCURRENCY', 1, 1, 256)
  if (webConcurrency > 1 && !env.DATABASE_URL) {
    throw new ConfigError(
      'WEB_CONCURRENCY',
      `must be 1 with the embedded database (PGlite runs in one process and locks its folder), got ${webConcurrency}: set DATABASE_URL to a PostgreSQL server to run more processes`,
    )
  }
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:'])
  const keyPrefix = env.REDIS_KEY_PREFIX || 'hrl:'
  if (!/^[\w:.-]{1,64}$/.test(keyPrefix)) throw new ConfigError('REDIS_KEY_PREFIX', 'must be 1 to 64 letters, digits, ":", ".", "_" or "-"')
  return {
    webConcurrency,
    redis: redisUrl ? { url: redisUrl, keyPrefix } : null,
    httpCache: {
      maxAgeS: integer(env, 'CACHE_MAX_AGE_S', 300, 0, 86_400),
      siteMaxAgeS: integer(env, 'SITE_CACHE_MAX_AGE_S', 60, 0, 3_600),
    },
    compressMinBytes: integer(env, 'COMPRESS_MIN_BYTES', 1024, 0, 100_000_000),
  }
}

/** DATABASE_READ_URL: one or several postgres:// URLs, comma-separated; replicas of DATABASE_URL, which they require. */
function readUrls(env: NodeJS.ProcessEnv): string[] {
  const parts = (env.DATABASE_READ_URL ?? '').split(',').map((part) => part.trim())
  const urls = parts.filter(Boolean).map((part) => url({ DATABASE_READ_URL: part }, 'DATABASE_READ_URL', ['postgres:', 'postgresql:']) as string)
  if (urls.length && !env.DATABASE_URL) {
    throw new ConfigError('DATABASE_READ_URL', 'is set but DATABASE_URL is not: read replicas copy a PostgreSQL primary (the embedded database has none)')
  }
  return urls
}

/**
 * SMS_AUTH_TOKEN and SMS_INBOUND_SECRET: secrets without spaces; Twilio signs its webhook over
 * the public URL, so SMS_AUTH_TOKEN needs PUBLIC_URL; a shared secret shorter than 16
 * characters could be guessed.
 */
function smsConfig(env: NodeJS.ProcessEnv): Config['sms'] {
  const secret = (name: string, minLength: number): string | null => {
    const raw = (env[name] ?? '').trim()
    if (raw === '') return null
    if (/\s/.test(raw)) throw new ConfigError(name, 'must not contain spaces')
    if (raw.length < minLength) throw new ConfigError(name, `must be at least ${minLength} characters`)
    return raw
  }
  const twilioAuthToken = secret('SMS_AUTH_TOKEN', 8)
  if (twilioAuthToken && !env.PUBLIC_URL) {
    throw new ConfigError('SMS_AUTH_TOKEN', 'needs PUBLIC_URL: Twilio signs each webhook over the public URL (PUBLIC_URL + /sms/twilio) it was given')
  }
  return { twilioAuthToken, inboundSecret: secret('SMS_INBOUND_SECRET', 16) }
}

/** SMTP_URL (smtp:// or smtps://) and MAIL_FROM, which it requires; neither set: no mail. */
function mailConfig(env: NodeJS.ProcessEnv): Config['mail'] {
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:'])
  const from = (env.MAIL_FROM ?? '').trim()
  if (smtpUrl === null) {
    if (from) throw new ConfigError('MAIL_FROM', 'is set but SMTP_URL is not: set SMTP_URL (smtp:// or smtps://) to send mail')
    return null
  }
  if (!new URL(smtpUrl).hostname) throw new ConfigError('SMTP_URL', 'must name a mail server, such as smtps://user:password@mail.example.org')
  if (!from) throw new ConfigError('MAIL_FROM', 'is required when SMTP_URL is set (the address mail is sent from, such as Directory <directory@example.org>)')
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(from) && !/^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(from)) {
    throw new ConfigError('MAIL_FROM', 'must be an email address, optionally with a name: directory@example.org or Directory <directory@example.org>')
  }
  return { smtpUrl, from }
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
