import type { Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { CommitteePage, CommitteesPage, LoginPage } from './committee-pages.js'
import { issueLoginCsrf, type PortalContext } from './portal-context.js'
import { forbidden, formValues, notFound, page, text } from './responses.js'
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE, SESSION_TTL_MS, sameSecret } from './sessions.js'

/** The committee list, log-in and log-out, and a committee's public page. */
export function committeeRoutes(app: Hono, ctx: PortalContext): void {
  const { source, sessions, now } = ctx

  app.get('/committees', async (c) =>
    page(c, <CommitteesPage committees={await source.committees()} />)
  )

  // Login forms have no session yet: their CSRF secret lives in a short-lived cookie of its own.
  const loginForm = (c: Context, error?: string) => {
    const csrf = issueLoginCsrf(c, ctx, '/committees')
    return page(c, <LoginPage csrf={csrf} error={error} />, error ? 400 : 200)
  }

  app.get('/committees/login', (c) => loginForm(c))

  app.post('/committees/login', async (c) => {
    const form = await formValues(c)
    if (!sameSecret(form._csrf, getCookie(c, LOGIN_CSRF_COOKIE))) {
      return forbidden(c, '表单已过期或来源不明（CSRF 校验未通过），请重新打开登录页。')
    }
    const token = text(form.token, 200)
    if (!token) return loginForm(c, '请填写居委会令牌。')
    const who = await source.committeeForToken(token)
    if (!who) return loginForm(c, '令牌无效、已过期或不是居委会令牌，请核对后重新输入。')
    const committee = who.committee
    const { id } = await sessions.create(committee, who.tokenId, now())
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: ctx.secure(c),
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    })
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/committees' })
    return c.redirect(`/committees/${encodeURIComponent(committee)}`, 303)
  })

  app.post('/committees/logout', async (c) => {
    const form = await formValues(c)
    const s = await ctx.session(c)
    if (!s || !sameSecret(form._csrf, s.csrf)) return forbidden(c, 'CSRF 校验未通过。')
    await sessions.destroy(getCookie(c, SESSION_COOKIE))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect('/committees', 303)
  })

  app.get('/committees/:id', async (c) => {
    const id = c.req.param('id')
    const committee = await source.committee(id)
    if (!committee) return notFound(c, `居委会“${id}”`)
    const s = await ctx.session(c)
    const catalogue = committee.catalogueId
      ? await source.catalogue(committee.catalogueId)
      : undefined
    const records = catalogue ? await source.records(catalogue.id) : []
    const notice =
      c.req.query('published') === '1'
        ? '记录已提交并公开。'
        : c.req.query('created') === '1'
          ? '居务公开目录已建立，可以开始填报。'
          : undefined
    return page(
      c,
      <CommitteePage
        committee={committee}
        catalogue={catalogue}
        records={records}
        session={s && s.committee === id ? { csrf: s.csrf } : undefined}
        notice={notice}
      />
    )
  })
}
