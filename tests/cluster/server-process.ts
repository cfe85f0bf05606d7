/**
 * A real server process (server/main.ts, as `npm start` runs it) for the multi-process tests:
 * started with its own environment, its JSON log lines collected, waited on by what they say.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { ROOT, serverArgs } from '../helpers/commands.js'

export interface ServerProcess {
  child: ChildProcess
  base: string
  port: number
  /** Every stdout/stderr line so far. */
  lines: string[]
  /** Resolves with the first line (already seen or to come) matching, after `skip` earlier matches. */
  waitForLine(pattern: RegExp, skip?: number): Promise<RegExpMatchArray>
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>
  stop(): Promise<void>
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Starts the server with only these variables (plus PATH and HOME), quiet on overload shedding. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, serverArgs(), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      DEMO_SEED_COUNT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const waiters: { pattern: RegExp; skip: number; resolve: (m: RegExpMatchArray) => void }[] = []
  const check = () => {
    for (const waiter of [...waiters]) {
      const matches = lines.map((l) => l.match(waiter.pattern)).filter((m): m is RegExpMatchArray => m !== null)
      const match = matches[waiter.skip]
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(match)
      }
    }
  }
  for (const stream of [child.stdout, child.stderr]) {
    let rest = ''
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n')
      rest = parts.pop() ?? ''
      lines.push(...parts.filter((p) => p.trim()))
      check()
    })
  }
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    lines,
    exited,
    waitForLine(pattern, skip = 0) {
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, skip, resolve })
        check()
        void exited.then((code) => reject(new Error(`server exited (${code}) before a line matching ${pattern}:\n${lines.slice(-20).join('\n')}`)))
      })
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** Asks until the answer is a 200 (the process may still be starting or preparing the database). */
export async function untilOk(url: string, init?: RequestInit): Promise<Response> {
  for (;;) {
    try {
      const res = await fetch(url, init)
      if (res.status === 200) return res
      await res.arrayBuffer()
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
