/**
 * The import_batches table: one row per import run, with its counts.
 */
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
      summary: JSON.stringify(batch.summary),
    })
    .execute()
}
