/**
 * Read replicas (DATABASE_READ_URL): a Kysely over PostgreSQL streaming standbys for the
 * public reads. Each connection it hands out goes to the next healthy replica (round-robin);
 * with none healthy, to the primary. Every few seconds each replica is asked how far behind
 * it is; one that does not answer, or lags past REPLICA_MAX_LAG_S, is skipped until it
 * catches up, with one log line when its state changes (never a query or a request's values).
 * A read that fails on a replica because the connection broke (the standby stopped or
 * restarted) is run again once on the primary, so a lost replica costs no request.
 */
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely'
import type pg from 'pg'
import { describeDatabase, openPgPool, preparingClient } from './connect.js'
import { databaseFault } from './faults.js'
import type { Database } from './schema.js'

export type ReplicaState = 'unchecked' | 'healthy' | 'lagging' | 'down'

/** What a replica is doing, for logs, tests and the benchmark. */
export interface ReplicaStatus {
  /** host:port/database, never the credentials. */
  label: string
  state: ReplicaState
  /** Seconds behind the primary at the last check (null: unknown). */
  lagS: number | null
  /** Connections handed out for reads so far. */
  reads: number
}

export interface ReadRouterOptions {
  /** The primary's pool (connect.ts): reads go there when no replica can take them. */
  primary: pg.Pool
  replicaUrls: string[]
  maxLagS: number
  /** Between lag checks (default 5 s). */
  checkIntervalMs?: number
  maxConnections?: number
  statementTimeoutMs?: number
  /** One line per replica state change. */
  log: (level: 'info' | 'warn', message: string) => void
}

/**
 * Seconds behind the primary. An idle primary commits nothing, so the last replayed commit
 * grows old on a standby that is fully caught up: a standby that has replayed all the WAL it
 * received is 0 behind, whatever the clock says. NULL: behind, and nothing replayed yet.
 */
const LAG_SQL = `SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
  ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
END AS lag_s`

const DEFAULT_CHECK_INTERVAL_MS = 5_000

/** "canceling statement due to conflict with recovery": the standby's, not the query's, fault. */
const RECOVERY_CONFLICT = '40001'

interface Replica extends ReplicaStatus {
  pool: pg.Pool
  /** The check in flight, which a second caller waits for rather than starting another. */
  checking: Promise<void> | null
}

/** Why a replica is down, in words safe to log: an error code, never a message with values. */
function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code === 'string') return code
  return databaseFault(err) ? 'connection lost' : 'check failed'
}

/** Routes read connections across replicas; `readDb` is the Kysely the public routes read through. */
export class ReadRouter {
  readonly readDb: Kysely<Database>
  /** Reads that went to the primary: no replica healthy, or a replica's connection broke mid-read. */
  primaryReads = 0
  readonly #replicas: Replica[]
  readonly #options: ReadRouterOptions
  readonly #timer: NodeJS.Timeout
  #next = 0
  #closed = false

  constructor(options: ReadRouterOptions) {
    this.#options = options
    this.#replicas = options.replicaUrls.map((url) => {
      const replica: Replica = {
        label: describeDatabase({ databaseUrl: url, pgliteDir: '' }).replace(/^PostgreSQL at /, ''),
        state: 'unchecked',
        lagS: null,
        reads: 0,
        checking: null,
      } as Replica
      replica.pool = openPgPool(url, {
        maxConnections: options.maxConnections ?? 10,
        ...(options.statementTimeoutMs ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
        // A connection lost while idle is the first sign of a stopped standby.
        onPoolError: (err) => this.#setState(replica, 'down', reasonOf(err)),
      })
      return replica
    })
    // Kysely streams only through a cursor, which this dialect is not given: query() is all it calls.
    const pool = { connect: async () => (await this.#connect()) as unknown as PostgresPoolClient, end: () => this.close() }
    this.readDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    this.#timer = setInterval(() => void this.checkNow(), options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS)
    this.#timer.unref()
    void this.checkNow()
  }

  /** Each replica's state, lag and reads so far. */
  status(): ReplicaStatus[] {
    return this.#replicas.map(({ label, state, lagS, reads }) => ({ label, state, lagS, reads }))
  }

  /**
   * How long after a write a replica in use may still lack it: REPLICA_MAX_LAG_S, plus the
   * time until the check that would see it lagging. A curator's reads stay on the primary this long.
   */
  get staleForMs(): number {
    return this.#options.maxLagS * 1000 + (this.#options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS)
  }

  /** Asks every replica for its lag now (also run on a timer); resolves when all have answered or failed. */
  async checkNow(): Promise<void> {
    await Promise.all(this.#replicas.map((replica) => this.#check(replica)))
  }

  /** Stops the checks and closes the replicas' pools (not the primary's). */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#timer)
    await Promise.all(this.#replicas.map((replica) => replica.pool.end().catch(() => {})))
  }

  #check(replica: Replica): Promise<void> {
    if (this.#closed) return Promise.resolve()
    replica.checking ??= this.#measure(replica).finally(() => {
      replica.checking = null
    })
    return replica.checking
  }

