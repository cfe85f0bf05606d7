/**
 * Provenance a person can see: a location keeps the second name its primary record gives
 * (SAMHSA's program name, name2; HSDS alternate_name), so two "Tufts Medical Center" sites
 * with different phones can be told apart. Which record each field comes from is derived on
 * read from location_sources and curator_overrides (server/sites/provenance.ts), not stored.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE locations ADD COLUMN alternate_name text;

    -- Records imported before name2 had a field of its own kept it as an attribute: give it
    -- the field (the attribute stays until the next import rewrites the record), and the
    -- location its primary record's value, so a recompute before that import changes nothing.
    UPDATE location_sources
       SET record = record || jsonb_build_object('alternateName', record->'attributes'->>'name2')
     WHERE NOT record ? 'alternateName' AND coalesce(record->'attributes'->>'name2', '') <> '';
    UPDATE locations l SET alternate_name = ls.record->>'alternateName'
      FROM location_sources ls
     WHERE ls.source = l.source AND ls.source_id = l.source_id AND ls.record ? 'alternateName';
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    UPDATE location_sources SET record = record - 'alternateName' WHERE record ? 'alternateName';
    ALTER TABLE locations DROP COLUMN alternate_name;
  `).execute(db)
}
