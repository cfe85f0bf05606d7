/**
 * Running the command-line tools as a curator does, for the tests that check what they print
 * and how they exit: the compiled JavaScript in dist/ when it is at least as new as every
 * source file (`npm run build`, as .ci/run does first), else the TypeScript through tsx, so a
 * fresh clone needs no build. Either way the same code runs; dist/ saves tsx's compile on every
 * start (about 2 s of CPU per process on a 2-core machine).
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** What tsconfig.build.json compiles. */
const SOURCE_FOLDERS = ['server', 'common', 'migrations']

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Whether dist/ holds every source file compiled after its last change. */
function distIsCurrent(): boolean {
  return SOURCE_FOLDERS.flatMap(sourceFiles).every((source) => {
    const compiled = join(ROOT, 'dist', source.replace(/\.ts$/, '.js'))
    return existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(join(ROOT, source)).mtimeMs
  })
}

let compiled: boolean | undefined
/**
 * Node's arguments for a CLI in server/cli/ (`import`, `export`, …), run from the repository root:
 * `['dist/server/cli/import.js']` or `['--import', 'tsx', 'server/cli/import.ts']`.
 */
export function cliArgs(name: string): string[] {
  compiled ??= distIsCurrent()
  return compiled ? [`dist/server/cli/${name}.js`] : ['--import', 'tsx', `server/cli/${name}.ts`]
}

/** Node's arguments for the server itself, compiled or through tsx as for cliArgs: `['dist/server/main.js']`. */
export function serverArgs(): string[] {
  compiled ??= distIsCurrent()
  return compiled ? ['dist/server/main.js'] : ['--import', 'tsx', 'server/main.ts']
}
