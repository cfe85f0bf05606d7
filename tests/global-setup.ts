/**
 * Once per test run: the map page build (the browser tests serve web/dist), and a migrated,
 * empty database image for every test file to start from, so a file's fresh database costs a
 * copy instead of initdb + PostGIS + migrations (about 40 s on PGlite on a busy 2-core
 * machine; 4 s from the image).
 * - PGlite: a dump of the data folder (dumpDataDir), cached under node_modules/.cache by a
 *   hash of everything that shapes the schema, so a second run reuses it.
 * - PostgreSQL (TEST_DATABASE_URL): a template database, copied by CREATE DATABASE … TEMPLATE.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { connectDatabase } from '../server/db/connect.js'
import { prepareDatabase } from '../server/startup/prepare.js'
import { buildWeb } from '../web/build.js'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string
    postgresTemplate: string | null
  }
}

/** A hash of the migrations, the start-up preparation and the vocabulary it writes. */
function schemaKey(): string {
  const hash = createHash('sha256')
  const files = [
    ...readdirSync('migrations')
      .sort()
      .map((f) => join('migrations', f)),
    'server/startup/prepare.ts',
    'server/vocabulary.ts',
    'node_modules/@electric-sql/pglite/package.json',
  ]
  for (const file of files) hash.update(file).update(readFileSync(file))
  return hash.digest('hex').slice(0, 12)
}

async function pgliteImage(key: string): Promise<string> {
  const dir = join('node_modules', '.cache', 'hrl-tests')
  const path = join(dir, `pglite-${key}.tar`)
  if (existsSync(path)) return path
  mkdirSync(dir, { recursive: true })
  const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
  try {
    await prepareDatabase(handle.db, { demoSeedCount: 0 })
    const dump = await handle.pglite!.dumpDataDir('none')
    // Written aside and renamed, so a run that is stopped halfway leaves no broken image.
    writeFileSync(`${path}.${process.pid}`, Buffer.from(await dump.arrayBuffer()))
    renameSync(`${path}.${process.pid}`, path)
  } finally {
    await handle.db.destroy()
  }
  return path
}

async function postgresTemplate(url: string, key: string): Promise<string> {
  const name = `hrl_template_${key}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    // Templates of older schemas go (a run still using one keeps its copies: FORCE only ends connections).
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'hrl\\_template\\_%'")
    for (const row of rows) if (!row.datname.startsWith(name)) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`)
    if (rows.some((r) => r.datname === name)) return name
    // Built under a name of this process's own and renamed: two runs starting together both succeed.
    const building = `${name}_${process.pid}`
    await admin.query(`CREATE DATABASE ${building}`)
    const target = new URL(url)
    target.pathname = `/${building}`
    const handle = await connectDatabase({ databaseUrl: target.toString(), pgliteDir: '' })
    try {
      await prepareDatabase(handle.db, { demoSeedCount: 0 })
    } finally {
      await handle.db.destroy()
    }
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`)
    } catch (err) {
      if ((err as { code?: string }).code !== '42P04') throw err // another run finished first
      await admin.query(`DROP DATABASE ${building}`)
    }
    return name
  } finally {
    await admin.end()
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const key = schemaKey()
  const url = process.env.TEST_DATABASE_URL || null
  // The PostgreSQL template first: building the PGlite image runs the embedded database in this
  // process and holds the event loop for seconds at a time, long enough for a pg connection
  // attempt made meanwhile to hit its timeout (CI failed so on a busy machine).
  const template = url ? await postgresTemplate(url, key) : null
  const [image] = await Promise.all([pgliteImage(key), buildWeb()])
  project.provide('pgliteImage', image)
  project.provide('postgresTemplate', template)
}
