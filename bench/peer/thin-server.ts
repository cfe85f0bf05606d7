/**
 * The thin peer for `npm run bench:search -- --peer`: the shape of the Dirt-Simple PostGIS
 * HTTP API (Fastify + pg, one route, SQL text built per request, sphere KNN order, no radius,
 * no validation beyond numbers, no open-now, no cursor, no security headers). It reads active
 * sites only, as the spatial index (partial) does. It returns the
 * same columns of site_search as our search reads, plus the distance, for the nearest `limit`.
 *
 * Run as its own process (so its CPU can be read from /proc): DATABASE_URL=… PORT=… node --import tsx bench/peer/thin-server.ts
 * GET /v1/nearest/site_search/<lon>,<lat>?limit=20
 */
import Fastify from 'fastify'
import pg from 'pg'

const COLUMNS = `location_id, name, organization_name, address_1, address_2, city, region, postal_code, phone, latitude, longitude,
  geocode_precision, types, services, payment, populations, access, languages, timezone, hours, status, source, assured_date, demo,
  public_note, status_until, status_reason`

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PEER_POOL ?? 10) })
const app = Fastify({ logger: false })

app.get<{ Params: { point: string }; Querystring: { limit?: string } }>('/v1/nearest/site_search/:point', async (request, reply) => {
  const [lon, lat] = request.params.point.split(',').map(Number)
  const limit = Number(request.query.limit ?? 10)
  // As the peer does, the point goes into the SQL text (numbers only here, so nothing else can).
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || !Number.isInteger(limit)) return reply.code(400).send({ error: 'bad point' })
  const point = `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`
  const { rows } = await pool.query(
    `SELECT ${COLUMNS}, ST_Distance(geog, ${point}::geography) AS distance
       FROM site_search
      WHERE status = 'active'
      ORDER BY geog <-> ${point}::geography
      LIMIT ${limit}`,
  )
  return rows
})

app.get('/ready', async () => ({ ok: true }))

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.on('SIGTERM', () => void app.close().then(() => pool.end()))
