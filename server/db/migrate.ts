/**
 * Runs the migrations in migrations/ (a static list, so it works wherever the code runs).
 */
import { Migrator, type Kysely, type MigrationResult } from 'kysely'
import { migrations } from '../../migrations/index.js'

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    const reason = error instanceof Error ? error.message : String(error)
    // The cause keeps the driver's code: start-up retries when it says the database is away.
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error })
  }
  return results ?? []
}
