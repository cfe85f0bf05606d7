/**
 * WEB_CONCURRENCY > 1: the primary process of a node:cluster. It prepares the database once
 * (migrations and the demo seed; workers only serve), forks the workers — which share the
 * listening port, the primary handing out connections — tells them when the database is
 * prepared, restarts one that dies (after a pause that doubles while restarts keep failing
 * fast, so a crash loop does not spin), and on SIGTERM/SIGINT drains them all: each worker
 * closes its app (requests in flight finish), a worker still running after the timeout is
 * killed, then the primary exits (0 when every worker stopped by itself, 1 otherwise, or
 * when start-up failed).
 * The worker's side of the messages is `workerMessages` below; server/main.ts wires both.
 */
import cluster, { type Worker } from 'node:cluster'

/** Primary → worker: the database is migrated and seeded; serve. */
export const PREPARED_MESSAGE = 'hrl:database-prepared'
/** Primary → worker: close the app and exit. */
export const SHUTDOWN_MESSAGE = 'hrl:shutdown'

export interface PrimaryOptions {
  workers: number
  log: (message: string, level?: number) => void
  /** Migrate and seed (retrying while the database is unreachable); the signal aborts it at shutdown. */
  prepare: (signal: AbortSignal) => Promise<void>
  /** After every worker has exited: close the primary's own database handle. */
  close: () => Promise<void>
  /** How long a worker may take to drain before it is killed (default 10 s). */
  shutdownTimeoutMs?: number
  /** Restart pauses: the first, the longest, and how long a worker must have run for the pause to start over. */
  restart?: { firstDelayMs: number; maxDelayMs: number; stableAfterMs: number }
}

interface Slot {
  worker: Worker | null
  startedAt: number
  delayMs: number
  timer: NodeJS.Timeout | null
}

/** The next pause before restarting a slot's worker: doubled while workers die young, reset after a stable run. */
export function nextRestartDelay(previousMs: number, livedMs: number, limits: NonNullable<PrimaryOptions['restart']>): number {
  if (livedMs >= limits.stableAfterMs || previousMs === 0) return limits.firstDelayMs
  return Math.min(previousMs * 2, limits.maxDelayMs)
}

/** Runs the primary until it is signalled to stop; never returns (the process exits). */
export async function runPrimary(options: PrimaryOptions): Promise<void> {
  const limits = options.restart ?? { firstDelayMs: 100, maxDelayMs: 30_000, stableAfterMs: 10_000 }
  const { log } = options
  const slots: Slot[] = Array.from({ length: options.workers }, () => ({ worker: null, startedAt: 0, delayMs: 0, timer: null }))
  const stopping = new AbortController()
  let prepared = false

  const fork = (index: number) => {
    const slot = slots[index] as Slot
    slot.timer = null
    if (stopping.signal.aborted) return
    const worker = cluster.fork()
    slot.worker = worker
    slot.startedAt = Date.now()
    worker.on('listening', () => {
      log(`worker ${index + 1} (pid ${worker.process.pid}) listening`)
      if (prepared) worker.send(PREPARED_MESSAGE)
    })
    worker.on('exit', (code, signal) => {
      if (slot.worker === worker) slot.worker = null
      if (stopping.signal.aborted) return
      slot.delayMs = nextRestartDelay(slot.delayMs, Date.now() - slot.startedAt, limits)
      const how = signal ? `signal ${signal}` : `code ${code}`
      log(`worker ${index + 1} (pid ${worker.process.pid}) exited (${how}); restarting in ${(slot.delayMs / 1000).toFixed(1)} s`, 40)
      slot.timer = setTimeout(() => fork(index), slot.delayMs)
    })
  }

  /** Drains and exits; `failed` (start-up could not prepare the database) exits 1 whatever the drain. */
  const shutdown = async (signal: string, failed = false) => {
    if (stopping.signal.aborted) {
      // A second signal: stop waiting.
      for (const slot of slots) slot.worker?.process.kill('SIGKILL')
      process.exit(1)
    }
    stopping.abort()
    log(`shutting down (${signal}): draining ${slots.filter((s) => s.worker).length} worker(s)`)
    for (const slot of slots) if (slot.timer) clearTimeout(slot.timer)
    const killed = await drain(
      slots.flatMap((s) => (s.worker ? [s.worker] : [])),
      options.shutdownTimeoutMs ?? 10_000,
      log,
    )
    try {
      await options.close()
    } catch (err) {
      log(`closing the database failed: ${err instanceof Error ? err.message : String(err)}`, 50)
    }
    log(killed ? `stopped; ${killed} worker(s) had to be killed` : 'stopped: every worker drained')
    process.exit(killed || failed ? 1 : 0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  log(`primary (pid ${process.pid}) starting ${options.workers} workers`)
  for (let i = 0; i < slots.length; i++) fork(i)
  try {
    await options.prepare(stopping.signal)
  } catch (err) {
    if (stopping.signal.aborted) return
    log(`start-up failed: ${err instanceof Error ? err.message : String(err)}`, 60)
    await shutdown('start-up failure', true)
    return
  }
  if (stopping.signal.aborted) return
  prepared = true
  log('database prepared: serving')
  for (const slot of slots) if (slot.worker?.isConnected()) slot.worker.send(PREPARED_MESSAGE)
}

/** Asks each worker to close and waits; returns how many had to be killed after the timeout. */
async function drain(workers: Worker[], timeoutMs: number, log: PrimaryOptions['log']): Promise<number> {
  let killed = 0
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve()
          const timer = setTimeout(() => {
            log(`worker pid ${worker.process.pid} still running after ${timeoutMs / 1000} s: killing it`, 40)
            killed++
            worker.process.kill('SIGKILL')
          }, timeoutMs)
          worker.once('exit', () => {
            clearTimeout(timer)
            resolve()
          })
          if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE)
          else worker.process.kill('SIGTERM')
        }),
    ),
  )
  return killed
}

/**
 * A worker's side: `onPrepared` once the primary has prepared the database, `onShutdown`
 * when the primary asks it to stop or is gone (its IPC channel closed: an orphan must not
 * keep serving).
 */
export function workerMessages(handlers: { onPrepared: () => void; onShutdown: (reason: string) => void }): void {
  process.on('message', (message) => {
    if (message === PREPARED_MESSAGE) handlers.onPrepared()
    else if (message === SHUTDOWN_MESSAGE) handlers.onShutdown('asked by the primary')
  })
  process.on('disconnect', () => handlers.onShutdown('the primary is gone'))
}
