import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { copyRows, pointEwkb } from '../server/db/copy.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'

// Imports write their rows with COPY: every value must arrive exactly as written, whatever
// it holds, and a failing COPY must fail its transaction like any statement.
describe.each(backends)('COPY on %s', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
    await sql`CREATE TABLE copy_probe (t text, a text[], j jsonb, n float8, b boolean, d date, g geography(Point, 4326), k int PRIMARY KEY)`.execute(
      database.db,
    )
  })
  afterAll(async () => database?.close())

  it('round-trips awkward text, arrays, JSON, numbers, booleans, dates, NULLs and points', async () => {
    const texts = ['tab\there', 'line\nbreak', 'cr\rlf', 'back\\slash', '\\N', 'quote "x"', "it's", '{brace, comma}', 'NULL', '', 'é ñ 中 🙂', '\\.']
    const rows: unknown[][] = texts.map((t, i) => [
      t,
      [t, 'b', null, 'NULL'],
      { t, nested: [t, 1.5, null] },
      0.1 + i / 3,
      i % 2 === 0,
      '2026-11-24',
      pointEwkb(-76.6122 + i / 7, 39.2904 - i / 9),
      i,
    ])
    rows.push([null, null, null, null, null, null, null, 999])
    await copyRows(database.db, 'copy_probe', ['t', 'a', 'j', 'n', 'b', 'd', 'g', 'k'], rows)
    const back = await sql<{
      t: string | null
      a: (string | null)[] | null
      j: unknown
      n: number | null
      b: boolean | null
      d: string | null
      lon: number | null
      lat: number | null
      k: number
    }>`
      SELECT t, a, j, n, b, d, ST_X(g::geometry) AS lon, ST_Y(g::geometry) AS lat, k FROM copy_probe ORDER BY k`.execute(database.db)
    expect(back.rows).toHaveLength(rows.length)
    texts.forEach((t, i) => {
      const r = back.rows[i]!
      expect(r).toEqual({
        t,
        a: [t, 'b', null, 'NULL'],
        j: { t, nested: [t, 1.5, null] },
        n: 0.1 + i / 3,
        b: i % 2 === 0,
        d: '2026-11-24',
        lon: -76.6122 + i / 7,
        lat: 39.2904 - i / 9,
        k: i,
      })
    })
    expect(back.rows.at(-1)).toEqual({ t: null, a: null, j: null, n: null, b: null, d: null, lon: null, lat: null, k: 999 })
  })

  it('fails its transaction on a bad row and leaves nothing behind', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_probe`.execute(database.db)
    await expect(
      database.db.transaction().execute(async (trx) => {
        await copyRows(trx, 'copy_probe', ['t', 'k'], [['new', 5000]])
        await copyRows(trx, 'copy_probe', ['t', 'k'], [['duplicate key', 0]])
      }),
    ).rejects.toThrow(/duplicate key|copy_probe_pkey/)
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_probe`.execute(database.db)
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n)
    // The connection is usable afterwards.
    await copyRows(database.db, 'copy_probe', ['t', 'k'], [['after', 5001]])
    expect((await sql<{ t: string }>`SELECT t FROM copy_probe WHERE k = 5001`.execute(database.db)).rows[0]?.t).toBe('after')
  })

  it('refuses values COPY cannot carry exactly', async () => {
    await expect(copyRows(database.db, 'copy_probe', ['n', 'k'], [[Number.NaN, 6000]])).rejects.toThrow(/finite/)
    await expect(copyRows(database.db, 'copy_probe', ['n; DROP TABLE copy_probe', 'k'], [[1, 6001]])).rejects.toThrow(/identifier/)
  })
})
