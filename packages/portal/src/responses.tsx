import type { Context } from 'hono'
import { Layout } from './layout.js'
import type { FormValues } from './record-form-model.js'
import { type SiteIdentity, SiteProvider } from './site.js'

/** Context variable under which the portal app keeps the site identity for {@link page}. */
export const SITE_VARIABLE = 'gongkaiPortalSite'

/** The site identity the portal app put on the request (none outside it). */
const siteOf = (c: Context): SiteIdentity =>
  ((c.get as (key: string) => unknown)(SITE_VARIABLE) as SiteIdentity | undefined) ?? {}

/** A query or form value trimmed and cut to `max` characters ('' when absent). */
export const text = (v: string | undefined, max = 200) => (v ?? '').trim().slice(0, max)

/** Answers a rendered page: a doctype, revalidated on every visit (pages show live data). */
export function page(c: Context, node: unknown, status: 200 | 400 | 403 | 404 | 422 | 500 = 200) {
  c.header('cache-control', 'no-cache')
  return c.html(renderPage(node, siteOf(c)), status)
}

/** A page's HTML with its doctype, the layout showing `site`'s identity. */
function renderPage(node: unknown, site: SiteIdentity): string {
  return `<!doctype html>${String(<SiteProvider value={site}>{node as never}</SiteProvider>)}`
}

/**
 * The HTML of the 404 or 500 page in the portal's layout, for a host app's own not-found and error
 * handlers (outside its API, which answers JSON).
 * @example c.html(errorPageHtml(404, site, c.req.path), 404)
 */
export function errorPageHtml(status: 404 | 500, site: SiteIdentity, path?: string): string {
  const title = status === 404 ? '页面不存在' : '服务暂时出错'
  return renderPage(
    <Layout
      title={title}
      description={status === 404 ? '您访问的页面不存在。' : '服务暂时出错，请稍后再试。'}
      crumbs={[{ label: '首页', href: '/' }, { label: title }]}
    >
      {status === 404 ? (
        <p>{`没有找到页面${path ? `“${path.slice(0, 200)}”` : ''}。地址可能有误，或页面已移动。`}</p>
      ) : (
        <p>服务暂时出错，错误已记录。请稍后再试；问题持续时请通过页脚的联系方式告诉我们。</p>
      )}
      <ul>
        <li>
          <a href="/">返回首页</a>
        </li>
        <li>
          <a href="/xxgk">政府信息公开</a>
        </li>
        <li>
          <a href="/catalogues">标准目录</a>
        </li>
      </ul>
    </Layout>,
    site
  )
}

/** The HTML 404 page, naming what was not found. */
export function notFound(c: Context, what: string) {
  return page(
    c,
    <Layout title="页面不存在" crumbs={[{ label: '首页', href: '/' }, { label: '页面不存在' }]}>
      <p>{`没有找到${what}。`}</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </Layout>,
    404
  )
}

/** The HTML 403 page, saying why, with a way back to the login. */
export function forbidden(c: Context, why: string) {
  return page(
    c,
    <Layout title="无法完成操作" crumbs={[{ label: '首页', href: '/' }, { label: '无法完成操作' }]}>
      <p>{why}</p>
      <p>
        <a href="/committees/login">重新登录</a>
      </p>
    </Layout>,
    403
  )
}

/** The string fields of a posted form (files are ignored: no page takes one). */
export async function formValues(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody()
  const out: FormValues = {}
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
  return out
}
