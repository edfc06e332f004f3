import type { Dataset } from '@gongkai/schema'
import { raw } from 'hono/html'
import { label } from './labels.js'
import { Empty, Layout, TableRegion } from './layout.js'
import type { DatasetVersion, Facet, RowPage } from './portal-source.js'
import { SafeLink } from './safe-link.js'

/** Dataset filters (GET parameters of `/datasets`). */
export interface DatasetFilter {
  q?: string
  field?: string
  publisher?: string
  openness?: string
  tag?: string
}

/** Keeps the datasets matching every given filter. */
export function filterDatasets(datasets: readonly Dataset[], f: DatasetFilter): Dataset[] {
  const q = f.q?.trim()
  return datasets.filter(
    (d) =>
      (!q || [d.title, d.description, ...(d.keywords ?? [])].some((t) => t.includes(q))) &&
      (!f.field || d.field === f.field) &&
      (!f.publisher || d.publisher.id === f.publisher) &&
      (!f.openness || d.openness === f.openness) &&
      (!f.tag || (d.keywords ?? []).includes(f.tag))
  )
}

/** Facet counts over the given datasets (field, publisher, openness, tag). */
export function datasetFacets(datasets: readonly Dataset[]): Facet[] {
  const count = (
    name: string,
    title: string,
    values: (d: Dataset) => { value: string; label: string }[]
  ): Facet => {
    const m = new Map<string, { value: string; label: string; count: number }>()
    for (const d of datasets) {
      for (const v of values(d)) {
        const cur = m.get(v.value) ?? { ...v, count: 0 }
        cur.count++
        m.set(v.value, cur)
      }
    }
    return { name, label: title, values: [...m.values()].sort((a, b) => b.count - a.count) }
  }
  return [
    count('field', '领域', (d) =>
      d.field ? [{ value: d.field, label: label('fields', d.field) }] : []
    ),
    count('publisher', '发布机构', (d) => [{ value: d.publisher.id, label: d.publisher.name }]),
    count('openness', '开放类型', (d) => [
      { value: d.openness, label: label('openness-classes', d.openness) },
    ]),
    count('tag', '标签', (d) => (d.keywords ?? []).map((k) => ({ value: k, label: k }))),
  ]
}

function withParam(f: DatasetFilter, name: string, value: string | undefined): string {
  const q = new URLSearchParams(
    Object.entries({ ...f, [name]: value }).filter((e): e is [string, string] => !!e[1])
  )
  const s = q.toString()
  return s ? `/datasets?${s}` : '/datasets'
}

