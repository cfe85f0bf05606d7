/**
 * An exclusive lock file in the embedded database's folder. PGlite has no lock of its own, and
 * two processes on one folder (the server and an import, say) corrupt it.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'

export const LOCK_FILE = '.hrl-lock'

// Lock files this process holds. A lock with our pid that is not here was left by a crashed
// process whose pid we now reuse (a container starts its process with the same pid each time).
const held = new Set<string>()

export interface PgliteLock {
  /** Removes the lock file (if it is still ours); safe to call twice. */
  release(): void
}

/**
 * Takes the folder's lock, or throws naming the folder and the process that holds it.
 * A lock whose process is gone (a crash) or that cannot be read is taken over.
 * Example: `const lock = lockPgliteDir('.data/pglite'); try { … } finally { lock.release() }`
 */
export function lockPgliteDir(dir: string, description = currentCommand()): PgliteLock {
  const path = resolve(dir, LOCK_FILE)
  // Two tries: a stale lock is removed once; if the folder is locked again by then, it is live.
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n${description}\n`, { flag: 'wx' })
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = readHolder(path)
      if (attempt > 0 || (holder && isLive(holder.pid, path))) {
        const who = holder ? `process ${holder.pid}${holder.description ? ` (${holder.description})` : ''}` : 'another process'
        throw new Error(`the embedded database in ${dir} is in use by ${who}. ` + 'Stop that process first, or set DATABASE_URL to share a PostgreSQL server.')
      }
      unlinkSync(path)
    }
  }
  held.add(path)
  // Safety net: a process that exits without closing the database leaves no lock behind.
  const onExit = () => removeIfOurs(path)
  process.on('exit', onExit)
  return {
    release() {
      process.off('exit', onExit)
      removeIfOurs(path)
    },
  }
}

function readHolder(path: string): { pid: number; description: string } | null {
  try {
    const [pidLine = '', description = ''] = readFileSync(path, 'utf8').split('\n')
    const pid = Number(pidLine)
    return Number.isInteger(pid) && pid > 0 ? { pid, description: description.trim() } : null
  } catch {
    return null
  }
}

function isLive(pid: number, path: string): boolean {
  if (pid === process.pid) return held.has(path)
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function removeIfOurs(path: string): void {
  if (!held.delete(path)) return
  if (readHolder(path)?.pid !== process.pid) return
  try {
    unlinkSync(path)
  } catch {
    // Already gone (the folder was removed); nothing to release.
  }
}

/** What the lock file says about its holder: the script and its arguments, shortened. */
function currentCommand(): string {
  const [, script = '', ...args] = process.argv
  return [relative(process.cwd(), script) || script, ...args].join(' ').replace(/\s+/g, ' ').slice(0, 120)
}
