/**
 * POST /api/v1/sites/{id}/reports: "Report a problem" with a listing. Anonymous by design —
 * the body holds a kind and an optional message, nothing else.
 */
import { Type, type Static } from '@sinclair/typebox'

/** What a report can say is wrong; the migration's CHECK holds the same list. */
export const REPORT_KINDS = ['wrong_hours', 'closed', 'wrong_address', 'wrong_phone', 'wrong_services', 'other'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

export const MAX_REPORT_MESSAGE = 2000

export const reportBodySchema = Type.Object(
  {
    kind: Type.Union(
      REPORT_KINDS.map((k) => Type.Literal(k)),
      { description: 'What is wrong with the listing' },
    ),
    message: Type.Optional(Type.String({ maxLength: MAX_REPORT_MESSAGE, description: 'Details for the curators; please no personal information' })),
  },
  { additionalProperties: false, examples: [{ kind: 'wrong_hours', message: 'Closed on Saturdays now, per the sign on the door.' }] },
)
export type ReportBody = Static<typeof reportBodySchema>

export const reportCreatedSchema = Type.Object({ id: Type.String(), status: Type.Literal('open'), created_at: Type.String() })
export type ReportCreated = Static<typeof reportCreatedSchema>
