import type { Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import {
  AccessRequestsPage,
  AccessStatusPage,
  APPLICATION_FIELDS,
  type ApplicationFormState,
  PublisherLoginPage,
} from './access-pages.js'
import { datasetPage } from './library-routes.js'
import { issueLoginCsrf, type PortalContext } from './portal-context.js'
import { forbidden, formValues, notFound, page, text } from './responses.js'
import {
  LOGIN_CSRF_COOKIE,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type Session,
  sameSecret,
} from './sessions.js'

/**
 * A publisher's session is a portal session whose subject is `publisher:<org>`: committee ids
 * cannot hold a colon, so a publisher session never passes a committee page's check, nor the reverse.
 */
const PUBLISHER_SUBJECT = 'publisher:'

const publisherOrg = (s: Session | undefined) =>
  s?.committee.startsWith(PUBLISHER_SUBJECT)
    ? s.committee.slice(PUBLISHER_SUBJECT.length)
    : undefined

/**
 * 有条件开放 applications in the portal: the form on the dataset page posts here, the applicant
 * follows the secret status page, and the owning organisation's publishers log in with their token
 * and decide on `/access-requests`.
 */
export function accessRoutes(app: Hono, ctx: PortalContext): void {
  const { source, sessions, now } = ctx

  // Not under /datasets/: that prefix is the API's (documented in OpenAPI); this is a page form.
  // Anonymous, like the API route: there is no session for a CSRF token to protect, and the
  // gateway's rate limit counts these posts per client address.
  app.post('/access-requests/apply', async (c) => {
    const id = text(c.req.query('dataset'), 200)
    const d = await source.dataset(id)
    if (d?.openness !== 'conditional') return notFound(c, `可申请的数据集“${id}”`)
    const form = await formValues(c)
    const values: Record<string, string> = {}
    // Never cut silently: one character past the longest allowed text reaches the check, which refuses it.
    for (const f of APPLICATION_FIELDS) values[f.name] = (form[f.name] ?? '').trim().slice(0, 4001)
    const errors: ApplicationFormState['errors'] = APPLICATION_FIELDS.filter(
      (f) => !values[f.name]
    ).map((f) => ({ field: f.name, message: `请填写${f.label}` }))
    if (errors.length === 0) {
      const r = await source.applyForAccess(id, {
        applicant: {
          name: values.name ?? '',
          org: values.org ?? '',
          contact: values.contact ?? '',
        },
        purpose: values.purpose ?? '',
        scenario: values.scenario ?? '',
        securityMeasures: values.securityMeasures ?? '',
      })
      if (r.ok) return c.redirect(r.value, 303)
      for (const e of r.errors) {
        const field = APPLICATION_FIELDS.find((f) => f.pointer === e.pointer)?.name ?? 'name'
        errors.push({ field, message: e.message })
      }
    }
    return datasetPage(c, ctx, d, { values, errors })
  })

  app.get('/access-requests/:id', async (c) => {
    const id = c.req.param('id')
    if (id === 'login' || id === 'logout' || id === 'apply') return notFound(c, '页面')
    const status = await source.accessStatus(id, text(c.req.query('key'), 100))
    if (!status) return notFound(c, '该申请（链接无效或已失效）')
    const d = await source.dataset(status.dataset)
    // The page may show a token: no cache and no referrer may keep it.
    c.header('referrer-policy', 'no-referrer')
    const res = page(
      c,
      <AccessStatusPage status={status} datasetTitle={d?.title} baseUrl={ctx.base} />
    )
    res.headers.set('cache-control', 'no-store')
    return res
  })

  const loginForm = (c: Context, error?: string) => {
    const csrf = issueLoginCsrf(c, ctx, '/access-requests')
    return page(c, <PublisherLoginPage csrf={csrf} error={error} />, error ? 400 : 200)
  }

  const listPage = async (c: Context, s: Session, org: string, error?: string) =>
    page(
      c,
      <AccessRequestsPage
        items={await source.accessRequests(org)}
        csrf={s.csrf}
        today={new Date(now().getTime() + 8 * 3600_000).toISOString().slice(0, 10)}
        error={error}
      />,
      error ? 422 : 200
    )

  app.get('/access-requests', async (c) => {
    const s = await ctx.session(c)
    const org = publisherOrg(s)
    if (!s || !org) return loginForm(c)
    return listPage(c, s, org)
  })

  app.post('/access-requests/login', async (c) => {
    const form = await formValues(c)
    if (!sameSecret(form._csrf, getCookie(c, LOGIN_CSRF_COOKIE)))
      return forbidden(c, '表单已过期或来源不明（CSRF 校验未通过），请重新打开登录页。')
    const token = text(form.token, 200)
    if (!token) return loginForm(c, '请填写发布令牌。')
    const who = await source.publisherForToken(token)
    if (!who) return loginForm(c, '令牌无效、已过期或不是发布令牌，请核对后重新输入。')
    const { id } = await sessions.create(`${PUBLISHER_SUBJECT}${who.org}`, who.tokenId, now())
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: ctx.secure(c),
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    })
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/access-requests' })
    return c.redirect('/access-requests', 303)
  })

  app.post('/access-requests/logout', async (c) => {
    const form = await formValues(c)
    const s = await ctx.session(c)
    if (s && sameSecret(form._csrf, s.csrf)) await sessions.destroy(getCookie(c, SESSION_COOKIE))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect('/access-requests', 303)
  })

  app.post('/access-requests/:id/decision', async (c) => {
    const form = await formValues(c)
    const s = await ctx.session(c)
    const org = publisherOrg(s)
    if (!s || !org || !s.tokenId) return c.redirect('/access-requests', 303)
    if (!sameSecret(form._csrf, s.csrf))
      return forbidden(c, '表单已过期或来源不明（CSRF 校验未通过），请返回重新操作。')
    await ctx.audit?.writer(c, s.tokenId)
    const id = c.req.param('id')
    ctx.audit?.target(c, id)
    let decision: { approve: { expiresAt: string } } | { refuse: { reason: string } }
    if (form.decision === 'approve') {
      const date = text(form.expiresAt, 10)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        return listPage(c, s, org, '同意申请须填写使用期限（年-月-日）。')
      decision = { approve: { expiresAt: date } }
    } else if (form.decision === 'refuse') {
      const reason = text(form.reason, 2000)
      if (!reason) return listPage(c, s, org, '不同意申请须填写理由。')
      decision = { refuse: { reason } }
    } else return listPage(c, s, org, '请选择同意或不同意。')
    const r = await source.decideAccess(org, id, decision, s.tokenId)
    if (!r.ok) return listPage(c, s, org, r.errors.map((e) => e.message).join('；'))
    return c.redirect('/access-requests', 303)
  })
}
