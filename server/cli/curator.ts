/**
 * npm run curator -- <command>: curator and admin accounts and API tokens (see
 * curator-commands.ts for the commands). The first admin of a new install comes from here.
 */
import { loadConfigOrExit } from '../config.js'
import { prepareDatabase } from '../startup/prepare.js'
import { runCuratorCommand, USAGE, UsageError } from './curator-commands.js'
import { openDatabase } from './open-database.js'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const config = loadConfigOrExit()
const { db } = await openDatabase(config)
let status = 0
try {
  await prepareDatabase(db, { demoSeedCount: 0 })
  await runCuratorCommand(db, process.argv.slice(2), { out: (line) => console.log(line), readPassword: readStdin })
} catch (err) {
  if (!(err instanceof UsageError)) throw err
  console.error(err.message)
  console.error(USAGE)
  status = 2
} finally {
  await db.destroy()
}
process.exit(status)
