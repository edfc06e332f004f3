import { ReportCheckError, renderAnnualReportHtml } from '@gongkai/cases'
import type { Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { asOfQuery, OFFICER_SESSION_PREFIX, officerOf } from './officer-session.js'
import { issueLoginCsrf, type PortalContext } from './portal-context.js'
import { ApplyPage, CasePage, OfficerLoginPage, OfficerRequestsPage } from './request-pages.js'
import { forbidden, formValues, notFound, page, text } from './responses.js'
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE, SESSION_TTL_MS, sameSecret } from './sessions.js'

/** Requests on one page of the officers' list. */
const OFFICER_PAGE = 100

/**
 * The public 依申请公开 guide, the officers' pages (login, list of open requests with their clocks,
 * a case's timeline; only their own organ's) and the printable annual report.
 */
export function requestRoutes(app: Hono, ctx: PortalContext): void {
  const { source, sessions, now } = ctx

  app.get('/ysqgk', async (c) => page(c, <ApplyPage organs={await source.organs()} />))

  const loginForm = (c: Context, error?: string) => {
    const csrf = issueLoginCsrf(c, ctx, '/officer')
    return page(c, <OfficerLoginPage csrf={csrf} error={error} />, error ? 400 : 200)
  }

  app.get('/officer/login', (c) => loginForm(c))

  app.post('/officer/login', async (c) => {
    const form = await formValues(c)
    if (!sameSecret(form._csrf, getCookie(c, LOGIN_CSRF_COOKIE)))
      return forbidden(c, '表单已过期或来源不明（CSRF 校验未通过），请重新打开登录页。')
    const token = text(form.token, 200)
    if (!token) return loginForm(c, '请填写工作人员令牌。')
    const who = await source.officerForToken(token)
    if (!who) return loginForm(c, '令牌无效、已过期或不是依申请公开工作人员的令牌。')
    const { id } = await sessions.create(
      `${OFFICER_SESSION_PREFIX}${who.organ}`,
      who.tokenId,
      now()
    )
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: ctx.secure(c),
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    })
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/officer' })
    return c.redirect('/officer/requests', 303)
  })

  const officer = (c: Context) => officerOf(ctx, c)

  app.post('/officer/logout', async (c) => {
    const form = await formValues(c)
    const s = await ctx.session(c)
    if (!s || !sameSecret(form._csrf, s.csrf)) return forbidden(c, 'CSRF 校验未通过。')
    await sessions.destroy(getCookie(c, SESSION_COOKIE))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect('/ysqgk', 303)
  })

  app.get('/officer/requests', async (c) => {
    const who = await officer(c)
    if (who.refused) return who.refused
    const asOf = asOfQuery(c)
    const organ = (await source.organs()).find((o) => o.id === who.organ) ?? {
      id: who.organ,
      name: who.organ,
    }
    // A page of the list: only its requests' clocks are computed, however many are open.
    const at = Math.max(1, Math.min(1_000_000, Math.floor(Number(c.req.query('page')) || 1)))
    const list = await source.organRequests(who.organ, asOf, {
      limit: OFFICER_PAGE,
      offset: (at - 1) * OFFICER_PAGE,
    })
    return page(
      c,
      <OfficerRequestsPage
        organ={organ}
        items={list.items}
        total={list.total}
        page={at}
        pageSize={OFFICER_PAGE}
        asOf={asOf}
        today={now().toISOString().slice(0, 10)}
        csrf={who.session.csrf}
      />
    )
  })

  app.get('/officer/requests/:id', async (c) => {
    const who = await officer(c)
    if (who.refused) return who.refused
    const id = c.req.param('id')
    const asOf = asOfQuery(c)
    // Another organ's request is absent to this officer, exactly like one that does not exist.
    const request = await source.organRequest(who.organ, id, asOf)
    if (!request) return notFound(c, `申请“${id}”`)
    return page(c, <CasePage request={request} asOf={asOf ?? now().toISOString().slice(0, 10)} />)
  })

  app.get('/annual-reports/:year/:organ', async (c) => {
    const year = c.req.param('year')
    const organ = c.req.param('organ')
    if (!/^\d{4}$/.test(year)) return notFound(c, `${year}年度报告`)
    const report = await source.annualReport(Number(year), organ)
    if (!report) return notFound(c, `“${organ}”的${year}年度报告`)
    try {
      c.header('cache-control', 'no-cache')
      return c.html(renderAnnualReportHtml(report))
    } catch (err) {
      // A report that fails its own arithmetic is never shown as if it were right.
      if (err instanceof ReportCheckError)
        return c.html(`<!doctype html><p>年度报告数据校验未通过：${err.cell}</p>`, 500)
      throw err
    }
  })
}