/** `/datasets`: the dataset list with facet links and a search form. */
export function DatasetsPage(props: { datasets: Dataset[]; filter: DatasetFilter }) {
  const shown = filterDatasets(props.datasets, props.filter)
  const facets = datasetFacets(shown)
  const f = props.filter
  return (
    <Layout
      title="开放数据"
      section="datasets"
      crumbs={[{ label: '首页', href: '/' }, { label: '开放数据' }]}
    >
      <div class="layout-facets">
        <aside class="facets" aria-labelledby="facets-title">
          <h2 id="facets-title">筛选</h2>
          {facets.map((facet) =>
            facet.values.length === 0 ? null : (
              <nav aria-label={`按${facet.label}筛选`}>
                <h3>{facet.label}</h3>
                <ul>
                  {facet.values.map((v) => {
                    const active = (f as Record<string, string | undefined>)[facet.name] === v.value
                    return (
                      <li>
                        <a
                          href={withParam(f, facet.name, active ? undefined : v.value)}
                          aria-current={active ? 'true' : undefined}
                        >
                          {active ? `✓ ${v.label}（取消）` : v.label}
                        </a>{' '}
                        <span class="muted">{`(${v.count})`}</span>
                      </li>
                    )
                  })}
                </ul>
              </nav>
            )
          )}
        </aside>
        <div>
          <form method="get" action="/datasets" class="filters" aria-label="搜索数据集">
            {Object.entries(f)
              .filter(([k, v]) => k !== 'q' && v)
              .map(([k, v]) => (
                <input type="hidden" name={k} value={v} />
              ))}
            <div class="field">
              <label for="ds-q">搜索数据集</label>
              <input id="ds-q" name="q" type="search" value={f.q ?? ''} size={18} />
            </div>
            <button type="submit">搜索</button>
          </form>
          <h2 id="results-title">{`共 ${shown.length} 个数据集`}</h2>
          {shown.length === 0 ? (
            <Empty>没有符合条件的数据集。</Empty>
          ) : (
            <ul class="cards">
              {shown.map((d) => (
                <li>
                  <h3>
                    <a href={`/datasets/${encodeURIComponent(d.id)}`}>{d.title}</a>
                  </h3>
                  <p>{d.description}</p>
                  <p class="muted">
                    {[
                      d.publisher.name,
                      label('openness-classes', d.openness),
                      d.modified ? `更新于 ${d.modified}` : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Layout>
  )
}

/** Page size of the row preview. */
export const PREVIEW_ROWS = 20

const FORMATS: { ext: string; label: string }[] = [
  { ext: 'csv', label: 'CSV' },
  { ext: 'json', label: 'JSON' },
  { ext: 'ndjson', label: 'NDJSON' },
  { ext: 'jsonld', label: 'JSON-LD（DCAT）' },
  { ext: 'ttl', label: 'Turtle（RDF）' },
]

const TYPE_LABEL: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数值',
  boolean: '是/否',
  date: '日期',
  datetime: '日期时间',
  year: '年份',
  geopoint: '经纬度',
}

/** Props of the dataset page. */
export interface DatasetPageProps {
  dataset: Dataset
  baseUrl: string
  rows?: RowPage
  page: number
  versions: DatasetVersion[]
  jsonLd?: unknown
}

/** `/datasets/:id`: description, data dictionary, paged preview, downloads, curl, versions. */
export function DatasetPage(props: DatasetPageProps) {
  const d = props.dataset
  const id = encodeURIComponent(d.id)
  const fields = d.tableSchema?.fields ?? []
  const pages = props.rows ? Math.max(1, Math.ceil(props.rows.total / PREVIEW_ROWS)) : 1
  // JSON in a <script> must not be able to close it: escape '<' as \u003c.
  const jsonLd = props.jsonLd
    ? raw(
        `<script type="application/ld+json">${JSON.stringify(props.jsonLd).replace(/</g, '\\u003c')}</script>`
      )
    : null
  return (
    <Layout
      title={d.title}
      section="datasets"
      head={jsonLd}
      crumbs={[
        { label: '首页', href: '/' },
        { label: '开放数据', href: '/datasets' },
        { label: d.title },
      ]}
    >
      <p class="lead">{d.description}</p>
      <dl class="props">
        <dt>发布机构</dt>
        <dd>{d.publisher.name}</dd>
        <dt>开放类型</dt>
        <dd>
          {label('openness-classes', d.openness)}
          {d.accessConditions ? `（${d.accessConditions}）` : ''}
        </dd>
        {d.field ? (
          <>
            <dt>领域</dt>
            <dd>{label('fields', d.field)}</dd>
          </>
        ) : null}
        {d.updateFrequency ? (
          <>
            <dt>更新频率</dt>
            <dd>{d.updateFrequency}</dd>
          </>
        ) : null}
        {d.modified ? (
          <>
            <dt>最近更新</dt>
            <dd>{d.modified}</dd>
          </>
        ) : null}
        <dt>许可协议</dt>
        <dd>{d.license ? <SafeLink href={d.license}>{d.license}</SafeLink> : '未注明'}</dd>
        {d.keywords && d.keywords.length > 0 ? (
          <>
            <dt>标签</dt>
            <dd>{d.keywords.join('、')}</dd>
          </>
        ) : null}
      </dl>

      <h2>下载</h2>
      <ul>
        {FORMATS.map((f) => (
          <li>
            <a href={`/datasets/${id}.${f.ext}`} download>{`下载 ${f.label}`}</a>
          </li>
        ))}
        <li>
          <a href={`/datasets/${id}.csv-metadata.json`}>CSVW 表格元数据</a>
        </li>
      </ul>

      <h2 id="dict-caption">数据字典</h2>
      {fields.length === 0 ? (
        <Empty>暂无表结构。</Empty>
      ) : (
        <TableRegion labelledBy="dict-caption">
          <table>
            <thead>
              <tr>
                <th scope="col">字段名</th>
                <th scope="col">中文名</th>
                <th scope="col">类型</th>
                <th scope="col">约束</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => {
                const c = f.constraints ?? {}
                const rules = [
                  c.required ? '必填' : '',
                  c.unique ? '唯一' : '',
                  c.minimum !== undefined ? `≥ ${c.minimum}` : '',
                  c.maximum !== undefined ? `≤ ${c.maximum}` : '',
                  c.maxLength !== undefined ? `最长 ${c.maxLength} 字` : '',
                  c.enum ? `取值：${c.enum.join('、')}` : '',
                  f.mask ? '已脱敏' : '',
                ].filter(Boolean)
                return (
                  <tr>
                    <th scope="row">
                      <code>{f.name}</code>
                    </th>
                    <td>{f.title ?? ''}</td>
                    <td>{TYPE_LABEL[f.type] ?? f.type}</td>
                    <td>{rules.join('；') || '—'}</td>
                    <td>{f.description ?? ''}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableRegion>
      )}

      <h2 id="preview-caption">数据预览</h2>
      {!props.rows ? (
        <Empty>暂无数据。</Empty>
      ) : props.rows.rows.length === 0 ? (
        <Empty>本页没有数据行。</Empty>
      ) : (
        <>
          <p>{`共 ${props.rows.total} 行，第 ${props.page}/${pages} 页，每页 ${PREVIEW_ROWS} 行。`}</p>
          <TableRegion labelledBy="preview-caption">
            <table>
              <thead>
                <tr>
                  {props.rows.columns.map((col) => (
                    <th scope="col">{fields.find((f) => f.name === col)?.title ?? col}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.rows.map((r) => (
                  <tr>
                    {props.rows?.columns.map((col) => (
                      <td>{r[col] === null || r[col] === undefined ? '' : String(r[col])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <nav aria-label="数据预览分页">
            <ul class="pager">
              {props.page > 1 ? (
                <li>
                  <a href={`/datasets/${id}?page=${props.page - 1}#preview-caption`}>上一页</a>
                </li>
              ) : null}
              {props.page < pages ? (
                <li>
                  <a href={`/datasets/${id}?page=${props.page + 1}#preview-caption`}>下一页</a>
                </li>
              ) : null}
            </ul>
          </nav>
        </>
      )}

      <h2>接口调用示例</h2>
      <pre>
        <code>{`# 数据集元数据
curl ${props.baseUrl}/api/v1/datasets/${id}

# 按列筛选数据行（每页 20 行）
curl "${props.baseUrl}/api/v1/datasets/${id}/rows?limit=20"

# 下载 CSV
curl -o ${d.id}.csv ${props.baseUrl}/datasets/${id}.csv

# CKAN 兼容接口
curl "${props.baseUrl}/api/3/action/package_show?id=${id}"`}</code>
      </pre>

      <h2 id="versions-caption">版本历史</h2>
      {props.versions.length === 0 ? (
        <Empty>暂无版本记录。</Empty>
      ) : (
        <TableRegion labelledBy="versions-caption">
          <table>
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">发布时间</th>
                <th scope="col">行数</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {props.versions.map((v) => (
                <tr>
                  <th scope="row">
                    <a href={`/datasets/${id}.csv?version=${encodeURIComponent(v.version)}`}>
                      {`第 ${v.version} 版 CSV`}
                    </a>
                  </th>
                  <td>{v.publishedAt.slice(0, 10)}</td>
                  <td>{v.rows ?? '—'}</td>
                  <td>{v.withdrawn ? `已撤回${v.note ? `：${v.note}` : ''}` : '有效'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  )
}
