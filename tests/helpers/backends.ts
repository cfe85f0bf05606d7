/**
 * The database backends a test file runs on: embedded PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL names a server with PostGIS (CI sets it). Each call makes a fresh,
 * migrated, empty database that the returned `close` removes.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connectDatabase, type DatabaseHandle } from '../../server/db/connect.js'
import { prepareDatabase } from '../../server/db/prepare.js'

export type BackendName = 'pglite' | 'postgres'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null

/** Backends to run on, for describe.each. */
export const backends: BackendName[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export interface TestDatabase extends DatabaseHandle {
  close(): Promise<void>
  /** The connection string, on postgres. */
  url?: string
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL as string })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A fresh migrated database on the backend, with no demo data. */
export async function freshDatabase(backend: BackendName): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
    await prepareDatabase(handle.db, { demoSeedCount: 0 })
    return { ...handle, close: () => handle.db.destroy() }
  }
  const name = `hrl_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name}`)
  const url = new URL(TEST_DATABASE_URL as string)
  url.pathname = '/' + name
  const handle = await connectDatabase({ databaseUrl: url.toString(), pgliteDir: '' })
  await prepareDatabase(handle.db, { demoSeedCount: 0 })
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.db.destroy()
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}
