import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { connectDatabase, describeDatabase } from '../server/db/connect.js'
import { LOCK_FILE, lockPgliteDir } from '../server/db/pglite-lock.js'
import { pgliteImage, seedPgliteFolder } from './helpers/backends.js'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrl-lock-'))
  dirs.push(dir)
  return dir
}
/** A folder holding a database (the run's migrated image): on an empty one PGlite would run initdb, seconds of CPU these tests do not look at. */
const databaseDir = () => {
  const dir = tempDir()
  seedPgliteFolder(dir)
  return dir
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** The pid of a process that has exited (as after a crash). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid ?? 0

describe('an import cannot corrupt the embedded database the server has open', () => {
  it('refuses a second open of the same folder, naming it and the holder, until the first is closed', async () => {
    const dir = databaseDir()
    const first = await connectDatabase({ databaseUrl: null, pgliteDir: dir })
    try {
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid}\n`))
      const second = connectDatabase({ databaseUrl: null, pgliteDir: dir })
      await expect(second).rejects.toThrow(`the embedded database in ${dir} is in use by process ${process.pid}`)
      await expect(second).rejects.toThrow(/set DATABASE_URL/)
    } finally {
      await first.db.destroy()
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)

    // A crash left a lock behind; the next start takes it over.
    writeFileSync(join(dir, LOCK_FILE), `${deadPid()}\nnpm run import\n`)
    const again = await connectDatabase({ databaseUrl: null, pgliteDir: dir })
    try {
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(again.db)
      expect(rows).toEqual([{ one: 1 }])
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid}\n`))
    } finally {
      await again.db.destroy()
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('needs no lock for an in-memory database (no folder, nothing to share)', async () => {
    const database = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://', pgliteDataDump: pgliteImage() })
    await database.db.destroy()
    // Locking 'memory://' would have created a 'memory:' folder holding the lock file.
    expect(existsSync('memory:')).toBe(false)
    expect(existsSync(LOCK_FILE)).toBe(false)
  })
})

describe('the lock file', () => {
  it('refuses while another live process holds it, with that process and its command in the message', async () => {
    const dir = tempDir()
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      writeFileSync(join(dir, LOCK_FILE), `${server.pid}\nserver/main.ts\n`)
      expect(() => lockPgliteDir(dir)).toThrow(`the embedded database in ${dir} is in use by process ${server.pid} (server/main.ts)`)
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${server.pid}\nserver/main.ts\n`)
    } finally {
      server.kill()
    }
  })

  it('takes over a lock whose process is gone or whose content is garbage', () => {
    const dir = tempDir()
    for (const stale of [`${deadPid()}\nnpm run import\n`, 'not a pid', '', '0\n', '-1\n']) {
      writeFileSync(join(dir, LOCK_FILE), stale)
      const lock = lockPgliteDir(dir, 'test')
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\ntest\n`)
      lock.release()
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    }
  })

  it('takes over a lock with our own pid that this process does not hold (a pid reused after a crash)', () => {
    const dir = tempDir()
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\nbefore the crash\n`)
    const lock = lockPgliteDir(dir, 'after')
    expect(() => lockPgliteDir(dir, 'again')).toThrow(`in use by process ${process.pid} (after)`)
    lock.release()
    lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('leaves alone a lock that another process has taken since', () => {
    const dir = tempDir()
    const lock = lockPgliteDir(dir, 'ours')
    writeFileSync(join(dir, LOCK_FILE), '999999\ntheirs\n')
    lock.release()
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe('999999\ntheirs\n')
  })
})

describe('every command says which database it writes to', () => {
  it('names the PostgreSQL host, port and database, never the user or password', () => {
    const text = describeDatabase({ databaseUrl: 'postgres://curator:s3cret@db.internal:5433/hrl?sslmode=require', pgliteDir: '' })
    expect(text).toBe('PostgreSQL at db.internal:5433/hrl')
    expect(describeDatabase({ databaseUrl: 'postgresql://u:p@127.0.0.1/hrl', pgliteDir: '' })).toBe('PostgreSQL at 127.0.0.1:5432/hrl')
  })

  it('names the embedded folder', () => {
    expect(describeDatabase({ databaseUrl: null, pgliteDir: '.data/pglite' })).toBe('embedded PGlite in .data/pglite')
    expect(describeDatabase({ databaseUrl: null, pgliteDir: 'memory://' })).toBe('embedded PGlite in memory')
  })
})
