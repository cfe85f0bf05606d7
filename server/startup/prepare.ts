/**
 * Brings a database to a servable state: migrations, the taxonomy table, search cards for
 * rows derived before they existed, and on a first start (no location at all) the demo directory.
 */
import type { Kysely } from 'kysely'
import { migrateToLatest } from '../db/migrate.js'
import type { Database } from '../db/schema.js'
import { seedDemo } from '../demo/seed.js'
import { fillSearchCards } from '../directory/search-card.js'
import { ACCESS, LANGUAGES, PAYMENT, POPULATIONS, SERVICES, TYPES } from '../vocabulary.js'

/** Writes the vocabulary into taxonomy_terms (HSDS taxonomy export reads it from there). */
export async function syncTaxonomy(db: Kysely<Database>): Promise<void> {
  const terms = [...TYPES, ...SERVICES, ...PAYMENT, ...POPULATIONS, ...ACCESS].map((t) => ({
    id: `${t.kind}:${t.code}`,
    kind: t.kind as string,
    code: t.code,
    label_en: t.en,
    label_es: t.es,
    term_group: t.group ?? null,
  }))
  const languages = LANGUAGES.map((l) => ({ id: `language:${l.code}`, kind: 'language', code: l.code, label_en: l.en, label_es: l.es, term_group: null }))
  const rows = [...terms, ...languages]
  await db
    .insertInto('taxonomy_terms')
    .values(rows)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        label_en: eb.ref('excluded.label_en'),
        label_es: eb.ref('excluded.label_es'),
        term_group: eb.ref('excluded.term_group'),
      })),
    )
    .execute()
}

export interface PrepareOptions {
  demoSeedCount: number
  log?: (message: string) => void
}

/** Migrates, syncs the taxonomy and seeds demo data into an empty directory. */
export async function prepareDatabase(db: Kysely<Database>, options: PrepareOptions): Promise<void> {
  const applied = await migrateToLatest(db)
  for (const m of applied) options.log?.(`migration ${m.migrationName}: ${m.status}`)
  await syncTaxonomy(db)
  const carded = await fillSearchCards(db)
  if (carded > 0) options.log?.(`search cards written for ${carded} existing search rows`)
  if (options.demoSeedCount > 0) {
    const any = await db.selectFrom('locations').select('id').limit(1).executeTakeFirst()
    if (!any) {
      options.log?.(`empty directory: seeding ${options.demoSeedCount} demo sites (marked demo, not real services)`)
      await seedDemo(db, { count: options.demoSeedCount })
    }
  }
}
