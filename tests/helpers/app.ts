/**
 * An app over a test database, with a config as in production but quiet logs, a generous
 * rate limit and no overload shedding.
 */
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app.js'
import { loadConfig, type Config } from '../../server/config.js'
import type { DatabaseHandle } from '../../server/db/connect.js'

export function testConfig(overrides: Partial<Config> = {}): Config {
  // No overload shedding: a busy test machine (or PGlite's blocking start) would trip it at random.
  return { ...loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', DEMO_SEED_COUNT: '0', PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0' }), ...overrides }
}

/** Builds the app over a database the test owns (the app does not close it). */
export function appFor(database: DatabaseHandle, overrides: Partial<Config> = {}, logStream?: NodeJS.WritableStream): Promise<FastifyInstance> {
  return buildApp(testConfig(overrides), { database, closeDatabase: false, ...(logStream ? { logStream } : {}) })
}
