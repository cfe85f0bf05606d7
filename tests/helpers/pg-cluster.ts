/**
 * A throwaway PostgreSQL cluster of the system's own binaries (initdb + pg_ctl) in a temp
 * folder on a free port, for tests and benchmarks that restart, stop or kill a database.
 * The shared cluster on 5432 is never touched. As root (CI), the server runs as `postgres`.
 */
import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

/** The newest installed server's bin folder, or null when there is none (no cluster possible). */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export type StopMode = 'smart' | 'fast' | 'immediate'

export interface Cluster {
  port: number
  dir: string
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string
  /** Creates a database with PostGIS and btree_gist; returns its URL. */
  createDatabase(name: string): Promise<string>
  start(): Promise<void>
  stop(mode?: StopMode): Promise<void>
  restart(mode?: StopMode): Promise<void>
  /** Stops the server (immediately) and removes its folder. */
  destroy(): Promise<void>
}

async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null
  const { stdout } = await run('id', ['-u', 'postgres'])
  const { stdout: group } = await run('id', ['-g', 'postgres'])
  return { uid: Number(stdout.trim()), gid: Number(group.trim()) }
}

/** initdb's a new cluster and starts it; `settings` are extra `-c name=value` server settings. */
export async function startCluster(settings: Record<string, string> = {}): Promise<Cluster> {
  const bin = postgresBinDir()
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql')
  const dir = mkdtempSync(join(tmpdir(), 'hrl-pg-'))
  const data = join(dir, 'data')
  const user = await postgresUser()
  if (user) chownSync(dir, user.uid, user.gid)
  // initdb and postgres refuse to run as root.
  const as = (command: string, args: string[]) => (user ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args))
  await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  return startServer(dir, settings)
}

/**
 * A streaming standby of `primary` (pg_basebackup -R: it follows the primary's WAL as a
 * hot standby, read-only) in its own temp folder on its own free port, started.
 */
export async function startStandby(primary: Cluster, settings: Record<string, string> = {}): Promise<Cluster> {
  const bin = postgresBinDir()
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql')
  const dir = mkdtempSync(join(tmpdir(), 'hrl-pg-standby-'))
  const user = await postgresUser()
  if (user) chownSync(dir, user.uid, user.gid)
  const args = ['-D', join(dir, 'data'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync', '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres']
  await (user ? run('runuser', ['-u', 'postgres', '--', join(bin, 'pg_basebackup'), ...args]) : run(join(bin, 'pg_basebackup'), args))
  return startServer(dir, settings)
}

/** Starts the server whose data folder is `dir`/data on a free port, logging to `dir`/server.log. */
async function startServer(dir: string, settings: Record<string, string>): Promise<Cluster> {
  const bin = postgresBinDir() as string
  const data = join(dir, 'data')
  const user = await postgresUser()
  const as = (command: string, args: string[]) => (user ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args))
  const port = await freePort()
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-k ${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=64MB',
    '-c max_connections=120',
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ')
  const log = join(dir, 'server.log')
  const pgCtl = (...args: string[]) => as('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', ...args])
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  await pgCtl('-o', options, 'start')
  let running = true
  return {
    port,
    dir,
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`)
      const admin = new pg.Client({ connectionString: url() })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE ${name}`)
      } finally {
        await admin.end()
      }
      const client = new pg.Client({ connectionString: url(name) })
      await client.connect()
      try {
        await client.query('CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS btree_gist;')
      } finally {
        await client.end()
      }
      return url(name)
    },
    async start() {
      await pgCtl('-o', options, 'start')
      running = true
    },
    async stop(mode = 'fast') {
      await pgCtl('-m', mode, 'stop')
      running = false
    },
    async restart(mode = 'fast') {
      await pgCtl('-m', mode, '-o', options, 'restart')
      running = true
    },
    async destroy() {
      if (running) await pgCtl('-m', 'immediate', 'stop').catch(() => {})
      running = false
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
