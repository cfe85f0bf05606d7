/**
 * How every command line tool opens the configured database: it says which one it writes to
 * (stderr), and a failure to open it (the embedded folder in use by the server, say) is a
 * message and exit status 1, not a stack trace.
 */
import type { Config } from '../config.js'
import { connectDatabase, describeDatabase, type DatabaseHandle } from '../db/connect.js'

export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir }).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    return process.exit(1)
  })
  console.error(`database: ${describeDatabase(config)}`)
  return handle
}
