import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../server/db/schema.js'
import { connectDatabase } from '../server/db/connect.js'

// PGlite runs SELECTs as PREPARE/EXECUTE with parameters written as literals: every value
// must arrive exactly as a bind parameter would, and nothing in a value may escape its quotes.
describe('PGlite prepared statements', () => {
  let db: Kysely<Database>
  beforeAll(async () => {
    db = (await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })).db
  })
  afterAll(async () => db?.destroy())

  it('passes awkward values through unchanged', async () => {
    const texts = ["it's", 'back\\slash', 'quote "x"', "'); DROP TABLE x; --", 'comma, {brace}', 'NULL', '', 'é ñ 中']
    for (const text of texts) {
      const row = await sql<{ t: string; a: string[]; n: number; b: boolean }>`
        SELECT ${text}::text AS t, ${[text, 'b', null]}::text[] AS a, ${-1.5}::float8 AS n, ${true}::boolean AS b`.execute(db)
      expect(row.rows[0]).toEqual({ t: text, a: [text, 'b', null], n: -1.5, b: true })
    }
    const when = new Date('2026-11-24T19:00:00.123Z')
    const row = await sql<{ at: string; none: null; ints: number[] }>`
      SELECT (${when}::timestamptz AT TIME ZONE 'UTC')::text AS at, ${null}::text AS none, ${[3, 1, 2]}::int[] AS ints`.execute(db)
    expect(row.rows[0]).toEqual({ at: '2026-11-24 19:00:00.123', none: null, ints: [3, 1, 2] })
  })

  it('reuses one statement per SQL text and reports query errors as such', async () => {
    for (let i = 0; i < 3; i++) {
      const row = await sql<{ n: number }>`SELECT ${i}::int + 1 AS n`.execute(db)
      expect(row.rows[0]?.n).toBe(i + 1)
    }
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE ${'%::int + 1 AS n%'}`.execute(db)
    expect(count.rows[0]?.n).toBe(1)
    await expect(sql`SELECT 1 / ${0}::int AS x`.execute(db)).rejects.toThrow(/division by zero/)
  })
})
