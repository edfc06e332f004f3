import type { Child } from 'hono/jsx'
import { portalCssHash } from './assets/portal-css.js'
import { psbCode, siteName, useSite } from './site.js'

/** One step of the breadcrumb trail; the last one is the current page and has no link. */
interface Crumb {
  label: string
  href?: string
}

/** Props of the shared page layout. */
export interface LayoutProps {
  /** Page title; becomes the single <h1> unless `heading` is given, and the <title> prefix. */
  title: string
  /** The page's meta description (search results show it); derived from the title when absent. */
  description?: string
  heading?: Child
  crumbs?: Crumb[]
  /** Top navigation item to mark with aria-current. */
  section?:
    | 'home'
    | 'xxgk'
    | 'catalogues'
    | 'documents'
    | 'datasets'
    | 'reports'
    | 'committees'
    | 'requests'
  /** Value to keep in the site search box. */
  query?: string
  /** Extra <head> content (e.g. JSON-LD). */
  head?: Child
  children?: Child
}

const NAV: { key: LayoutProps['section']; href: string; label: string }[] = [
  { key: 'home', href: '/', label: '首页' },
  { key: 'xxgk', href: '/xxgk', label: '政府信息公开' },
  { key: 'catalogues', href: '/catalogues', label: '标准目录' },
  { key: 'documents', href: '/documents', label: '政府文件库' },
  { key: 'datasets', href: '/datasets', label: '开放数据' },
  { key: 'reports', href: '/reports', label: '公开情况报告' },
  { key: 'committees', href: '/committees', label: '居务公开' },
  { key: 'requests', href: '/ysqgk', label: '依申请公开' },
]

/** The CSS URL, versioned by content hash so it can be cached for a year. */
export const CSS_HREF = `/assets/portal.css?v=${portalCssHash}`

/** The favicon's URL (an SVG; `/favicon.ico` answers too, for clients that ask for it). */
const FAVICON_HREF = '/assets/favicon.svg'

/**
 * The shared page: lang, skip link, landmarks, one h1, breadcrumb, the site search form, and the
 * site's identity (config `site`: the government's name in the header; the organ, its contact data
 * and the filing numbers in the footer).
 */
export function Layout(props: LayoutProps) {
  const site = useSite()
  const name = siteName(site)
  const description =
    props.description ??
    `${props.title}：${site.governmentName ?? ''}政务公开，按标准目录一键查阅已公开的政府信息，依法申请公开，下载开放数据。`
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${site.governmentName ? `${name}政务公开` : name}`}</title>
        <meta name="description" content={description} />
        <link rel="icon" href={FAVICON_HREF} type="image/svg+xml" />
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
              {site.governmentName ? (
                <>
                  {site.governmentName}
                  <span class="brand-sub">政务公开</span>
                </>
              ) : (
                name
              )}
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
            <SiteFooter />
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

/** The footer's identity block: who runs the site, how to reach them, and its filing numbers. */
function SiteFooter() {
  const site = useSite()
  const organ = site.organ
  const contact = organ
    ? [
        organ.address ? `地址：${organ.address}` : '',
        organ.phone ? `电话：${organ.phone}` : '',
        organ.officeHours ? `办公时间：${organ.officeHours}` : '',
      ].filter(Boolean)
    : []
  const code = site.psb ? psbCode(site.psb) : undefined
  if (!site.governmentName && !organ && !site.websiteCode && !site.icp && !site.psb) return null
  return (
    <div class="footer-identity">
      <p>
        {site.governmentName ? <strong>{site.governmentName}</strong> : null}
        {organ ? `　主办：${organ.name}` : null}
      </p>
      {contact.length > 0 || organ?.email ? (
        <p>
          {contact.join('　')}
          {organ?.email ? (
            <>
              {contact.length > 0 ? '　' : ''}
              {'电子邮箱：'}
              <a href={`mailto:${organ.email}`}>{organ.email}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <p>
        {site.websiteCode ? `网站标识码：${site.websiteCode}` : null}
        {site.icp ? (
          <>
            {site.websiteCode ? '　' : ''}
            <a href="https://beian.miit.gov.cn/">{site.icp}</a>
          </>
        ) : null}
        {site.psb ? (
          <>
            {site.websiteCode || site.icp ? '　' : ''}
            <a
              href={
                code
                  ? `https://beian.mps.gov.cn/#/query/webSearch?code=${code}`
                  : 'https://beian.mps.gov.cn/'
              }
            >
              {site.psb}
            </a>
          </>
        ) : null}
      </p>
    </div>
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
