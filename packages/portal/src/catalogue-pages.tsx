import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import { type EntryOrigin, layerFamilies } from './catalogue-layers.js'
import { CatalogueTable, type EntryFilter } from './catalogue-table.js'
import { label } from './labels.js'
import { Empty, Layout, TableRegion } from './layout.js'
import type { BoundContent, EntrySummary, PublishedRecord } from './portal-source.js'
import { type FormNode, formModel } from './record-form-model.js'
import { SafeLink } from './safe-link.js'
import { LocalTag, SourceDetails } from './source-details.js'

const KIND_LABEL: Record<Catalogue['kind'], string> = {
  standard: '领域标准目录',
  residents_committee: '居务公开目录',
  public_institution: '公共企事业单位目录',
}

/** The title of a catalogue's field or kind, for grouping. */
export function catalogueGroup(c: Catalogue): string {
  return c.field ? label('fields', c.field) : KIND_LABEL[c.kind]
}

const catalogueHref = (c: Catalogue) => `/catalogues/${encodeURIComponent(c.id)}`

/** Links to the other layers of a catalogue's field, bottom first. */
function OtherLayers(props: { layers: readonly Catalogue[]; current: Catalogue }) {
  const others = props.layers.filter((x) => x.id !== props.current.id)
  if (others.length === 0) return <>—</>
  return (
    <ul class="layers">
      {others.map((x) => (
        <li>
          <a href={catalogueHref(x)}>{x.title}</a>
          <span class="muted">{`（${x.entries.length} 项）`}</span>
        </li>
      ))}
    </ul>
  )
}

/**
 * `/catalogues`: one row per field (its top layer: the one the site works on, other layers linked
 * from it) and per catalogue that is no layer, filterable by kind and field.
 */
