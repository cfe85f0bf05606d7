/**
 * npm run verification -- <command>: provider update links for sites due for verification,
 * as a CSV for a mail merge or mailed through SMTP_URL (see verification-commands.ts).
 * Exit status: 0 done, 1 some mail failed, 2 a wrong command line, 78 missing configuration.
 */
import { loadConfigOrExit } from '../config.js'
import { prepareDatabase } from '../startup/prepare.js'
import { openDatabase } from './open-database.js'
import { NotConfiguredError, PartialFailure, runVerificationCommand, USAGE, UsageError } from './verification-commands.js'

const config = loadConfigOrExit()
const { db } = await openDatabase(config)
let status = 0
try {
  await prepareDatabase(db, { demoSeedCount: 0 })
  await runVerificationCommand(db, process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }, config)
} catch (err) {
  if (err instanceof UsageError) {
    console.error(err.message)
    console.error(USAGE)
    status = 2
  } else if (err instanceof NotConfiguredError) {
    console.error(err.message)
    status = 78
  } else if (err instanceof PartialFailure) {
    console.error(err.message)
    status = 1
  } else throw err
} finally {
  await db.destroy()
}
process.exit(status)
