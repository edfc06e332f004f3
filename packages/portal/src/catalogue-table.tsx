import { nextDue } from '@gongkai/calendar'
import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import type { Child } from 'hono/jsx'
import type { EntryOrigin } from './catalogue-layers.js'
import { label } from './labels.js'
import type { EntrySummary } from './portal-source.js'
import { LocalTag, SourceDetails } from './source-details.js'

/** Entry filters of the catalogue page (all optional, from the GET form). */
export interface EntryFilter {
  department?: string
  channel?: string
  q?: string
}

/** Keeps the entries matching every given filter. */
export function filterEntries(
  entries: readonly CatalogueEntry[],
  f: EntryFilter
): CatalogueEntry[] {
  const q = f.q?.trim()
  return entries.filter(
    (e) =>
      (!f.department || e.responsibleBodies.includes(f.department)) &&
      (!f.channel || e.channels.some((c) => c.code === f.channel)) &&
      (!q ||
        [e.item.level1, e.item.level2 ?? '', e.item.level3 ?? '', ...e.contentElements].some((t) =>
          t.includes(q)
        ))
  )
}

/** Level codes used by any entry, in vocabulary order; empty means no 公开层级 column. */
function levelsUsed(entries: readonly CatalogueEntry[]): string[] {
  const used = new Set<string>(entries.flatMap((e) => (e.levels ?? []).map((l) => l.code)))
  return ['city', 'county', 'township', 'village'].filter((c) => used.has(c))
}

/** The plain-text cells of one entry, in table order; shared by the HTML table and the CSV. */
function entryCells(entry: CatalogueEntry, levels: readonly string[], withCategory: boolean) {
  const basis = entry.legalBasis.map(
    (b) => `${b.title}${b.docNo ? `（${b.docNo}）` : ''}${b.article ? b.article : ''}`
  )
  const channels = entry.channels.map(
    (c) => `${c.required ? '■' : '□'}${label('channels', c.code)}${c.text ? `（${c.text}）` : ''}`
  )
  return {
    seq: String(entry.seq),
    category: withCategory ? (entry.category ?? '') : undefined,
    level1: entry.item.level1,
    level2: [entry.item.level2, entry.item.level3].filter(Boolean).join(' / '),
    content: entry.contentElements,
    basis,
    timeLimit: entry.timeLimit.text,
    bodies: entry.responsibleBodies.join('、'),
    channels,
    general: entry.audience.general,
    groups: entry.audience.specificGroups,
    proactive: entry.modes.includes('proactive'),
    onRequest: entry.modes.includes('on_request'),
    levels: levels.map((code) => (entry.levels ?? []).some((l) => l.code === code)),
  }
}

function Tick(props: { on: boolean }) {
  return props.on ? (
    <>
      <span aria-hidden="true">√</span>
      <span class="sr-only">是</span>
    </>
  ) : null
}

/** When an entry without content is due, in words: the next date of a periodic rule, else the rule. */
function dueText(entry: CatalogueEntry, today: string): string {
  const next = nextDue(entry.timeLimit as Parameters<typeof nextDue>[0], today)
  if (next.kind === 'date') return `应于 ${next.date} 前公开（${entry.timeLimit.text}）`
  return `时限：${entry.timeLimit.text}`
}

/** 查阅与状态: 一键查阅 and the newest item where content is bound; elsewhere what is missing and when it is due. */
function Status(props: {
  href: string
  entry: CatalogueEntry
  summary?: EntrySummary
  today: string
}) {
  const s = props.summary
  if (s === undefined || s.items === 0) {
    return (
      <>
        <div class="status status-none">○ 尚未关联公开内容</div>
        <div>{`缺：${props.entry.contentElements.slice(0, 3).join('、')}${props.entry.contentElements.length > 3 ? ' 等' : ''}`}</div>
        <div class="muted">{dueText(props.entry, props.today)}</div>
        <a href={props.href}>事项详情</a>
      </>
    )
  }
  const latest = s.latest
  return (
    <>
      <a href={props.href}>一键查阅</a>
      <div class="muted">{`${s.items} 条内容`}</div>
      {latest ? (
        <div>{`最新：${latest.item.title}${latest.item.publishedAt ? `（${latest.item.publishedAt}）` : ''}`}</div>
      ) : null}
      {s.broken > 0 ? <div class="status status-bad">{`✕ 断链/错链 ${s.broken}`}</div> : null}
      {latest?.onTime === false ? (
        <div class="status status-bad">{`⚠ 最新一条逾期（应于 ${latest.dueDate} 前）`}</div>
      ) : null}
      {s.broken === 0 && latest?.onTime !== false ? (
        <div class="status status-ok">✓ 正常</div>
      ) : null}
    </>
  )
}

