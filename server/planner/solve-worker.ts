/**
 * A route-solver thread (started by SolverPool): answers each SolveTask message with its
 * plan, one at a time. The CPU-heavy search runs here, never on the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { SOLVER_THREAD, solveTask, type SolveTask, type WorkerReply } from './solve-task.js'

const port = parentPort
if (port && workerData === SOLVER_THREAD) {
  port.on('message', (task: SolveTask) => {
    let reply: WorkerReply
    try {
      reply = { kind: 'plan', plan: solveTask(task) }
    } catch (err) {
      reply = { kind: 'failed', name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) }
    }
    port.postMessage(reply)
  })
  port.postMessage({ kind: 'ready' } satisfies WorkerReply)
}
