/**
 * The sequential (1-client) latency of one bench:search case on PostgreSQL, in a process of
 * its own that bench/search.ts starts with a 1 MB young generation (--max-semi-space-size=1).
 * In the benchmark's own process, with V8's default 16 MB, every ~100th query waited for a
 * 6–10 ms scavenge of the client's heap, and those pauses were the measured "p99" (at 10k
 * sites as at 1M). Small scavenges cost about 0.6 ms each here.
 * Usage: tsx bench/knn-latency.ts <database url> <case index>; prints one JSON line of Stats.
 */
import pg from 'pg'
import { connectDatabase } from '../server/db/connect.js'
import { preparedName } from '../server/db/sql.js'
import { facetStatsCache } from '../server/search/facet-stats.js'
import { CASES, compiled, ORIGINS, summarize } from './search-cases.js'

const [url, index] = process.argv.slice(2)
const testCase = CASES[Number(index)]
if (!url || !testCase) throw new Error('usage: knn-latency.ts <database url> <case index>')
const { db } = await connectDatabase({ databaseUrl: url, pgliteDir: '' })
const stats = await facetStatsCache(db).get()
const queries = ORIGINS.map((o) => compiled(db, testCase.fields, o, stats).query)
await db.destroy()
const client = new pg.Client({ connectionString: url, options: '-c plan_cache_mode=force_generic_plan' })
await client.connect()
const run = (i: number) => {
  const query = queries[i % queries.length]!
  return client.query({ name: preparedName(query.sql) ?? undefined, text: query.sql, values: query.parameters as unknown[] })
}
for (let i = 0; i < queries.length; i++) await run(i) // warm up, as the loaded runs are
const latencies: number[] = []
for (let i = 0; i < queries.length; i++) {
  const t = performance.now()
  await run(i)
  latencies.push(performance.now() - t)
}
await client.end()
console.log(JSON.stringify(summarize(latencies, 1)))
