/**
 * The `verification` object that search results and the site detail share: the date a site
 * was last confirmed and its age class. Never who confirmed it.
 */
import { Type, type Static } from '@sinclair/typebox'
import { VERIFICATION_AGES } from '../verification.js'

export const verificationSchema = Type.Object(
  {
    assured_date: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()], { description: 'When the listing was last verified (null: never)' }),
    age: Type.Union(
      VERIFICATION_AGES.map((age) => Type.Literal(age)),
      { description: 'fresh: under 6 months; aging: 6 to 12 months; stale: over 12 months; never: not verified (on the site’s own date)' },
    ),
  },
  { description: 'How fresh the listing is' },
)
export type Verification = Static<typeof verificationSchema>