/** Props of the official two-row-header catalogue table. */
export interface CatalogueTableProps {
  catalogue: Catalogue
  entries: readonly CatalogueEntry[]
  summaries?: ReadonlyMap<string, EntrySummary>
  /** Where each row comes from (the layer that added it); rows a local layer added are marked. */
  origins?: ReadonlyMap<string, EntryOrigin>
  captionId: string
  /** Today (YYYY-MM-DD), for when an entry without content is due. */
  today: string
}

/** One column of the table: its header words (a cell's label on a phone) and what a cell shows. */
interface Column {
  label: string
  cell(e: CatalogueEntry): Child
}

function columnsOf(props: CatalogueTableProps): Column[] {
  const { catalogue } = props
  const levels = levelsUsed(catalogue.entries)
  const withCategory = (catalogue.extraColumns ?? []).includes('category')
  const base = `/catalogues/${encodeURIComponent(catalogue.id)}/entries/`
  const cells = new Map<string, ReturnType<typeof entryCells>>()
  const c = (e: CatalogueEntry) => {
    let v = cells.get(e.id)
    if (!v) {
      v = entryCells(e, levels, withCategory)
      cells.set(e.id, v)
    }
    return v
  }
  const origin = (e: CatalogueEntry) => props.origins?.get(e.id)
  return [
    { label: '序号', cell: (e) => c(e).seq },
    ...(withCategory ? [{ label: '类别', cell: (e: CatalogueEntry) => c(e).category }] : []),
    {
      label: '一级事项',
      cell: (e) => (
        <>
          {c(e).level1}
          {origin(e)?.local ? (
            <>
              {' '}
              <LocalTag />
            </>
          ) : null}
        </>
      ),
    },
    { label: '二级事项', cell: (e) => c(e).level2 },
    {
      label: '公开内容（要素）',
      cell: (e) => (
        <ul>
          {c(e).content.map((t) => (
            <li>{t}</li>
          ))}
        </ul>
      ),
    },
    {
      label: '公开依据',
      cell: (e) => c(e).basis.map((b) => <div>{b}</div>),
    },
    { label: '公开时限', cell: (e) => c(e).timeLimit },
    { label: '公开主体', cell: (e) => c(e).bodies },
    {
      label: '公开渠道和载体',
      cell: (e) =>
        e.channels.map((ch) => (
          <div>
            <span aria-hidden="true">{ch.required ? '■' : '□'}</span>
            <span class="sr-only">{ch.required ? '必选：' : '可选：'}</span>
            {label('channels', ch.code)}
            {ch.text ? `（${ch.text}）` : ''}
          </div>
        )),
    },
    { label: '公开对象：全社会', cell: (e) => <Tick on={c(e).general} /> },
    { label: '公开对象：特定群体', cell: (e) => c(e).groups.join('、') },
    { label: '公开方式：主动', cell: (e) => <Tick on={c(e).proactive} /> },
    { label: '公开方式：依申请', cell: (e) => <Tick on={c(e).onRequest} /> },
    ...levels.map((l, i) => ({
      label: `公开层级：${label('levels', l)}`,
      cell: (e: CatalogueEntry) => <Tick on={c(e).levels[i] ?? false} />,
    })),
    {
      label: '查阅与状态',
      cell: (e) => (
        <Status
          href={base + encodeURIComponent(e.id)}
          entry={e}
          summary={props.summaries?.get(e.id)}
          today={props.today}
        />
      ),
    },
    {
      label: '来源',
      cell: (e) => <SourceDetails entry={e} origin={origin(e)} name={c(e).level2 || c(e).level1} />,
    },
  ]
}

