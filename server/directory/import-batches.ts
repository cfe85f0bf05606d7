/**
 * The import_batches table: one row per import run, with its counts.
 */
import { sql } from 'kysely'
import type { Db } from './location-sources.js'

export interface ImportBatch {
  id: string
  source: string
  format: string
  files: string[]
  full: boolean
  startedAt: Date
  summary: Record<string, number>
}

/**
 * Records a finished import. Written last in the import's transaction: finished_at is the
 * clock at that moment (clock_timestamp()), not now(), which in a transaction is its start.
 */
export async function recordImportBatch(db: Db, batch: ImportBatch): Promise<void> {
  await db
    .insertInto('import_batches')
    .values({
      id: batch.id,
      source: batch.source,
      format: batch.format,
      files: batch.files,
      full_import: batch.full,
      started_at: batch.startedAt,
      finished_at: sql<Date>`clock_timestamp()`,
      summary: JSON.stringify(batch.summary),
    })
    .execute()
}
