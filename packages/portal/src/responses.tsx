import type { Context } from 'hono'
import { Layout } from './layout.js'
import type { FormValues } from './record-form-model.js'

/** A query or form value trimmed and cut to `max` characters ('' when absent). */
export const text = (v: string | undefined, max = 200) => (v ?? '').trim().slice(0, max)

/** Answers a rendered page: a doctype, revalidated on every visit (pages show live data). */
export function page(c: Context, node: unknown, status: 200 | 400 | 403 | 404 | 422 = 200) {
  c.header('cache-control', 'no-cache')
  return c.html(`<!doctype html>${String(node)}`, status)
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
