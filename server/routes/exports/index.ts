/**
 * GET /api/v1/export.geojson | export.csv | export.hsds.json: the directory as a download,
 * streamed a page at a time (the same code as `npm run export`). The query is validated and
 * the first page read before the first byte goes out, so a bad request or a database that
 * refuses it is an error response, not a 200 cut short.
 */
import { Readable } from 'node:stream'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../errors.js'
import { exportChunks, exportFileName, MEDIA_TYPES, type ExportFormat } from '../../exports/formats.js'
import { exportedDataVersion } from '../../exports/version.js'
import { notModified } from '../../plugins/http-cache.js'
import { noStoreUnlessPublic } from '../no-store.js'

const querySchema = Type.Object(
  {
    include_inactive: Type.Boolean({ default: false, description: 'Also inactive, defunct and temporarily closed sites' }),
    demo: Type.Boolean({ default: true, description: 'false leaves demo records out (they carry demo: true otherwise)' }),
    source: Type.String({ minLength: 1, maxLength: 100, description: 'Only sites with a record from this source (e.g. findtreatment)' }),
  },
  { additionalProperties: false },
)

/**
 * Reads an export's first two chunks — every format yields its opening, then one chunk per
 * page — and gives back all of it as one stream: a failure in the first page's query rejects
 * here, while a reply can still be sent.
 */
async function firstPageRead(chunks: AsyncGenerator<string>): Promise<AsyncGenerator<string>> {
  const head: string[] = []
  while (head.length < 2) {
    const next = await chunks.next()
    if (next.done) break
    head.push(next.value)
  }
  return (async function* () {
    yield* head
    yield* chunks
  })()
}

const ROUTES: [string, ExportFormat, string][] = [
  ['/export.geojson', 'geojson', 'Every site as an RFC 7946 GeoJSON FeatureCollection ([lon, lat])'],
  ['/export.csv', 'csv', 'Every site as CSV, one row per site, codes joined with ";" (columns in docs/data.md)'],
  ['/export.hsds.json', 'hsds', 'Every service as an HSDS 3.0 JSON array of fully nested services'],
]

const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A refused filter or a database fault is not cached (the file itself is public: see below).
  app.addHook('onSend', noStoreUnlessPublic)
  for (const [url, format, summary] of ROUTES) {
    app.get(
      url,
      {
        schema: {
          tags: ['exports'],
          summary,
          querystring: Type.Partial(querySchema, { additionalProperties: false }),
          response: { '4xx': errorBodySchema, '5xx': errorBodySchema },
        },
      },
      async (request, reply) => {
        const q = request.query
        const filter = { includeInactive: q.include_inactive ?? false, includeDemo: q.demo ?? true, source: q.source ?? null }
        // A stream has no body to hash: the ETag is the data's version, this format and filter,
        // and the day (the file name carries the date, and staleness counts in days). The version
        // is read first and from the database the pages come from, so the file is never older
        // than its ETag says.
        const now = new Date()
        const db = app.dbFor(request)
        const version = await exportedDataVersion(db)
        const etag = `"${version}-${format}-${Number(filter.includeInactive)}${Number(filter.includeDemo)}-${encodeURIComponent(filter.source ?? '')}-${now.toISOString().slice(0, 10)}"`
        reply.cachePublicly('directory').header('etag', etag)
        if (notModified(request, etag)) return reply.code(304).send()
        const chunks = await firstPageRead(exportChunks(db, format, filter))
        reply.header('content-disposition', `attachment; filename="${exportFileName(format, now)}"`).type(MEDIA_TYPES[format])
        return reply.send(Readable.from(chunks))
      },
    )
  }
}

export default exportRoutes
