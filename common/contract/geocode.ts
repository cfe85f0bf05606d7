/**
 * GET /api/v1/geocode?q=: ZIP codes and place names to points.
 */
import { Type, type Static } from '@sinclair/typebox'

export const geocodeQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  },
  { additionalProperties: false },
)

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
