import type { Dataset } from '@gongkai/schema'
import { raw } from 'hono/html'
import { ApplicationForm, type ApplicationFormState } from './access-pages.js'
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
function filterDatasets(datasets: readonly Dataset[], f: DatasetFilter): Dataset[] {
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
function datasetFacets(datasets: readonly Dataset[]): Facet[] {
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

/** Downloads of a dataset whose data is public (files of the current version). */
const DATA_FORMATS: { suffix: string; label: string; hint: string; file: boolean }[] = [
  { suffix: '.csv', label: '下载 CSV', hint: 'UTF-8，标准格式，适合程序处理', file: true },
  {
    suffix: '.excel.csv',
    label: '下载 Excel 用 CSV',
    hint: '带 BOM，Excel 直接打开不乱码',
    file: true,
  },
  { suffix: '.json', label: '下载 JSON', hint: '', file: true },
  { suffix: '.ndjson', label: '下载 NDJSON', hint: '每行一条记录', file: true },
  {
    suffix: '/datapackage.json',
    label: '数据包（Frictionless Data Package）',
    hint: '',
    file: false,
  },
  { suffix: '.csv-metadata.json', label: 'CSVW 表格元数据', hint: '', file: false },
]

/** Metadata documents: public for every dataset shown. */
const METADATA_FORMATS: { suffix: string; label: string }[] = [
  { suffix: '.jsonld', label: 'JSON-LD（DCAT）' },
  { suffix: '.ttl', label: 'Turtle（RDF）' },
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

const MASK_LABEL: Record<string, string> = {
  id_number: '身份证号',
  mobile: '手机号',
  bank_card: '银行卡号',
  email: '电子邮箱',
  name: '姓名',
  address: '地址',
}

/** Filter of the row preview (GET parameters `col`, `val`, `q`). */
export interface PreviewFilter {
  column?: string
  value?: string
  q?: string
}

/** Props of the dataset page. */
export interface DatasetPageProps {
  dataset: Dataset
  baseUrl: string
  rows?: RowPage
  /** Why the preview filter could not be applied. */
  rowsError?: string
  filter?: PreviewFilter
  page: number
  versions: DatasetVersion[]
  jsonLd?: unknown
  /** The 有条件开放 application form's state (values and errors after a refused submission). */
  application?: ApplicationFormState
}

function previewHref(id: string, f: PreviewFilter, page: number): string {
  const q = new URLSearchParams()
  if (f.column && f.value) {
    q.set('col', f.column)
    q.set('val', f.value)
  }
  if (f.q) q.set('q', f.q)
  if (page > 1) q.set('page', String(page))
  const s = q.toString()
  return `/datasets/${id}${s ? `?${s}` : ''}#preview-caption`
}

/** `/datasets/:id`: description, data dictionary, filtered preview, downloads, API calls, versions. */
export function DatasetPage(props: DatasetPageProps) {
  const d = props.dataset
  const id = encodeURIComponent(d.id)
  const conditional = d.openness === 'conditional'
  const fields = d.tableSchema?.fields ?? []
  const f = props.filter ?? {}
  const pages = props.rows ? Math.max(1, Math.ceil(props.rows.total / PREVIEW_ROWS)) : 1
  const base = props.baseUrl
  const auth = conditional ? ' -H "Authorization: Bearer <获批令牌>"' : ''
  const firstText = fields.find((x) => x.type === 'string')?.name
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
        <dd>{label('openness-classes', d.openness)}</dd>
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

      {conditional ? (
        <section aria-labelledby="conditions-title">
          <h2 id="conditions-title">开放条件</h2>
          <p>
            本数据集为有条件开放数据：数据行和下载文件须经发布机构审核同意后，凭发放的令牌获取。
          </p>
          <p>{d.accessConditions ?? '发布机构未另行注明开放条件。'}</p>
          <ApplicationForm datasetId={d.id} state={props.application} />
        </section>
      ) : null}

      <h2 id="downloads-title">下载</h2>
      {conditional ? (
        <p>数据文件在申请获批后提供（请求时附带获批令牌），此处只提供元数据。</p>
      ) : null}
      <ul aria-labelledby="downloads-title">
        {conditional
          ? null
          : DATA_FORMATS.map((x) => (
              <li>
                <a href={`/datasets/${id}${x.suffix}`} download={x.file ? true : undefined}>
                  {x.label}
                </a>
                {x.hint ? <span class="muted">{`（${x.hint}）`}</span> : null}
              </li>
            ))}
        {METADATA_FORMATS.map((x) => (
          <li>
            <a href={`/datasets/${id}${x.suffix}`}>{`元数据 ${x.label}`}</a>
          </li>
        ))}
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
                <th scope="col">格式</th>
                <th scope="col">单位</th>
                <th scope="col">约束</th>
                <th scope="col">脱敏</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => {
                const c = field.constraints ?? {}
                const rules = [
                  c.required ? '必填' : '',
                  c.unique ? '唯一' : '',
                  c.minimum !== undefined ? `≥ ${c.minimum}` : '',
                  c.maximum !== undefined ? `≤ ${c.maximum}` : '',
                  c.minLength !== undefined ? `最短 ${c.minLength} 字` : '',
                  c.maxLength !== undefined ? `最长 ${c.maxLength} 字` : '',
                  c.pattern !== undefined ? `格式：${c.pattern}` : '',
                  c.enum ? `取值：${c.enum.join('、')}` : '',
                ].filter(Boolean)
                return (
                  <tr>
                    <th scope="row">
                      <code>{field.name}</code>
                    </th>
                    <td>{field.title ?? ''}</td>
                    <td>{TYPE_LABEL[field.type] ?? field.type}</td>
                    <td>{field.format && field.format !== 'default' ? field.format : '—'}</td>
                    <td>{field.unit ?? '—'}</td>
                    <td>{rules.join('；') || '—'}</td>
                    <td>
                      {field.mask
                        ? `已脱敏（${MASK_LABEL[field.mask.type] ?? field.mask.type}）`
                        : '否'}
                    </td>
                    <td>{field.description ?? ''}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableRegion>
      )}

      <h2 id="preview-caption">数据预览</h2>
      {conditional ? (
        <Empty>有条件开放数据不在页面预览，获批后可通过接口读取。</Empty>
      ) : (
        <>
          {fields.length > 0 ? (
            <form
              method="get"
              action={`/datasets/${id}#preview-caption`}
              class="filters"
              aria-label="筛选数据行"
            >
              <div class="field">
                <label for="pv-col">按列筛选</label>
                <select id="pv-col" name="col">
                  <option value="">（不限）</option>
                  {fields.map((x) => (
                    <option value={x.name} selected={f.column === x.name}>
                      {x.title ? `${x.title}（${x.name}）` : x.name}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="pv-val">等于</label>
                <input id="pv-val" name="val" value={f.value ?? ''} size={14} />
              </div>
              <div class="field">
                <label for="pv-q">全文搜索</label>
                <input id="pv-q" name="q" type="search" value={f.q ?? ''} size={14} />
              </div>
              <button type="submit">筛选</button>
            </form>
          ) : null}
          {props.rowsError ? (
            <div class="error-summary" role="alert">
              <p>{`无法按此条件筛选：${props.rowsError}`}</p>
            </div>
          ) : !props.rows ? (
            <Empty>暂无数据。</Empty>
          ) : props.rows.rows.length === 0 ? (
            <Empty>没有符合条件的数据行。</Empty>
          ) : (
            <>
              <p>{`共 ${props.rows.total} 行，第 ${props.page}/${pages} 页，每页 ${PREVIEW_ROWS} 行。`}</p>
              <TableRegion labelledBy="preview-caption">
                <table>
                  <thead>
                    <tr>
                      {props.rows.columns.map((col) => (
                        <th scope="col">{fields.find((x) => x.name === col)?.title ?? col}</th>
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
                      <a href={previewHref(id, f, props.page - 1)}>上一页</a>
                    </li>
                  ) : null}
                  {props.page < pages ? (
                    <li>
                      <a href={previewHref(id, f, props.page + 1)}>下一页</a>
                    </li>
                  ) : null}
                </ul>
              </nav>
            </>
          )}
        </>
      )}

      <h2>接口调用示例</h2>
      <pre>
        <code>{`# 数据集元数据（REST）
curl ${base}/api/v1/datasets/${id}

# 数据行：按列筛选、排序、分页（每页 20 行）
curl${auth} "${base}/api/v1/datasets/${id}/rows?limit=20${firstText ? `&${encodeURIComponent(firstText)}=<取值>` : ''}"

# 下载 CSV 与数据包
curl${auth} -o ${d.id}.csv ${base}/datasets/${id}.csv
curl${auth} ${base}/datasets/${id}/datapackage.json

# CKAN 兼容接口
curl "${base}/api/3/action/package_show?id=${id}"
curl${auth} "${base}/api/3/action/datastore_search?resource_id=${id}&limit=5"

# DCAT-AP 元数据
curl ${base}/datasets/${id}.jsonld
curl ${base}/catalog.ttl`}</code>
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
                <th scope="col">下载</th>
              </tr>
            </thead>
            <tbody>
              {props.versions.map((v) => {
                const dir = `/datasets/${id}/versions/${encodeURIComponent(v.version)}`
                return (
                  <tr>
                    <th scope="row">{`第 ${v.version} 版`}</th>
                    <td>{v.publishedAt.slice(0, 10)}</td>
                    <td>{v.rows ?? '—'}</td>
                    <td>{v.withdrawn ? `已撤回${v.note ? `：${v.note}` : ''}` : '有效'}</td>
                    <td class="link-list">
                      {v.withdrawn || conditional ? (
                        '—'
                      ) : (
                        <>
                          <a href={`${dir}/data.csv`} download>{`第 ${v.version} 版 CSV`}</a>{' '}
                          <a href={`${dir}/data-excel.csv`} download>
                            Excel 用 CSV
                          </a>{' '}
                          <a href={`${dir}/data.json`} download>
                            JSON
                          </a>{' '}
                          <a
                            href={`/datasets/${id}/datapackage.json?version=${encodeURIComponent(v.version)}`}
                          >
                            数据包
                          </a>
                        </>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  )
}
