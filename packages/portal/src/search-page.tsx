import { raw } from 'hono/html'
import { label } from './labels.js'
import { Empty, Layout } from './layout.js'
import type { SearchHitView, SearchPageView } from './portal-source.js'
import { SafeLink } from './safe-link.js'

/** The search parameters the page keeps in its links (the API's, without `limit`). */
export const SEARCH_PARAMS = ['q', 'type', 'field', 'organ', 'year', 'cursor'] as const

const TYPE_LABELS: Record<string, string> = {
  entry: '目录事项',
  document: '政府文件',
  dataset: '开放数据',
  answer: '公开答复',
}

const FACETS: { key: 'type' | 'field' | 'organ' | 'year'; title: string }[] = [
  { key: 'type', title: '类型' },
  { key: 'field', title: '领域' },
  { key: 'organ', title: '发布机构' },
  { key: 'year', title: '年份' },
]

const facetLabel = (key: string, value: string) =>
  key === 'type'
    ? (TYPE_LABELS[value] ?? value)
    : key === 'field'
      ? label('fields', value)
      : key === 'year'
        ? `${value} 年`
        : value

/** `/search?…` with these parameters (a new filter drops the cursor: it starts again at page 1). */
function href(params: Record<string, string>, change: Record<string, string | undefined>) {
  const next = new URLSearchParams()
  for (const k of SEARCH_PARAMS) {
    const v = k in change ? change[k] : k === 'cursor' ? undefined : params[k]
    if (v) next.set(k, v)
  }
  return `/search?${next}`
}

function Hit(props: { hit: SearchHitView }) {
  const { hit } = props
  const title = hit.highlights.find((h) => h.field === 'title')
  const others = hit.highlights.filter((h) => h.field !== 'title').slice(0, 2)
  // Fragments are escaped text with <mark> only (made by @gongkai/search), so they go in as HTML.
  const name = title ? raw(title.fragments[0] ?? '') : hit.title
  return (
    <li>
      <span class="tag">{TYPE_LABELS[hit.type] ?? hit.type}</span>{' '}
      {hit.type === 'document' ? (
        <SafeLink href={hit.url}>{name}</SafeLink>
      ) : (
        <a href={hit.url}>{name}</a>
      )}
      {others.map((h) => (
        <div class="muted">{raw(h.fragments.join(' '))}</div>
      ))}
    </li>
  )
}

/** `/search`: ranked results with highlighted matches, facets, "did you mean" and paging. */
export function SearchPage(props: {
  params: Record<string, string>
  page?: SearchPageView
  error?: string
}) {
  const { params, page } = props
  const q = params.q ?? ''
  return (
    <Layout
      title={q ? `搜索“${q}”` : '搜索'}
      query={q}
      crumbs={[{ label: '首页', href: '/' }, { label: '搜索' }]}
    >
      {props.error ? (
        <p role="alert" class="error">
          {props.error}
        </p>
      ) : null}
      {!page ? (
        <p>请输入要查找的事项、文件或数据的关键词，例如：低保、怎么申请低保、示民〔2021〕12号。</p>
      ) : (
        <div class="search-results">
          {page.didYouMean ? (
            <p role="status">
              {'您是不是要找：'}
              <a href={href({ q: page.didYouMean }, {})}>{page.didYouMean}</a>
            </p>
          ) : null}
          <p aria-live="polite">{`共 ${page.total} 条结果`}</p>
          <nav aria-label="筛选搜索结果" class="facets">
            {FACETS.map(({ key, title }) =>
              page.facets[key].length === 0 && !params[key] ? null : (
                <section aria-labelledby={`facet-${key}`}>
                  <h2 id={`facet-${key}`}>{title}</h2>
                  <ul>
                    {params[key] ? (
                      <li>
                        <a href={href(params, { [key]: undefined })}>{`全部${title}`}</a>
                      </li>
                    ) : null}
                    {page.facets[key].slice(0, 12).map((f) => (
                      <li>
                        <a
                          href={href(params, { [key]: f.value })}
                          aria-current={params[key] === f.value ? 'true' : undefined}
                        >
                          {`${facetLabel(key, f.value)}（${f.count}）`}
                        </a>
                      </li>
                    ))}
                  </ul>
                </section>
              )
            )}
          </nav>
          <h2 id="results">搜索结果</h2>
          {page.items.length === 0 ? (
            <Empty>
              没有找到相关的事项、文件或数据。换个说法试试，例如用“低保”代替“最低生活保障金”。
            </Empty>
          ) : (
            <ol class="cards" aria-labelledby="results">
              {page.items.map((hit) => (
                <Hit hit={hit} />
              ))}
            </ol>
          )}
          {page.next ? (
            <p>
              <a href={href(params, { cursor: page.next })} rel="next">
                下一页
              </a>
            </p>
          ) : null}
        </div>
      )}
    </Layout>
  )
}
