/**
 * A pg-Pool look-alike over one embedded PGlite instance, so Kysely's own PostgresDialect
 * (and its transaction handling) drives PGlite exactly as it drives `pg`.
 * PGlite has a single session, so clients are handed out one at a time: a transaction
 * holds the only client until it is released, and other queries queue behind it.
 */
import type { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import { copyPayloadOf } from './copy.js'
import { arrayLiteral, preparedName } from './sql.js'

/** A parameter as an SQL literal (text form, quoted): EXECUTE takes no bind parameters. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  return "'" + textForm(value).replace(/'/g, "''") + "'"
}

function textForm(value: unknown): string {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return arrayLiteral(value, textForm)
  if (value instanceof Uint8Array) return '\\x' + Buffer.from(value).toString('hex')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Statements prepared per PGlite instance, by SQL text. */
const prepared = new WeakMap<PGlite, Set<string>>()
const MAX_PREPARED = 500

/**
 * Runs a query as a prepared statement with its generic plan (the instance is set to
 * plan_cache_mode = force_generic_plan), as the pg backend does with named statements.
 * PGlite's own query() plans every call afresh: 2-10 ms of planning per search, and custom
 * plans that in a dense area scan and sort the whole radius (50 ms instead of 2 at 100k
 * sites). PGlite has no API for named statements, so this is SQL-level PREPARE and EXECUTE
 * with the parameters written as quoted literals of the types PREPARE inferred.
 */
async function executePrepared<R>(db: PGlite, sql: string, name: string, parameters: ReadonlyArray<unknown>) {
  let names = prepared.get(db)
  if (!names) prepared.set(db, (names = new Set()))
  const execute = () => db.query<R>(`EXECUTE ${name}(${parameters.map(sqlLiteral).join(', ')})`)
  if (names.has(name)) {
    try {
      return await execute()
    } catch (err) {
      // 26000: the statement is gone (a session reset); anything else is the query's own error.
      if ((err as { code?: string }).code !== '26000') throw err
      names.delete(name)
    }
  }
  if (names.size >= MAX_PREPARED) {
    await db.exec('DEALLOCATE ALL')
    names.clear()
  }
  await db.exec(`PREPARE ${name} AS ${sql}`)
  names.add(name)
  return execute()
}

export class PglitePool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve()

  constructor(readonly db: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const turn = this.#queue
    this.#queue = turn.then(() => released)
    await turn
    const db = this.db
    let done = false
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        // Parameterless text may hold several statements (migrations); only exec() takes those.
        const copy = copyPayloadOf(parameters)
        if (copy) {
          // PGlite reads COPY data from a blob at the path /dev/blob.
          const result = await db.query(sql.replace(/ FROM STDIN$/, " FROM '/dev/blob'"), [], { blob: new Blob([copy.text]) })
          return { command: 'COPY' as PostgresQueryResult<R>['command'], rowCount: result.affectedRows ?? 0, rows: [] }
        }
        const name = parameters.length === 0 ? null : preparedName(sql)
        const result =
          parameters.length === 0
            ? ((await db.exec(sql)).at(-1) ?? { rows: [], command: 'SELECT', rowCount: 0 })
            : name
              ? await executePrepared<R>(db, sql, name, parameters)
              : await db.query<R>(sql, parameters as unknown[])
        return { command: (result.command ?? 'SELECT') as PostgresQueryResult<R>['command'], rowCount: result.rowCount ?? 0, rows: result.rows as R[] }
      },
      release() {
        if (!done) {
          done = true
          release()
        }
      },
    }
    return client as PostgresPoolClient
  }

  async end(): Promise<void> {
    await this.#queue
    await this.db.close()
  }
}
