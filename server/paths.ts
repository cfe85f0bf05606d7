/**
 * Folders the server reads at run time, found from the project root (the folder with
 * package.json) so they are the same whether the code runs from source (server/…) or
 * compiled (dist/server/…).
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
  return dir
}

export const PROJECT_ROOT = projectRoot()
/** The built map page (npm run build:web). */
export const WEB_DIST_DIR = join(PROJECT_ROOT, 'web', 'dist')
/** The mapping files that ship with the importers (trailing slash: names are appended). */
export const MAPPINGS_DIR = join(PROJECT_ROOT, 'data', 'mappings') + '/'
