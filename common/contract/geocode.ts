/**
 * POST /api/v1/geocode { q } (and GET ?q=): ZIP codes and place names to points. The page
 * uses POST, so what a person typed never sits in a URL, a server log or a browser history.
 */
import { Type, type Static } from '@sinclair/typebox'

export const geocodeQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200, description: 'A US ZIP code or place name', examples: ['21201'] }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'Places to return (default 5)' })),
  },
  { additionalProperties: false, examples: [{ q: '21201', limit: 1 }] },
)
export type GeocodeQuery = Static<typeof geocodeQuerySchema>

export const geocodedPlaceSchema = Type.Object({
  label: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  kind: Type.String(),
  approximate: Type.Boolean(),
  postalCode: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
})
export type GeocodedPlace = Static<typeof geocodedPlaceSchema>

export const geocodeResponseSchema = Type.Object({ results: Type.Array(geocodedPlaceSchema) })
export type GeocodeResponse = Static<typeof geocodeResponseSchema>
