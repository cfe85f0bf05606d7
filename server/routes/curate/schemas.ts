/** Response shapes the curator routes share. */
import { Type } from '@fastify/type-provider-typebox'

export const accountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('curator')]),
  scope_states: Type.Array(Type.String()),
  scope_sources: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  created_at: Type.String(),
})

export const siteIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) })

export const okSchema = Type.Object({ ok: Type.Literal(true) })

/** Either credential works on every curator route (OpenAPI security requirement). */
export const curatorSecurity: { [scheme: string]: string[] }[] = [{ curatorSession: [] }, { curatorToken: [] }]
