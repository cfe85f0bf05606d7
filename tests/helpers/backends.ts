/**
 * The database backends a test file runs on: embedded PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL names a server with PostGIS (CI sets it). Each call makes a fresh,
 * migrated, empty database (copied from tests/global-setup.ts's image) that `close` removes.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '../../server/db/connect.js'
import { prepareDatabase } from '../../server/startup/prepare.js'

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

let image: Blob | undefined
/** The migrated PGlite image tests/global-setup.ts made, read once per test process. */
export function pgliteImage(): Blob {
  image ??= new Blob([readFileSync(inject('pgliteImage'))])
  return image
}

/**
 * Fills an empty folder with that image, for tests that open a PGlite folder themselves or through
 * a command: they find a current schema instead of running initdb, PostGIS and every migration
 * (about 15 s of CPU per start). Migrating an empty folder is tests/startup.test.ts's fresh install.
 */
export function seedPgliteFolder(dir: string): void {
  // The members are named from the data folder's root ("/base/1/…"); tar strips the leading slash.
  execFileSync('tar', ['-xf', inject('pgliteImage'), '-C', dir], { stdio: 'pipe' })
}

/**
 * A fresh migrated database on the backend, with no demo data: a copy of the image the global
 * setup migrated once (prepareDatabase then finds nothing to do, and proves it).
 */
export async function freshDatabase(backend: BackendName): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://', pgliteDataDump: pgliteImage() })
    await prepareDatabase(handle.db, { demoSeedCount: 0 })
    return { ...handle, close: () => handle.db.destroy() }
  }
  const name = `hrl_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const template = inject('postgresTemplate')
  await adminQuery(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`)
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