/**
 * The catalogue as printed in the 标准指引 template: 序号, 公开事项 (一级/二级), 公开内容, 依据,
 * 时限, 主体, 渠道 ■/□, 对象, 方式, 层级 (only when used), plus 查阅与状态 (一键查阅 where content
 * is bound) and each row's 来源 (a `<details>`); rows a local layer added carry a 地方增补 tag.
 * On a phone the style sheet shows each row as a card, each cell labelled from its `data-label`:
 * the same markup, so the page carries its rows once.
 */
export function CatalogueTable(props: CatalogueTableProps) {
  const { catalogue, entries } = props
  const levels = levelsUsed(catalogue.entries)
  const withCategory = (catalogue.extraColumns ?? []).includes('category')
  const columns = columnsOf(props)
  // 一级事项 heads its row (th scope=row); its index in the columns.
  const rowHeader = withCategory ? 2 : 1
  return (
    <table class="catalogue-table">
      <caption id={props.captionId}>
        {`${catalogue.title}（共 ${entries.length} 项；■ 必选渠道，□ 可选渠道）`}
      </caption>
      <thead>
        <tr>
          <th scope="col" rowspan={2}>
            序号
          </th>
          {withCategory ? (
            <th scope="col" rowspan={2}>
              类别
            </th>
          ) : null}
          <th scope="colgroup" colspan={2}>
            公开事项
          </th>
          <th scope="col" rowspan={2}>
            公开内容（要素）
          </th>
          <th scope="col" rowspan={2}>
            公开依据
          </th>
          <th scope="col" rowspan={2}>
            公开时限
          </th>
          <th scope="col" rowspan={2}>
            公开主体
          </th>
          <th scope="col" rowspan={2}>
            公开渠道和载体
          </th>
          <th scope="colgroup" colspan={2}>
            公开对象
          </th>
          <th scope="colgroup" colspan={2}>
            公开方式
          </th>
          {levels.length > 0 ? (
            <th scope="colgroup" colspan={levels.length}>
              公开层级
            </th>
          ) : null}
          <th scope="col" rowspan={2}>
            查阅与状态
          </th>
          <th scope="col" rowspan={2}>
            来源
          </th>
        </tr>
        <tr>
          <th scope="col">一级事项</th>
          <th scope="col">二级事项</th>
          <th scope="col">全社会</th>
          <th scope="col">特定群体</th>
          <th scope="col">主动</th>
          <th scope="col">依申请</th>
          {levels.map((l) => (
            <th scope="col">{label('levels', l)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr id={`entry-${e.id}`} class={props.origins?.get(e.id)?.local ? 'local' : undefined}>
            {columns.map((col, i) =>
              i === rowHeader ? (
                <th scope="row" data-label={col.label}>
                  {col.cell(e)}
                </th>
              ) : (
                <td data-label={col.label}>{col.cell(e)}</td>
              )
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The table as CSV rows (header first), the same columns as the HTML table without the status. */
export function catalogueRows(
  catalogue: Catalogue,
  entries: readonly CatalogueEntry[]
): string[][] {
  const levels = levelsUsed(catalogue.entries)
  const withCategory = (catalogue.extraColumns ?? []).includes('category')
  const header = [
    '序号',
    ...(withCategory ? ['类别'] : []),
    '一级事项',
    '二级事项',
    '公开内容（要素）',
    '公开依据',
    '公开时限',
    '公开主体',
    '公开渠道和载体',
    '公开对象（全社会）',
    '公开对象（特定群体）',
    '公开方式（主动）',
    '公开方式（依申请）',
    ...levels.map((l) => `公开层级（${label('levels', l)}）`),
  ]
  const tick = (b: boolean) => (b ? '√' : '')
  return [
    header,
    ...entries.map((e) => {
      const c = entryCells(e, levels, withCategory)
      return [
        c.seq,
        ...(withCategory ? [c.category ?? ''] : []),
        c.level1,
        c.level2,
        c.content.join('\n'),
        c.basis.join('\n'),
        c.timeLimit,
        c.bodies,
        c.channels.join(' '),
        tick(c.general),
        c.groups.join('、'),
        tick(c.proactive),
        tick(c.onRequest),
        ...c.levels.map(tick),
      ]
    }),
  ]
}
