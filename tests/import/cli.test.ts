/**
 * The import command as a curator runs it: exit codes and what it prints for refusals, dry
 * runs and merges (on the embedded database in a temporary folder).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seedPgliteFolder } from '../helpers/backends.js'
import { cliArgs, ROOT } from '../helpers/commands.js'
import { SIMPLE_CSV_HEADER, simpleCsvMapping, tempFile } from './helpers.js'

// Each test has an embedded database folder of its own, removed after it: any test runs alone.
// Seeded with the run's migrated image unless `empty` (a curator importing before anything else ran).
let PGLITE_DIR = ''
const folders: string[] = []
function freshFolder({ empty = false } = {}): string {
  PGLITE_DIR = mkdtempSync(join(tmpdir(), 'hrl-cli-test-'))
  folders.push(PGLITE_DIR)
  if (!empty) seedPgliteFolder(PGLITE_DIR)
  return PGLITE_DIR
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true })
})

interface Run {
  code: number
  stdout: string
  stderr: string
}

function importCli(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR, NODE_ENV: 'production' }
  delete env.DATABASE_URL
  return new Promise((resolve) => {
    execFile(process.execPath, [...cliArgs('import'), ...args], { cwd: ROOT, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr })
    })
  })
}

const HEADER = SIMPLE_CSV_HEADER
const mapping = (source: string) => simpleCsvMapping(source)

// Each command starts Node and the embedded database (a few seconds; longer on a busy CI machine).
describe('npm run import', { timeout: 300_000 }, () => {
  it('a dry run of a file with invalid rows says the import would be refused, and fails', async () => {
    freshFolder()
    const file = tempFile(
      'bad.csv',
      HEADER + '"Good Clinic","1 Main St",Albany,NY,12207,42.65,-73.75\n"Bad Clinic","2 Main St",Albany,NY,12207,142.65,-73.75\n',
    )
    const run = await importCli('csv', file, '--mapping', mapping('dry_list'), '--dry-run')
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('lat')
    expect(run.stderr).toMatch(/dry run: this import would be refused: 1 invalid row\(s\)/)
    expect(run.stdout).toContain('DRY RUN')
  })

  it('with --skip-invalid and no valid row, fails without advising --skip-invalid', async () => {
    freshFolder()
    const file = tempFile('allbad.csv', HEADER + '"Bad Clinic","2 Main St",Albany,NY,12207,142.65,-73.75\n')
    const run = await importCli('csv', file, '--mapping', mapping('bad_list'), '--skip-invalid', '--rejects', join(PGLITE_DIR, 'rejects.csv'))
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('refused: every row is invalid (1); nothing was written.')
    expect(run.stderr).not.toContain('use --skip-invalid')
  })

  it('lists merges with the command that undoes each, and that command works', async () => {
    // The first import migrates the empty folder itself: the only command here that pays for it.
    freshFolder({ empty: true })
    const a = await importCli(
      'csv',
      tempFile('a.csv', HEADER + '"Riverside Clinic","10 River Road",Albany,NY,12207,42.65000,-73.75000\n'),
      '--mapping',
      mapping('list_a'),
    )
    expect(a.code).toBe(0)
    const b = await importCli(
      'csv',
      tempFile('b.csv', HEADER + '"RIVERSIDE CLINIC","10 River Rd.",Albany,NY,12207,42.65001,-73.75001\n'),
      '--mapping',
      mapping('list_b'),
    )
    expect(b.code).toBe(0)
    expect(b.stdout).toContain('merged 1')
    expect(b.stdout).toMatch(/every merge, with the command that undoes it: npm run import -- merges --batch imp_\w+/)
    const listed = await importCli('merges', '--source', 'list_b')
    expect(listed.code).toBe(0)
    const undo = /undo: npm run import -- unmerge (\S+) (list_b:\S+)/.exec(listed.stdout)
    expect(undo, listed.stdout + listed.stderr).not.toBeNull()
    expect(listed.stdout).toMatch(/^ {2}score 0\.\d{3}, same street address, similar name$/m)
    const sorted = await importCli('merges', '--sort', 'score', '--reason', 'street address', '--min-score', '0.5')
    expect(sorted.stdout).toContain('"RIVERSIDE CLINIC" is merged into')
    const bad = await importCli('merges', '--max-score', '2')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--max-score must be a score from 0 to 1, got "2"')
    const unmerged = await importCli('unmerge', undo?.[1] as string, undo?.[2] as string)
    expect(unmerged.code).toBe(0)
    expect(unmerged.stdout).toMatch(/^unmerged list_b:\S+ from loc_\w+: it is now location loc_\w+/m)
    const after = await importCli('merges')
    expect(after.stdout).toBe('')
    expect(after.stderr).toContain('0 merge(s)')
  })

  it('refuses a --full reload that would close most of a source, saying how many, what share and which flag allows it', async () => {
    freshFolder()
    const first = await importCli(
      'csv',
      tempFile('a.csv', HEADER + '"Riverside Clinic","10 River Road",Albany,NY,12207,42.65000,-73.75000\n'),
      '--mapping',
      mapping('list_a'),
    )
    expect(first.code).toBe(0)
    // list_a's one active site, reloaded from a file that lacks it.
    const run = await importCli(
      'csv',
      tempFile('a-cut.csv', HEADER + '"Harbor Clinic","1 Pier St",Albany,NY,12207,42.6400,-73.7400\n'),
      '--mapping',
      mapping('list_a'),
      '--full',
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('NOTHING WRITTEN')
    expect(run.stdout).toContain("--full: 1 of the source's 1 active site(s) (100%) are not in the file; limit 20%: refused")
    expect(run.stderr).toContain("refused: --full would deactivate 1 of the source's 1 active sites (100%), more than the limit of 20%")
    expect(run.stderr).toMatch(/--allow-deactivate 100% \(or --allow-deactivate 1\); nothing was written\./)
  })
})
