/**
 * POST /api/v1/geocode { q } (and GET ?q=): ZIP codes and place names to points. The page
 * uses POST, so what a person typed never sits in a URL, a server log or a browser history.
 * Every answer says how precisely it matched, whether a street address was only matched to
 * its city or ZIP, and whether a bare name ("Springfield") fits several places.
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

/** How precisely the text was matched. */
export const geocodeMatchSchema = Type.Union([
  Type.Literal('zip'),
  Type.Literal('place'),
  Type.Literal('neighbourhood'),
  Type.Literal('address'),
  Type.Literal('coordinates'),
])
export type GeocodeMatch = Static<typeof geocodeMatchSchema>

/** 'address_approximated': the text looked like a street address, but only its city or ZIP was matched (offline). */
export const geocodeNoticeSchema = Type.Union([Type.Literal('address_approximated'), Type.Null()])

export const geocodedPlaceSchema = Type.Object({
  label: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  kind: Type.String(),
  /** zip, place (a city or town), neighbourhood, address, or coordinates as typed. */
  match: geocodeMatchSchema,
  approximate: Type.Boolean(),
  postalCode: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  /** A neighbourhood's city: "Los Angeles, CA". */
  parent: Type.Optional(Type.String()),
  /** People living there (GeoNames), when known. */
  population: Type.Optional(Type.Integer()),
  /** ZIP codes the place has. */
  zips: Type.Optional(Type.Integer()),
})
export type GeocodedPlace = Static<typeof geocodedPlaceSchema>

/** What a lookup says about itself; the same fields come back in a search's `origin` when it was given `near`. */
export const geocodeAnswerFields = {
  /** The precision of the first result; null when nothing matched. */
  match: Type.Union([geocodeMatchSchema, Type.Null()]),
  notice: geocodeNoticeSchema,
  /** A bare name fits places in several states with no clear winner: ask which (see `candidates`). */
  ambiguous: Type.Boolean(),
  /** Every place a bare name fits, largest first (up to 8); empty when only one does. */
  candidates: Type.Array(geocodedPlaceSchema),
}

export const geocodeResponseSchema = Type.Object({ results: Type.Array(geocodedPlaceSchema), ...geocodeAnswerFields })
export type GeocodeResponse = Static<typeof geocodeResponseSchema>
