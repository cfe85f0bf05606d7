/**
 * /openapi.json from the route schemas, and Swagger UI at /docs served from the package
 * (no CDN: the docs work offline like everything else).
 */
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Harm Reduction Locator API',
          version: '1.0.0',
          description: 'Nearest syringe services, naloxone, treatment and clinics — open now — with no tracking.',
        },
        tags: [
          { name: 'search', description: 'Nearest-site search' },
          { name: 'sites', description: 'Site details' },
          { name: 'taxonomy', description: 'Filter codes and labels' },
          { name: 'geocode', description: 'Offline ZIP and place lookup' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
