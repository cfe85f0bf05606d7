/**
 * A few worker threads for the route solver, so a two-second optimisation never holds the
 * event loop (and with it /health and every search) hostage. Plans beyond the threads wait
 * in a bounded queue; past it they get 503 BUSY with Retry-After. A solve that outlives its
 * wall-clock cap has its thread terminated (503 TIMEOUT) and a fresh thread takes its place.
 * Threads start on first use and hold the process open only while they have a plan.
 */
import { Worker } from 'node:worker_threads'
import { ErrorCode, RETRY_AFTER_S, UnavailableError } from '../errors.js'
import { clampBudget, type RoutePlan } from '../../common/planner/solver/index.js'
import { SOLVER_THREAD, type SolveTask, type WorkerReply } from './solve-task.js'

export interface SolverPoolOptions {
  /** Threads solving at once. */
  workers: number
  /** Plans that may wait for a thread; one more is refused with 503 BUSY. */
  queue: number
  /** Wall-clock cap on one solve, counted from when a thread takes it up. */
  timeoutMs: number
}

interface Job {
  task: SolveTask
  resolve(plan: RoutePlan): void
  reject(err: Error): void
}

interface Thread {
  worker: Worker
  ready: boolean
  job: Job | null
  startedAt: number
  timer: NodeJS.Timeout | undefined
}

/**
 * How to start a solver thread. Compiled (dist/): the .js sibling as is. From TypeScript
 * source (tsx, Vitest): a thread inherits neither runner's loader, and Node 20 ignores
 * `--import` in a worker's execArgv, so the thread registers tsx itself, then imports the .ts.
 */
function threadEntry(): { filename: string | URL; eval: boolean } {
  const fromSource = new URL(import.meta.url).pathname.endsWith('.ts')
  const file = new URL(fromSource ? './solve-worker.ts' : './solve-worker.js', import.meta.url)
  if (!fromSource) return { filename: file, eval: false }
  const tsx = import.meta.resolve('tsx/esm/api')
  return { filename: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}) })`, eval: true }
}

const shuttingDown = () => new UnavailableError(ErrorCode.UNAVAILABLE, 'the server is shutting down; try again shortly', RETRY_AFTER_S.unavailable)

/** Runs SolveTasks on worker threads. Example: `const plan = await pool.solve(task)`; `await pool.close()` on shutdown. */
export class SolverPool {
  private readonly threads = new Set<Thread>()
  private readonly waiting: Job[] = []
  private closed = false

  constructor(private readonly options: SolverPoolOptions) {}

  /** The plan for a task; rejects with a 503 when the queue is full, the cap passes or the pool closes. */
  solve(task: SolveTask): Promise<RoutePlan> {
    if (this.closed) return Promise.reject(shuttingDown())
    const { workers, queue } = this.options
    if (this.running() + this.waiting.length >= workers + queue) {
      const wait = this.secondsUntilAThreadFrees()
      return Promise.reject(new UnavailableError(ErrorCode.BUSY, `the route planner is busy with other plans; try again in ${wait} s`, wait))
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject })
      this.dispatch()
    })
  }

  /** Plans solving, plans waiting, and live threads. */
  get load(): { running: number; waiting: number; threads: number } {
    return { running: this.running(), waiting: this.waiting.length, threads: this.threads.size }
  }

  /** Fails waiting and running plans with 503 UNAVAILABLE and ends every thread. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.waiting.splice(0)) job.reject(shuttingDown())
    await Promise.all([...this.threads].map((t) => this.stop(t, shuttingDown())))
  }

  private running(): number {
    let n = 0
    for (const t of this.threads) if (t.job) n++
    return n
  }

  /** Running plans end by their budget: the soonest such end, rounded up, at least 1 s. */
  private secondsUntilAThreadFrees(): number {
    let soonest = this.options.timeoutMs
    for (const t of this.threads) {
      if (!t.job) continue
      const budget = clampBudget(t.job.task.budgetMs, t.job.task.problem.stops.length)
      soonest = Math.min(soonest, t.startedAt + budget - performance.now())
    }
    return Math.max(1, Math.ceil(soonest / 1000))
  }

  /** Hands waiting plans to idle threads, and starts threads (up to `workers`) for the rest. */
  private dispatch(): void {
    let starting = 0
    for (const t of this.threads) {
      if (!t.ready) starting++
      else if (!t.job && this.waiting.length > 0) this.start(t, this.waiting.shift() as Job)
    }
    while (this.waiting.length > starting && this.threads.size < this.options.workers) {
      this.spawn()
      starting++
    }
  }

  private start(t: Thread, job: Job): void {
    t.job = job
    t.startedAt = performance.now()
    t.worker.ref()
    const cap = this.options.timeoutMs
    t.timer = setTimeout(() => {
      const err = new UnavailableError(
        ErrorCode.TIMEOUT,
        `the plan took longer than ${cap / 1000} s and was stopped; try fewer stops or a smaller budget_ms`,
        Math.ceil(cap / 1000),
      )
      void this.stop(t, err)
    }, cap)
    t.worker.postMessage(job.task)
  }

  private finish(t: Thread, reply: Exclude<WorkerReply, { kind: 'ready' }>): void {
    const job = t.job
    if (!job) return
    clearTimeout(t.timer)
    t.job = null
    if (reply.kind === 'plan') job.resolve(reply.plan)
    else job.reject(Object.assign(new Error(reply.message), { name: reply.name }))
    this.dispatch()
    this.releaseIfIdle(t)
  }

  /** An idle thread does not keep the process alive (a thread solving or starting for a plan does). */
  private releaseIfIdle(t: Thread): void {
    if (!t.job) t.worker.unref()
  }

  /** Terminates a thread, failing its plan with `why`; plans still waiting get a fresh thread. */
  private async stop(t: Thread, why: Error): Promise<void> {
    this.forget(t, why)
    await t.worker.terminate()
    if (!this.closed) this.dispatch()
  }

  private forget(t: Thread, why: Error): void {
    this.threads.delete(t)
    clearTimeout(t.timer)
    t.job?.reject(why)
    t.job = null
  }

  private spawn(): void {
    const entry = threadEntry()
    const worker = new Worker(entry.filename, { eval: entry.eval, workerData: SOLVER_THREAD })
    const t: Thread = { worker, ready: false, job: null, startedAt: 0, timer: undefined }
    this.threads.add(t)
    worker.on('message', (reply: WorkerReply) => {
      if (!this.threads.has(t)) return // stopped; a late answer
      if (reply.kind !== 'ready') return this.finish(t, reply)
      t.ready = true
      this.dispatch()
      this.releaseIfIdle(t)
    })
    // An uncaught error (the thread failed to load, or ran out of memory) or an exit ends the thread.
    const lost = (err: Error) => {
      if (!this.threads.has(t)) return
      const loaded = t.ready
      this.forget(t, err)
      // A thread that cannot even load would fail the same way again: the waiting plans fail
      // now (a 500), and the next plan tries a fresh thread.
      if (!loaded && ![...this.threads].some((other) => other.ready)) for (const job of this.waiting.splice(0)) job.reject(err)
      else this.dispatch()
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`route solver thread exited with code ${code}`)))
  }
}
