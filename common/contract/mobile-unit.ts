/**
 * The site detail's opening and mobile-unit fields: `next_open` (the opening under way or the
 * next one, in the site's own offset) and, for a mobile unit or one of its stops, the unit with
 * every stop it makes, each with its address and next opening.
 */
import { Type, type Static } from '@sinclair/typebox'

const nullableString = Type.Union([Type.String(), Type.Null()])

export const nextOpenSchema = Type.Union(
  [
    Type.Object({
      starts: Type.String({ description: "ISO 8601 with the site's own UTC offset" }),
      ends: Type.Union([Type.String(), Type.Null()], { description: "ISO 8601 with the site's own offset; null when open around the clock" }),
    }),
    Type.Null(),
  ],
  { description: 'The opening under way, or else the next one, from the hours rules (within 60 days); null if none' },
)
export type NextOpenField = Static<typeof nextOpenSchema>

export const mobileStopSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address_1: nullableString,
  address_2: nullableString,
  city: nullableString,
  region: nullableString,
  postal_code: nullableString,
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  timezone: Type.String(),
  next_open: nextOpenSchema,
})
export type MobileStop = Static<typeof mobileStopSchema>

export const mobileUnitSchema = Type.Union(
  [
    Type.Object({
      id: Type.String({ description: "The unit's site id (a stop's `stop_of`)" }),
      name: Type.String(),
      stops: Type.Array(mobileStopSchema, { description: 'Its active stops, the soonest next opening first (stops with none last, by name)' }),
    }),
    Type.Null(),
  ],
  { description: 'For a mobile unit or one of its stops: the unit and every stop it makes; null for any other site' },
)
export type MobileUnit = Static<typeof mobileUnitSchema>
