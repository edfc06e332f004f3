import type { Catalogue, CatalogueEntry, ContentItem, Dataset } from '@gongkai/schema'
import { catalogueGroup, TemplateBadge } from './catalogue-pages.js'
import { label } from './labels.js'
import { Empty, Layout } from './layout.js'
import { SafeLink } from './safe-link.js'

/** `/`: search box and the fields as a grid. */
export function HomePage(props: { catalogues: Catalogue[]; documents: number; datasets: number }) {
  const standard = props.catalogues.filter((c) => c.kind === 'standard')
  const others = props.catalogues.filter((c) => c.kind !== 'standard' && !c.template)
  const templates = props.catalogues.filter((c) => c.kind !== 'standard' && c.template)
  return (
    <Layout
      title="政务公开标准目录与开放数据"
      section="home"
      description="按领域查阅政务公开标准目录，从目录事项一键查阅已公开的政策文件、公示公告和开放数据；政府信息公开指南、年报和依申请公开。"
    >
      <p class="lead">
        按领域查阅政务公开标准目录，从目录事项一键查阅已公开的政策文件、公示公告和开放数据。
      </p>
      <form method="get" action="/search" class="filters" aria-label="搜索目录、文件和数据">
        <div class="field">
          <label for="home-q">搜索目录事项、政府文件和开放数据</label>
          <input
            id="home-q"
            name="q"
            type="search"
            size={28}
            placeholder="例如：低保、工作经费、预算"
          />
        </div>
        <button type="submit">搜索</button>
      </form>
      <h2>按领域查阅</h2>
      {standard.length === 0 ? (
        <Empty>标准目录暂未加载，暂无数据。</Empty>
      ) : (
        <ul class="grid">
          {standard.map((c) => (
            <li>
              <a href={`/catalogues/${encodeURIComponent(c.id)}`}>{catalogueGroup(c)}</a>
              <div class="muted">{`${c.entries.length} 个公开事项`}</div>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 ? (
        <>
          <h2>居务公开与公共企事业单位</h2>
          <ul class="grid">
            {others.map((c) => (
              <li>
                <a href={`/catalogues/${encodeURIComponent(c.id)}`}>{c.title}</a>
                <div class="muted">{`${catalogueGroup(c)}，${c.entries.length} 个事项`}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {templates.length > 0 ? (
        <>
          <h2>目录模板</h2>
          <ul class="grid">
            {templates.map((c) => (
              <li>
                <a href={`/catalogues/${encodeURIComponent(c.id)}`}>{c.title}</a> <TemplateBadge />
                <div class="muted">{`${catalogueGroup(c)}，${c.entries.length} 个事项`}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>更多</h2>
      <ul>
        <li>
          <a href="/xxgk">政府信息公开</a>（指南、制度、法定主动公开内容、年报、依申请公开）
        </li>
        <li>
          <a href="/documents">政府文件库</a>
          {`（${props.documents} 份文件）`}
        </li>
        <li>
          <a href="/datasets">开放数据</a>
          {`（${props.datasets} 个数据集）`}
        </li>
        <li>
          <a href="/reports">公开情况报告（覆盖率与及时率）</a>
        </li>
        <li>
          <a href="/committees">居务公开（居委会登录与公示）</a>
        </li>
      </ul>
    </Layout>
  )
}

/** One catalogue entry found by search. */
export interface EntryHit {
  catalogue: Catalogue
  entry: CatalogueEntry
}

/** Finds entries whose items or content elements contain the query. */
export function searchEntries(catalogues: readonly Catalogue[], q: string, limit = 50): EntryHit[] {
  const out: EntryHit[] = []
  for (const c of catalogues) {
    for (const e of c.entries) {
      const text = [e.item.level1, e.item.level2, e.item.level3, ...e.contentElements].join(' ')
      if (text.includes(q)) out.push({ catalogue: c, entry: e })
      if (out.length >= limit) return out
    }
  }
  return out
}

/** Finds datasets whose title, description or keywords contain the query. */
export function searchDatasets(datasets: readonly Dataset[], q: string): Dataset[] {
  return datasets.filter((d) =>
    [d.title, d.description, ...(d.keywords ?? [])].some((t) => t.includes(q))
  )
}

/** `/search?q=`: entries, documents and datasets matching the query. */
export function SearchPage(props: {
  q: string
  entries: EntryHit[]
  documents: ContentItem[]
  datasets: Dataset[]
}) {
  const { q } = props
  return (
    <Layout
      title={q ? `搜索“${q}”` : '搜索'}
      query={q}
      crumbs={[{ label: '首页', href: '/' }, { label: '搜索' }]}
    >
      {q === '' ? (
        <p>请输入要查找的事项、文件或数据的关键词。</p>
      ) : (
        <>
          <h2>{`目录事项（${props.entries.length}）`}</h2>
          {props.entries.length === 0 ? (
            <Empty>没有找到相关的目录事项。</Empty>
          ) : (
            <ul class="cards">
              {props.entries.map((h) => (
                <li>
                  <a
                    href={`/catalogues/${encodeURIComponent(h.catalogue.id)}/entries/${encodeURIComponent(h.entry.id)}`}
                  >
                    {[h.entry.item.level1, h.entry.item.level2].filter(Boolean).join(' · ')}
                  </a>
                  <div class="muted">{h.catalogue.title}</div>
                </li>
              ))}
            </ul>
          )}
          <h2>{`政府文件（${props.documents.length}）`}</h2>
          {props.documents.length === 0 ? (
            <Empty>没有找到相关的文件。</Empty>
          ) : (
            <ul class="cards">
              {props.documents.map((d) => (
                <li>
                  <SafeLink href={d.url}>{d.title}</SafeLink>
                  <div class="muted">
                    {[d.issuer, d.docNo, d.publishedAt].filter(Boolean).join(' · ')}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <h2>{`开放数据（${props.datasets.length}）`}</h2>
          {props.datasets.length === 0 ? (
            <Empty>没有找到相关的数据集。</Empty>
          ) : (
            <ul class="cards">
              {props.datasets.map((d) => (
                <li>
                  <a href={`/datasets/${encodeURIComponent(d.id)}`}>{d.title}</a>
                  <div class="muted">{`${d.publisher.name} · ${label('openness-classes', d.openness)}`}</div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Layout>
  )
}
