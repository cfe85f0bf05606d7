/**
 * Availability reports: a person says, anonymously, "I got naloxone here today", "they were
 * out" or "they were closed when I came". POST /api/v1/sites/{id}/availability-reports takes a
 * kind and, for the first two, the supply; the site detail shows the last 7 days' counts,
 * marked unconfirmed. Reports never change a site's status by themselves.
 */
import { Type, type Static } from '@sinclair/typebox'

/** What a person can say; the migration's CHECK holds the same list. */
export const AVAILABILITY_KINDS = ['got_supplies', 'out_of_supplies', 'closed'] as const
export type AvailabilityKind = (typeof AVAILABILITY_KINDS)[number]

/** The supplies a got/out report may name (closed takes none): the live-status supply codes (test_strips: fentanyl test strips). */
export const AVAILABILITY_SUPPLIES = ['naloxone', 'test_strips', 'syringes'] as const
export type AvailabilitySupply = (typeof AVAILABILITY_SUPPLIES)[number]

/** How far back the counts on a site reach. */
export const AVAILABILITY_WINDOW_DAYS = 7

export const availabilityReportBodySchema = Type.Object(
  {
    kind: Type.Union(
      AVAILABILITY_KINDS.map((k) => Type.Literal(k)),
      { description: 'got_supplies: I got supplies here today; out_of_supplies: they were out; closed: they were closed when I came' },
    ),
    supply: Type.Optional(
      Type.Union(
        AVAILABILITY_SUPPLIES.map((s) => Type.Literal(s)),
        { description: 'What was (or was not) there; only with got_supplies and out_of_supplies' },
      ),
    ),
  },
  { additionalProperties: false, examples: [{ kind: 'got_supplies', supply: 'naloxone' }] },
)
export type AvailabilityReportBody = Static<typeof availabilityReportBodySchema>

export const availabilityReportCreatedSchema = Type.Object({
  id: Type.String(),
  created_at: Type.String(),
  confirmed: Type.Literal(false, { description: 'Nobody has checked what a report says' }),
})
export type AvailabilityReportCreated = Static<typeof availabilityReportCreatedSchema>

const count = Type.Integer({ minimum: 0 })

export const availabilityReportsSchema = Type.Object(
  {
    confirmed: Type.Literal(false, { description: 'Always false: what people said, checked by nobody; it never changes the status' }),
    window_days: Type.Integer({ description: 'The counts cover this many days back from now' }),
    total: count,
    latest_at: Type.Union([Type.String(), Type.Null()], { description: 'ISO time of the newest report in the window' }),
    by_kind: Type.Object({ got_supplies: count, out_of_supplies: count, closed: count }),
    counts: Type.Array(
      Type.Object({
        kind: Type.Union(AVAILABILITY_KINDS.map((k) => Type.Literal(k))),
        supply: Type.Union([...AVAILABILITY_SUPPLIES.map((s) => Type.Literal(s)), Type.Null()]),
        count,
        latest_at: Type.String(),
      }),
      { description: 'One entry per kind and supply that has reports in the window' },
    ),
  },
  { description: 'Availability reports of the last window_days days, unconfirmed' },
)
export type AvailabilityReports = Static<typeof availabilityReportsSchema>
