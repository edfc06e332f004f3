import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import type { EntryOrigin } from './catalogue-layers.js'
import { label } from './labels.js'
import { LocalTag, SourceDetails } from './source-details.js'

/** What the catalogue page knows about an entry's bound content. */
export interface EntrySummary {
  items: number
  /** 断链 or 错链 among the bound items. */
  broken: number
  /** Items published after their due date. */
  late: number
}

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

function StatusCell(props: { href: string; summary?: EntrySummary }) {
  const s = props.summary
  return (
    <td>
      <a href={props.href}>一键查阅</a>
      {s === undefined ? null : s.items === 0 ? (
        <div class="status status-none">○ 暂无关联内容</div>
      ) : (
        <>
          <div class="muted">{`${s.items} 条内容`}</div>
          {s.broken > 0 ? <div class="status status-bad">{`✕ 断链/错链 ${s.broken}`}</div> : null}
          {s.late > 0 ? <div class="status status-bad">{`⚠ 逾期 ${s.late}`}</div> : null}
          {s.broken === 0 && s.late === 0 ? <div class="status status-ok">✓ 正常</div> : null}
        </>
      )}
    </td>
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
}

/**
 * The catalogue as printed in the 标准指引 template: 序号, 公开事项 (一级/二级), 公开内容, 依据,
 * 时限, 主体, 渠道 ■/□, 对象, 方式, 层级 (only when used), plus 一键查阅 with the entry's status
 * and each row's 来源 (a `<details>`); rows a local layer added carry a 地方增补 tag.
 */
export function CatalogueTable(props: CatalogueTableProps) {
  const { catalogue, entries } = props
  const levels = levelsUsed(catalogue.entries)
  const withCategory = (catalogue.extraColumns ?? []).includes('category')
  const base = `/catalogues/${encodeURIComponent(catalogue.id)}/entries/`
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
        {entries.map((e) => {
          const c = entryCells(e, levels, withCategory)
          const origin = props.origins?.get(e.id)
          return (
            <tr id={`entry-${e.id}`} class={origin?.local ? 'local' : undefined}>
              <td>{c.seq}</td>
              {withCategory ? <td>{c.category}</td> : null}
              <th scope="row">
                {c.level1}
                {origin?.local ? (
                  <>
                    {' '}
                    <LocalTag />
                  </>
                ) : null}
              </th>
              <td>{c.level2}</td>
              <td>
                <ul>
                  {c.content.map((t) => (
                    <li>{t}</li>
                  ))}
                </ul>
              </td>
              <td>
                {c.basis.map((b) => (
                  <div>{b}</div>
                ))}
              </td>
              <td>{c.timeLimit}</td>
              <td>{c.bodies}</td>
              <td>
                {e.channels.map((ch) => (
                  <div>
                    <span aria-hidden="true">{ch.required ? '■' : '□'}</span>
                    <span class="sr-only">{ch.required ? '必选：' : '可选：'}</span>
                    {label('channels', ch.code)}
                    {ch.text ? `（${ch.text}）` : ''}
                  </div>
                ))}
              </td>
              <td>
                <Tick on={c.general} />
              </td>
              <td>{c.groups.join('、')}</td>
              <td>
                <Tick on={c.proactive} />
              </td>
              <td>
                <Tick on={c.onRequest} />
              </td>
              {c.levels.map((on) => (
                <td>
                  <Tick on={on} />
                </td>
              ))}
              <StatusCell
                href={base + encodeURIComponent(e.id)}
                summary={props.summaries?.get(e.id)}
              />
              <td>
                <SourceDetails entry={e} origin={origin} name={c.level2 || c.level1} />
              </td>
            </tr>
          )
        })}
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
