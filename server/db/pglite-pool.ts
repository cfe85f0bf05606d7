/**
 * A pg-Pool look-alike over one embedded PGlite instance, so Kysely's own PostgresDialect
 * (and its transaction handling) drives PGlite exactly as it drives `pg`.
 * PGlite has a single session, so clients are handed out one at a time: a transaction
 * holds the only client until it is released, and other queries queue behind it.
 */
import type { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'

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
        const result =
          parameters.length === 0
            ? ((await db.exec(sql)).at(-1) ?? { rows: [], command: 'SELECT', rowCount: 0 })
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
