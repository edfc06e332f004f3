import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { PortalSource } from './portal-source.js'
import type { FormValues } from './record-form-model.js'
import { forbidden } from './responses.js'
import {
  LOGIN_CSRF_COOKIE,
  randomSecret,
  SESSION_COOKIE,
  type Session,
  type SessionStore,
  sameSecret,
} from './sessions.js'
import type { OrganContact, SiteIdentity, XxgkTexts } from './site.js'

/** Hooks that let the host app's audit log name who wrote what through a page. */
export interface PortalAudit {
  /** Before a page write: the token behind the session (page writes carry a session, not a bearer token). */
  writer(c: Context, tokenId: string | null): Promise<void> | void
  /** After a page write: the id of what it created (a record). */
  target(c: Context, id: string): void
}

/** What every group of portal routes shares. */
export interface PortalContext {
  source: PortalSource
  sessions: SessionStore
  now: () => Date
  /** Public base URL without trailing slash. */
  base: string
  audit?: PortalAudit
  /** The site's identity (header, footer, 指南). */
  site: SiteIdentity
  /** The 公开专栏 texts of the config (each optional). */
  xxgk: XxgkTexts
  /** The organs that receive requests, the site's organ first. */
  organs: readonly OrganContact[]
  /** The session of the request's cookie, when it is valid. */
  session(c: Context): Promise<Session | undefined>
  /** Whether cookies must be `Secure` (https request or https base URL). */
  secure(c: Context): boolean
  /**
   * Resolves the session for a write to committee `id`: a redirect to the login without one, 403
   * for another committee's session or a form whose CSRF token does not match.
   */
  writer(
    c: Context,
    id: string,
    form?: FormValues
  ): Promise<{ refused: Response; session?: undefined } | { refused?: undefined; session: Session }>
}

/** The shared context of {@link PortalContext} on a source and its options. */
export function portalContext(
  source: PortalSource,
  options: {
    sessions: SessionStore
    baseUrl: string
    now?: () => Date
    audit?: PortalAudit
    site?: SiteIdentity
    xxgk?: XxgkTexts
    organs?: readonly OrganContact[]
  }
): PortalContext {
  const site = options.site ?? {}
  const organs = [...(options.organs ?? [])]
  // The site's organ leads the list of organs that receive requests.
  if (site.organ && !organs.some((o) => o.id === site.organ?.id)) organs.unshift(site.organ)
  organs.sort((a, b) => Number(b.id === site.organ?.id) - Number(a.id === site.organ?.id))
  const now = options.now ?? (() => new Date())
  const base = options.baseUrl.replace(/\/+$/, '')
  const session = (c: Context) => options.sessions.get(getCookie(c, SESSION_COOKIE), now())
  return {
    source,
    sessions: options.sessions,
    now,
    base,
    audit: options.audit,
    site,
    xxgk: options.xxgk ?? {},
    organs,
    session,
    secure: (c) => new URL(c.req.url).protocol === 'https:' || base.startsWith('https:'),
    async writer(c, id, form) {
      const s = await session(c)
      if (!s) return { refused: c.redirect('/committees/login', 303) }
      if (s.committee !== id)
        return { refused: forbidden(c, '您登录的居委会无权填报其他居委会的信息。') }
      if (form && !sameSecret(form._csrf, s.csrf)) {
        return {
          refused: forbidden(c, '表单已过期或来源不明（CSRF 校验未通过），请返回重新填写。'),
        }
      }
      await options.audit?.writer(c, s.tokenId)
      return { session: s }
    },
  }
}

/**
 * Issues the CSRF secret of a login form. Login forms have no session yet, so the secret lives in
 * a short-lived cookie of its own, scoped to the form's path.
 */
export function issueLoginCsrf(c: Context, ctx: PortalContext, path: string): string {
  const csrf = randomSecret()
  setCookie(c, LOGIN_CSRF_COOKIE, csrf, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: ctx.secure(c),
    path,
    maxAge: 3600,
  })
  return csrf
}
