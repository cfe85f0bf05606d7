/**
 * CPU time read from /proc (Linux), in milliseconds: of one process, of every PostgreSQL
 * process (backends that exited are counted through the postmaster's reaped-children times),
 * and of this process's reaped children (pgbench).
 */
import { readdirSync, readFileSync } from 'node:fs'

const TICK_MS = 10 // USER_HZ is 100 on Linux

/** Fields of /proc/<pid>/stat after the command name (field 3 onward), or null if gone. */
function statFields(pid: number | 'self'): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}
const comm = (pid: string) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return ''
  }
}

/** utime + stime of one process (0 if it is gone). */
export function processCpuMs(pid: number): number {
  const f = statFields(pid)
  return f ? (Number(f[11]) + Number(f[12])) * TICK_MS : 0
}

/** utime + stime of the children this process has reaped (e.g. a finished pgbench). */
export function reapedChildrenCpuMs(): number {
  const f = statFields('self')
  return f ? (Number(f[13]) + Number(f[14])) * TICK_MS : 0
}

/** Every postgres process's utime + stime, plus the postmaster's reaped children (backends that exited). */
export function postgresCpuMs(): number {
  let total = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || !comm(pid).startsWith('postgres')) continue
    const f = statFields(Number(pid))
    if (!f) continue
    total += (Number(f[11]) + Number(f[12])) * TICK_MS
    // The postmaster (parent is not postgres) holds the exited backends' times.
    if (!comm(f[1] as string).startsWith('postgres')) total += (Number(f[13]) + Number(f[14])) * TICK_MS
  }
  return total
}