  async #measure(replica: Replica): Promise<void> {
    try {
      const { rows } = await replica.pool.query<{ lag_s: number | null }>(LAG_SQL)
      const lag = rows[0]?.lag_s ?? null
      replica.lagS = lag === null ? null : Math.max(0, Number(lag))
      if (replica.lagS === null) this.#setState(replica, 'lagging', 'behind, with nothing replayed yet')
      else if (replica.lagS > this.#options.maxLagS)
        this.#setState(replica, 'lagging', `${Math.round(replica.lagS)} s behind, REPLICA_MAX_LAG_S ${this.#options.maxLagS}`)
      else this.#setState(replica, 'healthy', `${Math.round(replica.lagS)} s behind`)
    } catch (err) {
      replica.lagS = null
      this.#setState(replica, 'down', reasonOf(err))
    }
  }

  #setState(replica: Replica, state: ReplicaState, reason: string): void {
    if (replica.state === state || this.#closed) return
    replica.state = state
    const others = this.#replicas.some((r) => r.state === 'healthy') ? 'the other replicas' : 'the primary'
    if (state === 'healthy') this.#options.log('info', `read replica ${replica.label} serves reads (${reason})`)
    else this.#options.log('warn', `read replica ${replica.label} is ${state} (${reason}): skipped, reads go to ${others}`)
  }

  /** The next healthy replica after the last one used, or null. */
  #pick(): Replica | null {
    const count = this.#replicas.length
    for (let i = 0; i < count; i++) {
      const replica = this.#replicas[(this.#next + i) % count] as Replica
      if (replica.state !== 'healthy') continue
      this.#next = (this.#next + i + 1) % count
      return replica
    }
    return null
  }

  async #connect(): Promise<RoutedClient> {
    const replica = this.#pick()
    if (replica) {
      try {
        const client = preparingClient(await replica.pool.connect())
        replica.reads++
        return new RoutedClient(this, replica, client)
      } catch (err) {
        if (!databaseFault(err)) throw err
        this.#setState(replica, 'down', reasonOf(err))
      }
    }
    return new RoutedClient(this, null, await this.primaryClient())
  }

  /** A connection to the primary, counted as a read there. */
  async primaryClient(): Promise<pg.PoolClient> {
    this.primaryReads++
    return preparingClient(await this.#options.primary.connect())
  }

  /** A read on this replica failed: skip it if its connection broke; say whether to retry on the primary. */
  readFailed(replica: Replica, err: unknown): boolean {
    if (databaseFault(err) === 'unavailable') {
      this.#setState(replica, 'down', reasonOf(err))
      return true
    }
    return (err as { code?: unknown } | null)?.code === RECOVERY_CONFLICT
  }
}

/**
 * The connection Kysely reads through: a replica's, until a query fails there for the
 * replica's sake; then that query, and the rest on this connection, run on the primary.
 * Never retried inside a transaction (the reads here use none, but a retry would split one).
 */
class RoutedClient {
  #inTransaction = false
  #replica: Replica | null
  /** Null once a broken replica connection is given back and the primary's is not yet here. */
  #client: pg.PoolClient | null

  constructor(
    private readonly router: ReadRouter,
    replica: Replica | null,
    client: pg.PoolClient,
  ) {
    this.#replica = replica
    this.#client = client
  }

  async query(sql: string, values?: readonly unknown[]): Promise<pg.QueryResult> {
    if (/^\s*(BEGIN|START)/i.test(sql)) this.#inTransaction = true
    else if (/^\s*(COMMIT|ROLLBACK|END)/i.test(sql)) this.#inTransaction = false
    this.#client ??= await this.router.primaryClient()
    try {
      return await this.#client.query(sql, values as unknown[])
    } catch (err) {
      const replica = this.#replica
      if (!replica || this.#inTransaction || !this.router.readFailed(replica, err)) throw err
      // Gives the broken connection back to be discarded, and reads on from the primary.
      this.#client.release(err as Error)
      this.#client = null
      this.#replica = null
      this.#client = await this.router.primaryClient()
      return this.#client.query(sql, values as unknown[])
    }
  }

  release(): void {
    this.#client?.release()
    this.#client = null
  }
}
