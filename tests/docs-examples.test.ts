/**
 * /docs' "Try it out" sends each operation's example: every JSON body in the OpenAPI document
 * has one, it fits its own schema, and the public operations answer it with a 2xx (the
 * placeholder Swagger UI would build instead — "lat": -90, "near": "string" — is a 400).
 * Every operation that takes input documents its 4xx answers.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { appFor } from './helpers/app.js'
import { freshDatabase, type TestDatabase } from './helpers/backends.js'
import { site } from './helpers/sites.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

type Operation = {
  requestBody?: { content: Record<string, { schema: unknown; example?: unknown; examples?: Record<string, { value: unknown }> }> }
  parameters?: unknown[]
  responses: Record<string, unknown>
}

describe('the examples /docs sends', () => {
  let database: TestDatabase
  let app: FastifyInstance
  let operations: [string, string, Operation][]

  beforeAll(async () => {
    database = await freshDatabase('pglite')
    await insertSites(database.db, [site({ id: 'docs-1', lat: 39.29, lon: -76.61, services: ['naloxone', 'syringe_services'] })])
    await rebuildSearchTables(database.db)
    app = await appFor(database)
    await app.ready()
    const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> }
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [method.toUpperCase(), path, op] as [string, string, Operation]),
    )
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const exampleOf = (op: Operation) => {
    const media = op.requestBody?.content['application/json']
    return media ? (media.example ?? Object.values(media.examples ?? {})[0]?.value) : undefined
  }

  it('gives every JSON body an example that fits its schema', () => {
    const withBody = operations.filter(([, , op]) => op.requestBody?.content['application/json'])
    expect(withBody.length).toBeGreaterThanOrEqual(12)
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }))
    for (const [method, path, op] of withBody) {
      const example = exampleOf(op)
      expect(example, `${method} ${path} has no example`).toBeDefined()
      const validate = ajv.compile(op.requestBody!.content['application/json']!.schema as object)
      expect(validate(example), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })

  it('answers the public examples with a 2xx', async () => {
    const publicBodies = operations.filter(([, path, op]) => !path.startsWith('/api/v1/curate/') && exampleOf(op) !== undefined)
    expect(publicBodies.map(([m, p]) => `${m} ${p}`).sort()).toEqual([
      'POST /api/v1/geocode',
      'POST /api/v1/routes',
      'POST /api/v1/search',
      'POST /api/v1/sites/{id}/availability-reports',
      'POST /api/v1/sites/{id}/reports',
    ])
    for (const [method, path, op] of publicBodies) {
      const res = await app.inject({ method: method as 'POST', url: path.replace('{id}', 'docs-1'), payload: exampleOf(op) as object })
      expect(res.statusCode, `${method} ${path} → ${res.body.slice(0, 300)}`).toBeLessThan(300)
    }
  })

  it('documents the 4xx answers of every operation that takes input', () => {
    const takesInput = (op: Operation) => op.requestBody !== undefined || (op.parameters ?? []).length > 0
    const undocumented = operations.filter(([, , op]) => takesInput(op) && !Object.keys(op.responses).some((code) => /^4(xx|\d\d)$/i.test(code)))
    expect(undocumented.map(([m, p]) => `${m} ${p}`)).toEqual([])
  })
})
