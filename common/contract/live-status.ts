/**
 * Live status (issue 16): what a site says about today, its supplies and its treatment
 * openings, each with the time it was posted and when it stops being shown. Posted by a
 * curator (PUT /api/v1/curate/sites/{id}/status) or by the provider through its update link;
 * read in search results, the site detail, /lite and the route planner.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'

export const SUPPLIES = ['naloxone', 'test_strips', 'syringes'] as const
export type Supply = (typeof SUPPLIES)[number]
export const SUPPLY_LEVELS = ['in_stock', 'low', 'out'] as const
export type SupplyLevel = (typeof SUPPLY_LEVELS)[number]
export const TODAY_KINDS = ['not_running', 'closing_early', 'open_late'] as const
export type TodayKind = (typeof TODAY_KINDS)[number]
export const INTAKE_ANSWERS = ['yes', 'waitlist', 'no'] as const
export type IntakeAnswer = (typeof INTAKE_ANSWERS)[number]
export const LIVE_TOPICS = ['today', ...SUPPLIES, 'accepting_new_patients', 'same_day_start', 'beds_available'] as const
export type LiveTopic = (typeof LIVE_TOPICS)[number]

/** How long a post is shown: supplies a week, treatment openings 48 hours ("today" ends with the site's day). */
export const SUPPLY_TTL_MS = 7 * 24 * 3600_000
export const TREATMENT_TTL_MS = 48 * 3600_000
export const MAX_BEDS = 10_000

const literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  )
const nullable = <T extends TSchema>(t: T, description: string) => Type.Optional(Type.Union([t, Type.Null()], { description }))

/** One shown status. `value` is the kind of day, the supply level, yes/waitlist/no, true/false or a number of beds. */
export const liveStatusItemSchema = Type.Object({
  topic: literals(LIVE_TOPICS),
  value: Type.Union([Type.String(), Type.Boolean(), Type.Integer()]),
  /** "today" closing_early / open_late: the local time, 'HH:MM'. */
  time: Type.Union([Type.String(), Type.Null()]),
  posted_at: Type.String({ description: 'When it was posted (ISO 8601)' }),
  expires_at: Type.String({ description: 'When it stops being shown (ISO 8601): the end of the site’s day, 7 days for supplies, 48 hours for treatment' }),
  posted_by: literals(['curator', 'provider'] as const),
})
export type LiveStatusItem = Static<typeof liveStatusItemSchema>

export const liveStatusSchema = Type.Array(liveStatusItemSchema, {
  description: 'Live status that has not expired, posted by the site or a curator (unexpired posts only)',
})

const HHMM = '^([01]\\d|2[0-3]):[0-5]\\d$'

/** A post: every topic optional; null withdraws that topic's status. */
export const liveStatusPostSchema = Type.Object(
  {
    today: nullable(
      Type.Object(
        {
          kind: literals(TODAY_KINDS, 'not_running, closing_early (at time) or open_late (until time)'),
          time: Type.Optional(Type.String({ pattern: HHMM, maxLength: 5, description: 'HH:MM, local time of the site' })),
        },
        { additionalProperties: false },
      ),
      'Today at this site; ends with the site’s day',
    ),
    naloxone: nullable(literals(SUPPLY_LEVELS), 'Naloxone: in_stock, low or out (shown 7 days)'),
    test_strips: nullable(literals(SUPPLY_LEVELS), 'Fentanyl test strips (shown 7 days)'),
    syringes: nullable(literals(SUPPLY_LEVELS), 'Syringes (shown 7 days)'),
    accepting_new_patients: nullable(literals(INTAKE_ANSWERS), 'yes, waitlist or no (shown 48 hours)'),
    same_day_start: nullable(Type.Boolean(), 'Same-day buprenorphine start (shown 48 hours)'),
    beds_available: nullable(Type.Integer({ minimum: 0, maximum: MAX_BEDS }), 'Open detox or residential beds now (shown 48 hours)'),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ naloxone: 'in_stock', today: { kind: 'closing_early', time: '14:00' } }] },
)
export type LiveStatusPost = Static<typeof liveStatusPostSchema>
