import type { ContentItem } from '@gongkai/schema'
import { label } from './labels.js'
import { Empty, Layout } from './layout.js'
import { Pager } from './pager.js'
import { documentPath } from './participation-labels.js'
import { SafeLink } from './safe-link.js'

/** Filters of the document library. */
export interface DocumentFilter {
  issuer?: string
  year?: string
  topic?: string
  kind?: string
  validity?: string
}

/** A policy with the interpretations that explain it (集中展示、一键通查). */
export interface PolicyGroup {
  item: ContentItem
  interpretations: ContentItem[]
}

const VALIDITY_ORDER: Record<string, number> = { current: 0, amended: 1, repealed: 2 }

/**
 * Filters the library, sorts 现行有效 first then newest, and pairs each document with the
 * interpretations whose `interprets` names its URL or 发文字号. Interpretations shown beside their
 * policy are not listed again on their own.
 */
function groupDocuments(items: readonly ContentItem[], f: DocumentFilter): PolicyGroup[] {
  const match = (d: ContentItem) =>
    (!f.issuer || d.issuer === f.issuer) &&
    (!f.year || (d.publishedAt ?? d.formedAt ?? '').startsWith(f.year)) &&
    (!f.topic || d.topic === f.topic) &&
    (!f.kind || d.kind === f.kind) &&
    (!f.validity || d.validity === f.validity)
  const interpretsOf = new Map<string, ContentItem[]>()
  for (const d of items) {
    if (d.kind !== 'interpretation') continue
    for (const ref of d.interprets ?? [])
      interpretsOf.set(ref, [...(interpretsOf.get(ref) ?? []), d])
  }
  const shownBeside = new Set<string>()
  const groups: PolicyGroup[] = []
  for (const d of items.filter(match)) {
    if (d.kind === 'interpretation') continue
    const interpretations = [
      ...(interpretsOf.get(d.url) ?? []),
      ...(d.docNo ? (interpretsOf.get(d.docNo) ?? []) : []),
    ].filter((x, i, all) => all.indexOf(x) === i)
    for (const x of interpretations) shownBeside.add(x.url)
    groups.push({ item: d, interpretations })
  }
  if (!f.kind || f.kind === 'interpretation') {
    for (const d of items.filter(match)) {
      if (d.kind === 'interpretation' && !shownBeside.has(d.url))
        groups.push({ item: d, interpretations: [] })
    }
  }
  return groups.sort(
    (a, b) =>
      (VALIDITY_ORDER[a.item.validity ?? 'current'] ?? 0) -
        (VALIDITY_ORDER[b.item.validity ?? 'current'] ?? 0) ||
      (b.item.publishedAt ?? '').localeCompare(a.item.publishedAt ?? '')
  )
}

function Doc(props: { d: ContentItem }) {
  const d = props.d
  return (
    <>
      <h3>
        <SafeLink href={d.url}>{d.title}</SafeLink>
      </h3>
      <p class="muted">
        {[
          d.issuer,
          d.docNo,
          d.publishedAt ? `发布于 ${d.publishedAt}` : '',
          d.kind ? label('content-kinds', d.kind) : '',
          d.validity ? label('validity', d.validity) : '',
        ]
          .filter(Boolean)
          .join(' · ')}{' '}
        <a href={documentPath(d.url)}>
          索引信息<span class="sr-only">：{d.title}</span>
        </a>
      </p>
    </>
  )
}

function Select(props: { id: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id.replace(/^d-/, '')}>
        <option value="">全部</option>
        {props.options.map(([v, l]) => (
          <option value={v} selected={props.value === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Page size of the document library. */
const DOCUMENTS_PAGE = 30

/** `/documents`: the 政府文件库 with filters and policies beside their interpretations. */
export function DocumentsPage(props: {
  items: ContentItem[]
  filter: DocumentFilter
  page: number
}) {
  const items = props.items
  const uniq = (xs: (string | undefined)[]) =>
    [...new Set(xs.filter((x): x is string => !!x))].sort()
  const groups = groupDocuments(items, props.filter)
  const pages = Math.max(1, Math.ceil(groups.length / DOCUMENTS_PAGE))
  const page = Math.min(Math.max(props.page, 1), pages)
  const shown = groups.slice((page - 1) * DOCUMENTS_PAGE, page * DOCUMENTS_PAGE)
  const query = (p: number) => {
    const q = new URLSearchParams(
      Object.entries(props.filter).filter((e): e is [string, string] => !!e[1])
    )
    q.set('page', String(p))
    return `/documents?${q}`
  }
  return (
    <Layout
      title="政府文件库"
      section="documents"
      crumbs={[{ label: '首页', href: '/' }, { label: '政府文件库' }]}
    >
      <p class="lead">
        已导入的政策文件、规范性文件和政策解读，现行有效的排在前面；政策与其解读并列展示。
      </p>
      <form method="get" action="/documents" class="filters" aria-label="筛选文件">
        <Select
          id="d-issuer"
          label="发布机构"
          value={props.filter.issuer}
          options={uniq(items.map((d) => d.issuer)).map((v) => [v, v])}
        />
        <Select
          id="d-year"
          label="年份"
          value={props.filter.year}
          options={uniq(items.map((d) => (d.publishedAt ?? d.formedAt)?.slice(0, 4)))
            .reverse()
            .map((v) => [v, `${v}年`])}
        />
        <Select
          id="d-topic"
          label="主题（一类事）"
          value={props.filter.topic}
          options={uniq(items.map((d) => d.topic)).map((v) => [v, v])}
        />
        <Select
          id="d-kind"
          label="文件类型"
          value={props.filter.kind}
          options={uniq(items.map((d) => d.kind)).map((v) => [v, label('content-kinds', v)])}
        />
        <Select
          id="d-validity"
          label="有效性"
          value={props.filter.validity}
          options={['current', 'amended', 'repealed'].map((v) => [v, label('validity', v)])}
        />
        <button type="submit">筛选</button>
      </form>
      <h2>文件列表</h2>
      <p role="status">{`共 ${groups.length} 份文件，第 ${page}/${pages} 页`}</p>
      {shown.length === 0 ? (
        <Empty>没有符合条件的文件。</Empty>
      ) : (
        <ul class="cards">
          {shown.map((g) => (
            <li>
              {g.interpretations.length === 0 ? (
                <Doc d={g.item} />
              ) : (
                <div class="pair">
                  <section aria-label="政策文件">
                    <Doc d={g.item} />
                  </section>
                  <section aria-label="政策解读">
                    <p>
                      <strong>政策解读</strong>
                    </p>
                    {g.interpretations.map((x) => (
                      <Doc d={x} />
                    ))}
                  </section>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} href={query} />
    </Layout>
  )
}
