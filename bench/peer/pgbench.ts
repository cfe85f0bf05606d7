/**
 * The ceiling for the peer comparison: pgbench running our own no-filter search SQL as a
 * prepared statement, a random search centre (of the bench's 300) per transaction.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CompiledQuery } from 'kysely'
import { postgresCpuMs, reapedChildrenCpuMs } from './proc-cpu.js'

const PGBENCH = process.env.PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench'

export interface CeilingRun {
  tps: number
  latencyMs: number
  pgCpuMsPerQuery: number
  pgbenchCpuMsPerQuery: number
}

/**
 * A pgbench script for these compiled queries (one per centre, same text): $1 and $2 (lon,
 * lat) take the chosen centre, the other parameters their constant values.
 */
function script(queries: CompiledQuery[]): string {
  const first = queries[0]!
  const consts = first.parameters.slice(2)
  if (!consts.every((v) => typeof v === 'number')) throw new Error('pgbench script: only numeric parameters are supported')
  const pick = (axis: 0 | 1) => `case ${queries.map((q, i) => `when :i = ${i} then ${Number(q.parameters[axis]).toFixed(6)}`).join(' ')} else 0 end`
  const lines = [`\\set i random(0, ${queries.length - 1})`, `\\set lon ${pick(0)}`, `\\set lat ${pick(1)}`]
  consts.forEach((v, i) => lines.push(`\\set p${i + 3} ${v}`))
  const text = first.sql.replace(/\$(\d+)/g, (_m, n: string) => (n === '1' ? ':lon' : n === '2' ? ':lat' : `:p${n}`))
  return `${lines.join('\n')}\n${text.replace(/\s*\n\s*/g, ' ')};\n`
}

/** Runs pgbench for `seconds` at `clients` connections; CPU per query of the backends and of pgbench. */
export async function pgbenchCeiling(url: string, queries: CompiledQuery[], clients: number, seconds: number): Promise<CeilingRun> {
  const dir = mkdtempSync(join(tmpdir(), 'hrl-pgbench-'))
  try {
    const file = join(dir, 'search.sql')
    writeFileSync(file, script(queries))
    const pg0 = postgresCpuMs()
    const own0 = reapedChildrenCpuMs()
    const child = spawn(PGBENCH, ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    const [code] = (await once(child, 'exit')) as [number | null]
    // Give the postmaster a moment to reap the exiting backends.
    await new Promise((r) => setTimeout(r, 300))
    if (code !== 0) throw new Error(`pgbench exited with code ${code}:\n${out}`)
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1])
    const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1])
    const n = tps * seconds
    return { tps, latencyMs, pgCpuMsPerQuery: (postgresCpuMs() - pg0) / n, pgbenchCpuMsPerQuery: (reapedChildrenCpuMs() - own0) / n }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
