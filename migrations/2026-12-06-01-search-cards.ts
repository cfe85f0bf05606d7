/**
 * Search cards: each search row carries its result's search-independent members as JSON text
 * (server/directory/search-card.ts), so a search reads one column per result and writes it into
 * the answer as it is. hrl_codes() turns a bitmask back into its codes, in vocabulary order.
 * Rows that exist already get their cards at start-up (fillSearchCards), which then makes the
 * column NOT NULL; every later derivation writes them.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- The codes of a bit mask (bit i: the vocabulary's i-th code), in vocabulary order.
    CREATE FUNCTION hrl_codes(mask integer, vocabulary text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN ARRAY(SELECT v FROM unnest(vocabulary) WITH ORDINALITY AS u(v, i) WHERE mask & (1 << (i::int - 1)) <> 0 ORDER BY i);
    ALTER TABLE site_search ADD COLUMN card text;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE site_search DROP COLUMN card;
    DROP FUNCTION hrl_codes(integer, text[]);
  `).execute(db)
}
