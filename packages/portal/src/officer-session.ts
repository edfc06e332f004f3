import { todayInShanghai } from '@gongkai/calendar'
import type { Context } from 'hono'
import type { PortalContext } from './portal-context.js'
import type { FormValues } from './record-form-model.js'
import { forbidden } from './responses.js'
import { type Session, sameSecret } from './sessions.js'

/**
 * Officer sessions share the committee sessions' table: the session's subject is `officer:<organ>`.
 * Committee ids never contain a colon, so neither kind of session can act as the other.
 */
export const OFFICER_SESSION_PREFIX = 'officer:'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** What an officer page gets: the organ and session, or the answer to give instead. */
export type OfficerOrRefusal =
  | { refused: Response; organ?: undefined; session?: undefined }
  | { refused?: undefined; organ: string; session: Session }

/** The officer's organ and session; without an officer session, a redirect to the login. */
export async function officerOf(ctx: PortalContext, c: Context): Promise<OfficerOrRefusal> {
  const s = await ctx.session(c)
  if (!s?.committee.startsWith(OFFICER_SESSION_PREFIX))
    return { refused: c.redirect('/officer/login', 303) }
  return { organ: s.committee.slice(OFFICER_SESSION_PREFIX.length), session: s }
}

/**
 * The officer behind a posted form: 403 when the form's CSRF token is not the session's. The audit
 * hook is told the session's token before the write.
 */
export async function officerWriter(
  ctx: PortalContext,
  c: Context,
  form: FormValues
): Promise<OfficerOrRefusal> {
  const who = await officerOf(ctx, c)
  if (who.refused) return who
  if (!sameSecret(form._csrf, who.session.csrf))
    return {
      refused: forbidden(c, '表单已过期或来源不明（CSRF 校验未通过），请返回重新填写。'),
    }
  await ctx.audit?.writer(c, who.session.tokenId)
  return who
}

/** The `asOf` query (YYYY-MM-DD) of an officer page, when well-formed. */
export function asOfQuery(c: Context): string | undefined {
  const q = c.req.query('asOf')
  return q && DATE.test(q) ? q : undefined
}

/** Today in China (the portal's clock): the default of as-of dates and of an answer's date. */
export const todayOf = (ctx: PortalContext) => todayInShanghai(ctx.now())
