import type { Child } from 'hono/jsx'
import { portalCssHash } from './assets/portal-css.js'

/** One step of the breadcrumb trail; the last one is the current page and has no link. */
interface Crumb {
  label: string
  href?: string
}

/** Props of the shared page layout. */
export interface LayoutProps {
  /** Page title; becomes the single <h1> unless `heading` is given, and the <title> prefix. */
  title: string
  heading?: Child
  crumbs?: Crumb[]
  /** Top navigation item to mark with aria-current. */
  section?: 'home' | 'catalogues' | 'documents' | 'datasets' | 'reports' | 'committees' | 'requests'
  /** Value to keep in the site search box. */
  query?: string
  /** Extra <head> content (e.g. JSON-LD). */
  head?: Child
  children?: Child
}

const NAV: { key: LayoutProps['section']; href: string; label: string }[] = [
  { key: 'home', href: '/', label: '首页' },
  { key: 'catalogues', href: '/catalogues', label: '标准目录' },
  { key: 'documents', href: '/documents', label: '政府文件库' },
  { key: 'datasets', href: '/datasets', label: '开放数据' },
  { key: 'reports', href: '/reports', label: '公开情况报告' },
  { key: 'committees', href: '/committees', label: '居务公开' },
  { key: 'requests', href: '/ysqgk', label: '依申请公开' },
]

/** The CSS URL, versioned by content hash so it can be cached for a year. */
export const CSS_HREF = `/assets/portal.css?v=${portalCssHash}`

/** The shared page: lang, skip link, landmarks, one h1, breadcrumb and the site search form. */
export function Layout(props: LayoutProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - 政务公开`}</title>
        <link rel="stylesheet" href={CSS_HREF} />
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          跳到主要内容
        </a>
        <header class="site-header">
          <div class="header-inner">
            <a class="brand" href="/">
              政务公开
            </a>
            <nav class="site-nav" aria-label="主导航">
              <ul>
                {NAV.map((n) => (
                  <li>
                    <a href={n.href} aria-current={props.section === n.key ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <search class="site-search" aria-label="全站搜索">
              <form action="/search" method="get">
                <label for="site-q">搜索</label>{' '}
                <input
                  id="site-q"
                  name="q"
                  type="search"
                  value={props.query ?? ''}
                  placeholder="目录、文件、数据"
                />{' '}
                <button type="submit" class="secondary">
                  搜索
                </button>
              </form>
            </search>
          </div>
        </header>
        {props.crumbs && props.crumbs.length > 0 ? (
          <nav class="crumbs" aria-label="面包屑">
            <ol>
              {props.crumbs.map((c) => (
                <li>
                  {c.href ? (
                    <a href={c.href}>{c.label}</a>
                  ) : (
                    <span aria-current="page">{c.label}</span>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <main id="main" class="site-main" tabindex={-1}>
          <h1>{props.heading ?? props.title}</h1>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="footer-inner">
            <p>
              本站页面无需脚本即可使用，支持键盘操作和放大至 200%。数据接口见{' '}
              <a href="/openapi.json">OpenAPI 说明</a>，开放数据目录见{' '}
              <a href="/catalog.jsonld">DCAT 目录</a>。
            </p>
          </div>
        </footer>
      </body>
    </html>
  )
}

/** A scroll container for a wide table: focusable and named so keyboard users can scroll it. */
export function TableRegion(props: { labelledBy: string; children?: Child }) {
  return (
    <section class="table-wrap" tabindex={0} aria-labelledby={props.labelledBy}>
      {props.children}
    </section>
  )
}

/** An honest empty state. */
export function Empty(props: { children?: Child }) {
  return <p class="notice">{props.children ?? '暂无数据'}</p>
}