export function CataloguesPage(props: {
  catalogues: Catalogue[]
  /** Ids of the top layers ({@link PortalSource.topLayers}). */
  top: ReadonlySet<string>
  kind?: string
  field?: string
}) {
  const fields = [...new Set(props.catalogues.flatMap((c) => (c.field ? [c.field as string] : [])))]
  const families = layerFamilies(props.catalogues)
  const matching = props.catalogues.filter(
    (c) =>
      props.top.has(c.id) &&
      (!props.kind || c.kind === props.kind) &&
      (!props.field || c.field === props.field)
  )
  // Templates are not disclosures: they are listed apart, each with a 模板 badge.
  const shown = matching.filter((c) => !c.template)
  const templates = matching.filter((c) => c.template)
  return (
    <Layout
      title="标准目录"
      section="catalogues"
      crumbs={[{ label: '首页', href: '/' }, { label: '标准目录' }]}
    >
      <p class="lead">
        各领域政务公开标准目录、居务公开目录和公共企事业单位目录。每个事项都可“一键查阅”已公开的内容。
      </p>
      <p>
        各领域目录分层：国家标准指引目录之上，是上海市层和区层的增补与修改。下表列出本站采用的一层，其他层级可从“其他层级”一栏查阅。
      </p>
      <form method="get" action="/catalogues" class="filters" aria-label="筛选目录">
        <div class="field">
          <label for="kind">目录类型</label>
          <select id="kind" name="kind">
            <option value="">全部</option>
            {Object.entries(KIND_LABEL).map(([k, v]) => (
              <option value={k} selected={props.kind === k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field">领域</label>
          <select id="field" name="field">
            <option value="">全部领域</option>
            {fields.map((f) => (
              <option value={f} selected={props.field === f}>
                {label('fields', f)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">筛选</button>
      </form>
      {shown.length === 0 && templates.length === 0 ? (
        <Empty>没有符合条件的目录。</Empty>
      ) : shown.length === 0 ? null : (
        <TableRegion labelledBy="catalogues-caption">
          <table>
            <caption id="catalogues-caption">{`目录列表（${shown.length} 个）`}</caption>
            <thead>
              <tr>
                <th scope="col">目录</th>
                <th scope="col">类型 / 领域</th>
                <th scope="col">事项数</th>
                <th scope="col">版本</th>
                <th scope="col">其他层级</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={catalogueHref(c)}>{c.title}</a>
                  </th>
                  <td>{catalogueGroup(c)}</td>
                  <td>{c.entries.length}</td>
                  <td>{c.version}</td>
                  <td>
                    <OtherLayers layers={families.get(c.id) ?? [c]} current={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {templates.length > 0 ? (
        <>
          <h2 id="templates-heading">目录模板</h2>
          <p>
            供居委会、公共企事业单位等实例化后使用的模板，不是实际公开的目录；实例化后由各单位填写（单位名称）等内容。
          </p>
          <ul class="cards" aria-labelledby="templates-heading">
            {templates.map((c) => (
              <li>
                <a href={catalogueHref(c)}>{c.title}</a> <TemplateBadge />
                <div class="muted">{`${catalogueGroup(c)}，${c.entries.length} 个事项，版本 ${c.version}`}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  )
}

/** The badge of a template catalogue: words, so it needs no colour to be read. */
export function TemplateBadge() {
  return <span class="tag tag-template">模板</span>
}

/** Props of the catalogue page. */
export interface CataloguePageProps {
  catalogue: Catalogue
  entries: CatalogueEntry[]
  summaries?: Map<string, EntrySummary>
  /** Where each row comes from: rows a local layer added are marked. */
  origins?: ReadonlyMap<string, EntryOrigin>
  /** The layers of the catalogue's field, bottom first, itself included. */
  layers?: readonly Catalogue[]
  /** The layer of the field the site works on, when it has one. */
  top?: Catalogue
  filter: EntryFilter & { field?: string }
  /** Field codes with a standard catalogue, for the field switcher. */
  fields: { code: string; catalogueId: string }[]
  csvHref: string
  /** Today (YYYY-MM-DD): when entries without content are due. */
  today: string
}

/** `/catalogues/:id`: the official table with filters, CSV download and print styles. */
export function CataloguePage(props: CataloguePageProps) {
  const c = props.catalogue
  const departments = [...new Set(c.entries.flatMap((e) => e.responsibleBodies))]
  const channels = [...new Set(c.entries.flatMap((e) => e.channels.map((ch) => ch.code)))]
  const filtered = props.entries.length !== c.entries.length
  const layers = props.layers ?? [c]
  const base = c.extends ? layers.find((x) => x.id === c.extends?.id) : undefined
  const local = [...(props.origins?.values() ?? [])].filter((o) => o.local).length
  return (
    <Layout
      title={c.title}
      heading={
        c.template ? (
          <>
            {c.title} <TemplateBadge />
          </>
        ) : undefined
      }
      description={`${c.title}：${catalogueGroup(c)}，共 ${c.entries.length} 个公开事项，逐项列出公开内容、依据、时限、主体和渠道，并可一键查阅已公开的内容。`}
      section="catalogues"
      crumbs={[
        { label: '首页', href: '/' },
        { label: '标准目录', href: '/catalogues' },
        { label: c.title },
      ]}
    >
      {c.template ? (
        <p class="notice">
          这是一个目录模板，供单位实例化后使用；括号中的（单位名称）等由使用单位填写，不是实际公开的内容。
        </p>
      ) : null}
      {c.description ? <p class="lead">{c.description}</p> : null}
      <dl class="props">
        <dt>类型</dt>
        <dd>{catalogueGroup(c)}</dd>
        {c.guideline ? (
          <>
            <dt>依据指引</dt>
            <dd>{`${c.guideline.title}${c.guideline.docNo ? `（${c.guideline.docNo}）` : ''}`}</dd>
          </>
        ) : null}
        <dt>版本</dt>
        <dd>{c.version}</dd>
        {c.extends ? (
          <>
            <dt>所在层级</dt>
            <dd>
              {'在 '}
              {base ? <a href={catalogueHref(base)}>{base.title}</a> : c.extends.id}
              {` 之上${local > 0 ? `，增补 ${local} 项（表中标“地方增补”）` : ''}`}
            </dd>
          </>
        ) : null}
        {layers.length > 1 ? (
          <>
            <dt>其他层级</dt>
            <dd>
              <OtherLayers layers={layers} current={c} />
            </dd>
          </>
        ) : null}
      </dl>
      {props.top && props.top.id !== c.id ? (
        <p class="notice">
          {'本站该领域采用 '}
          <a href={catalogueHref(props.top)}>{props.top.title}</a>
          {'；本页是它的另一层级，供对照。'}
        </p>
      ) : null}
      <form
        method="get"
        action={`/catalogues/${encodeURIComponent(c.id)}`}
        class="filters"
        aria-label="筛选事项"
      >
        {props.fields.length > 0 && c.kind === 'standard' ? (
          <div class="field">
            <label for="f-field">领域</label>
            <select id="f-field" name="field">
              {props.fields.map((f) => (
                <option value={f.code} selected={f.code === c.field}>
                  {label('fields', f.code)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for="f-department">公开主体</label>
          <select id="f-department" name="department">
            <option value="">全部</option>
            {departments.map((d) => (
              <option value={d} selected={props.filter.department === d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-channel">公开渠道</label>
          <select id="f-channel" name="channel">
            <option value="">全部</option>
            {channels.map((ch) => (
              <option value={ch} selected={props.filter.channel === ch}>
                {label('channels', ch)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-q">关键词</label>
          <input id="f-q" name="q" type="text" value={props.filter.q ?? ''} size={14} />
        </div>
        <button type="submit">筛选</button>
        {filtered ? <a href={`/catalogues/${encodeURIComponent(c.id)}`}>清除筛选</a> : null}
      </form>
      <p class="no-print">
        <a class="button secondary" href={props.csvHref} download>
          下载本表 CSV
        </a>{' '}
        <span class="muted">打印本页即得到目录原表（A4 纸，导航和筛选不打印）。</span>
      </p>
      {props.entries.length === 0 ? (
        <Empty>没有符合筛选条件的事项。</Empty>
      ) : (
        <TableRegion labelledBy="catalogue-caption">
          <CatalogueTable
            catalogue={c}
            entries={props.entries}
            summaries={props.summaries}
            origins={props.origins}
            captionId="catalogue-caption"
            today={props.today}
          />
        </TableRegion>
      )}
    </Layout>
  )
}

function describeLeaf(n: FormNode): string {
  if (n.kind !== 'leaf') return ''
  const parts: string[] = [
    {
      string: n.format === 'date' ? '日期' : '文本',
      integer: '整数',
      number: '数字',
      boolean: '是/否',
    }[n.type],
  ]
  if (n.minimum !== undefined) parts.push(`不小于 ${n.minimum}`)
  if (n.maximum !== undefined) parts.push(`不大于 ${n.maximum}`)
  if (n.minLength !== undefined && n.minLength > 0) parts.push('不能为空')
  if (n.maxLength !== undefined) parts.push(`不超过 ${n.maxLength} 字`)
  if (n.enum) parts.push(`可选值：${n.enum.join('、')}`)
  return parts.join('；')
}

/** The record schema as a nested, readable list of fields. */
function SchemaList(props: { nodes: FormNode[] }) {
  return (
    <ul>
      {props.nodes.map((n) => (
        <li>
          <strong>{n.title}</strong>
          {n.required ? '（必填）' : '（选填）'}
          {n.kind === 'leaf'
            ? `：${describeLeaf(n)}`
            : n.kind === 'table'
              ? '：明细表，每行包括'
              : ''}
          {n.kind === 'group' ? <SchemaList nodes={n.children} /> : null}
          {n.kind === 'table' ? <SchemaList nodes={n.columns} /> : null}
        </li>
      ))}
    </ul>
  )
}

function TimelinessText(props: { b: BoundContent }) {
  const { b } = props
  if (b.onTime === true) return <span class="status status-ok">✓ 按时</span>
  if (b.onTime === false) return <span class="status status-bad">⚠ 逾期</span>
  return <span class="muted">无法判断</span>
}

function LinkText(props: { status?: BoundContent['linkStatus'] }) {
  if (props.status === 'dead') return <span class="status status-bad">✕ 断链</span>
  if (props.status === 'wrong') return <span class="status status-bad">✕ 错链</span>
  if (props.status === 'ok') return <span class="status status-ok">✓ 可访问</span>
  return <span class="muted">未检查</span>
}

/** Props of the entry page. */
export interface EntryPageProps {
  catalogue: Catalogue
  entry: CatalogueEntry
  content: BoundContent[]
  records: PublishedRecord[]
  /** Where the entry comes from (the layer that added or changed it). */
  origin?: EntryOrigin
  recordHref?: (r: PublishedRecord) => string
}

/** `/catalogues/:id/entries/:entryId`: the entry, its bound content, record schema and records. */
export function EntryPage(props: EntryPageProps) {
  const { catalogue: c, entry: e } = props
  const title = [e.item.level1, e.item.level2, e.item.level3].filter(Boolean).join(' · ')
  const catHref = `/catalogues/${encodeURIComponent(c.id)}`
  return (
    <Layout
      title={title}
      section="catalogues"
      crumbs={[
        { label: '首页', href: '/' },
        { label: '标准目录', href: '/catalogues' },
        { label: c.title, href: catHref },
        { label: title },
      ]}
    >
      <h2>事项信息</h2>
      <dl class="props">
        <dt>公开内容（要素）</dt>
        <dd>{e.contentElements.join('；')}</dd>
        <dt>公开依据</dt>
        <dd>{e.legalBasis.map((b) => `${b.title}${b.article ?? ''}`).join('；') || '—'}</dd>
        <dt>公开时限</dt>
        <dd>{e.timeLimit.text}</dd>
        <dt>公开主体</dt>
        <dd>{e.responsibleBodies.join('、')}</dd>
        <dt>公开渠道</dt>
        <dd>
          {e.channels
            .map((ch) => `${label('channels', ch.code)}${ch.required ? '（必选）' : '（可选）'}`)
            .join('、')}
        </dd>
        <dt>公开对象</dt>
        <dd>
          {[e.audience.general ? '全社会' : '', ...e.audience.specificGroups]
            .filter(Boolean)
            .join('、')}
        </dd>
        <dt>公开方式</dt>
        <dd>{e.modes.map((m) => label('modes', m)).join('、')}</dd>
        <dt>来源</dt>
        <dd>
          {props.origin?.local ? (
            <>
              <LocalTag />{' '}
            </>
          ) : null}
          <SourceDetails entry={e} origin={props.origin} name={title} />
        </dd>
      </dl>
      <h2 id="content-heading">已公开内容</h2>
      {props.content.length === 0 ? (
        <Empty>本事项暂无关联的公开内容。</Empty>
      ) : (
        <TableRegion labelledBy="content-caption">
          <table>
            <caption id="content-caption">{`本事项关联内容（${props.content.length} 条）`}</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">发布机构</th>
                <th scope="col">成文日期</th>
                <th scope="col">发布日期</th>
                <th scope="col">应公开日期</th>
                <th scope="col">时效</th>
                <th scope="col">链接</th>
              </tr>
            </thead>
            <tbody>
              {props.content.map((b) => (
                <tr>
                  <th scope="row">
                    <SafeLink href={b.item.url}>{b.item.title}</SafeLink>
                    {b.item.docNo ? <div class="muted">{b.item.docNo}</div> : null}
                  </th>
                  <td>{b.item.issuer ?? '—'}</td>
                  <td>{b.item.formedAt ?? '—'}</td>
                  <td>{b.item.publishedAt ?? '—'}</td>
                  <td>{b.dueDate ?? '—'}</td>
                  <td>
                    <TimelinessText b={b} />
                  </td>
                  <td>
                    <LinkText status={b.linkStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {e.recordSchema ? (
        <>
          <h2>结构化公开记录的格式</h2>
          <p>{`本事项按“${String(e.recordSchema.title ?? '记录')}”格式公开，包括以下字段：`}</p>
          <SchemaList nodes={formModel(e.recordSchema).children} />
          <h2>已发布的记录</h2>
          {props.records.length === 0 ? (
            <Empty>暂无已发布的记录。</Empty>
          ) : (
            <ul class="cards">
              {props.records.map((r) => (
                <li>
                  <a href={props.recordHref?.(r) ?? '#'}>{recordTitle(r)}</a>
                  <span class="muted">{` 发布于 ${r.createdAt.slice(0, 10)}`}</span>
                  {r.withdrawn ? <span class="status status-bad">已撤回</span> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Layout>
  )
}

/** A short title for a record: `2024年第1季度` when it has year/quarter, else its id. */
export function recordTitle(r: PublishedRecord): string {
  const d = (r.data ?? {}) as Record<string, unknown>
  if (typeof d.year === 'number' && typeof d.quarter === 'number')
    return `${d.year}年第${d.quarter}季度`
  if (typeof d.year === 'number') return `${d.year}年度`
  return r.id
}
