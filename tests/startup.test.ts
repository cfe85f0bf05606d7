import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../server/app.js'
import { connectDatabase } from '../server/db/connect.js'
import { prepareDatabase } from '../server/startup/prepare.js'
import { appFor, testConfig } from './helpers/app.js'
import { freshDatabase } from './helpers/backends.js'

describe('a fresh install on the embedded database', () => {
  it('migrates an empty folder, seeds demo sites, answers /ready, and finds demo methadone near 21201', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hrl-start-'))
    try {
      const database = await connectDatabase({ databaseUrl: null, pgliteDir: dir })
      await prepareDatabase(database.db, { demoSeedCount: 1500 })
      const app = await buildApp(testConfig(), { database })
      const ready = await app.inject({ method: 'GET', url: '/ready' })
      expect(ready.json()).toEqual({ status: 'ready', backend: 'pglite' })
      const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { near: '21201', services: ['methadone'], radius_mi: 100 } })
      const body = res.json()
      expect(body.results.length).toBeGreaterThan(0)
      expect(body.results.every((r: { demo: boolean; distance_mi: number }) => r.demo && r.distance_mi >= 0)).toBe(true)
      expect(body.origin.label).toBe('ZIP 21201, Baltimore, MD')
      await app.close()

      // A second start on the same folder keeps the data and does not seed again.
      const again = await connectDatabase({ databaseUrl: null, pgliteDir: dir })
      await prepareDatabase(again.db, { demoSeedCount: 1500 })
      const count = await again.db
        .selectFrom('locations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      expect(Number(count.n)).toBe(1500)
      await again.db.destroy()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  // The migrations on an empty database are the test above's; this one starts from the run's migrated image.
  it('serves its OpenAPI description and offline Swagger UI', async () => {
    const database = await freshDatabase('pglite')
    const app = await appFor(database)
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/search', '/api/v1/sites/{id}', '/api/v1/taxonomy', '/api/v1/geocode', '/health', '/ready']),
    )
    const docs = await app.inject({ method: 'GET', url: '/docs/' })
    expect(docs.statusCode).toBe(200)
    expect(docs.body).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\/[^"']*\.(js|css)/)
    const health = await app.inject({ method: 'GET', url: '/health' })
    expect(health.json()).toEqual({ status: 'ok' })
    await app.close()
    await database.close()
  })
})
