import type { Catalogue, LevelCode } from '@gongkai/schema'
import { vocabularies } from '@gongkai/schema'

/** What a column of the official table holds. */
export type ColumnRole =
  | 'seq'
  | 'category'
  | 'code'
  | 'level1'
  | 'level2'
  | 'level3'
  | 'content'
  | 'basis'
  | 'timeLimit'
  | 'bodies'
  | 'channels'
  | 'general'
  | 'specific'
  | 'audience'
  | 'proactive'
  | 'on_request'
  | 'modes'
  | 'level'
  | 'levels'
  | 'duration'
  | 'scope'
  | 'fiveOpenness'
  | 'contactPhone'
  | 'contentCategory'
  | '_id'
  | '_gongkai'

/** A column: its role, the first-row header (group) and the second-row header, if split. */
export interface Column {
  role: ColumnRole
  top: string
  sub?: string
  /** For role 'level': the level code and the printed label. */
  level?: { code: LevelCode; label: string }
}

/** Group headers whose columns are split in the second header row. */
const GROUPS = {
  item: '公开事项',
  audience: '公开对象',
  modes: '公开方式',
  levels: '公开层级',
} as const

const EXTRA_HEADERS = {
  code: '事项编码',
  duration: '公开时长',
  scope: '公开范围',
  fiveOpenness: '五公开',
  contactPhone: '咨询电话',
  contentCategory: '内容类别',
} as const

/** Normalises header text: no spaces, ASCII parentheses, no trailing colon. */
export const normHeader = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[:：]$/, '')

/** Level code for a printed 公开层级 label (labels and aliases of the levels vocabulary). */
export function levelCodeOf(label: string): LevelCode | undefined {
  const n = normHeader(label)
  for (const t of vocabularies.levels.items)
    if (normHeader(t.label) === n || (t.aliases ?? []).some((a) => normHeader(a) === n))
      return t.code as LevelCode
  // 县级（派出机构）: a known label qualified in parentheses.
  const bare = n.replace(/\(.*\)$/, '')
  if (bare !== n) return levelCodeOf(bare)
  return undefined
}

/** Default label of a level code. */
export const levelLabel = (code: string) =>
  vocabularies.levels.items.find((t) => t.code === code)?.label ?? code

/** The printed columns of a catalogue, in the official order, plus the extras it uses. */
export function columnsFor(catalogue: Catalogue, machineColumns: boolean): Column[] {
  const extras = new Set(catalogue.extraColumns ?? [])
  const entries = catalogue.entries
  const cols: Column[] = [{ role: 'seq', top: '序号' }]
  if (extras.has('category')) cols.push({ role: 'category', top: '类别' })
  if (extras.has('code')) cols.push({ role: 'code', top: EXTRA_HEADERS.code })
  cols.push({ role: 'level1', top: GROUPS.item, sub: '一级事项' })
  cols.push({ role: 'level2', top: GROUPS.item, sub: '二级事项' })
  if (extras.has('level3') || entries.some((e) => e.item.level3 !== undefined))
    cols.push({ role: 'level3', top: GROUPS.item, sub: '三级事项' })
  cols.push(
    { role: 'content', top: '公开内容（要素）' },
    { role: 'basis', top: '公开依据' },
    { role: 'timeLimit', top: '公开时限' },
    { role: 'bodies', top: '公开主体' },
    { role: 'channels', top: '公开渠道和载体' },
    { role: 'general', top: GROUPS.audience, sub: '全社会' },
    { role: 'specific', top: GROUPS.audience, sub: '特定群体' },
    { role: 'proactive', top: GROUPS.modes, sub: '主动' },
    { role: 'on_request', top: GROUPS.modes, sub: '依申请' }
  )
  // Only the level codes the catalogue uses, in vocabulary order, with the label it prints.
  const used = new Map<string, string>()
  for (const e of entries)
    for (const l of e.levels ?? [])
      if (!used.has(l.code)) used.set(l.code, l.label ?? levelLabel(l.code))
  for (const t of vocabularies.levels.items) {
    const label = used.get(t.code)
    if (label !== undefined)
      cols.push({
        role: 'level',
        top: GROUPS.levels,
        sub: label,
        level: { code: t.code as LevelCode, label },
      })
  }
  for (const key of [
    'duration',
    'scope',
    'fiveOpenness',
    'contactPhone',
    'contentCategory',
  ] as const)
    if (extras.has(key)) cols.push({ role: key, top: EXTRA_HEADERS[key] })
  if (machineColumns) cols.push({ role: '_id', top: '_id' }, { role: '_gongkai', top: '_gongkai' })
  return cols
}

// Header text (normalised) -> role, for single (unsplit) columns.
const SINGLE: [RegExp, ColumnRole][] = [
  [/^(序号|编号)$/, 'seq'],
  [/^(类别|一级目录|分类)$/, 'category'],
  [/^(事项编码|编码|事项代码)$/, 'code'],
  [/^(一级事项|公开事项|事项名称)$/, 'level1'],
  [/^二级事项$/, 'level2'],
  [/^三级事项$/, 'level3'],
  [/^公开(内容|要素)/, 'content'],
  [/^公开依据/, 'basis'],
  [/^公开时限/, 'timeLimit'],
  [/^(公开主体|责任主体|公开责任主体)/, 'bodies'],
  [/^公开(渠道|载体|途径)/, 'channels'],
  [/^公开对象/, 'audience'],
  [/^公开方式/, 'modes'],
  [/^公开层级/, 'levels'],
  [/^公开时长/, 'duration'],
  [/^公开范围/, 'scope'],
  [/^五公开/, 'fiveOpenness'],
  [/^(咨询电话|联系电话)/, 'contactPhone'],
  [/^内容类别/, 'contentCategory'],
  [/^_id$/, '_id'],
  [/^_gongkai$/, '_gongkai'],
]

// Second-row headers under each group.
const SUBS: Record<string, [RegExp, ColumnRole][]> = {
  [GROUPS.item]: [
    [/^一级(事项)?$/, 'level1'],
    [/^二级(事项)?$/, 'level2'],
    [/^三级(事项)?$/, 'level3'],
  ],
  [GROUPS.audience]: [
    [/^全社会$/, 'general'],
    [/^特定(群体|群众|对象)/, 'specific'],
  ],
  [GROUPS.modes]: [
    [/^主动(公开)?$/, 'proactive'],
    [/^依申请(公开)?$/, 'on_request'],
  ],
}

const match = (table: [RegExp, ColumnRole][], text: string) =>
  table.find(([re]) => re.test(text))?.[1]

/** Role of a single header cell, if it is a known header. */
export const singleRole = (text: string) => match(SINGLE, normHeader(text))

/** True when the text is a second-row header of some group (一级事项, 全社会, 主动, 县级 …). */
export function isSubHeader(text: string): boolean {
  const n = normHeader(text)
  if (n === '') return false
  return Object.values(SUBS).some((t) => match(t, n)) || levelCodeOf(n) !== undefined
}

/** Group a first-row header opens, if it is split into sub-columns. */
function groupOf(text: string): string | undefined {
  const n = normHeader(text)
  return Object.values(GROUPS).find((g) => n.startsWith(g))
}

/**
 * Resolves column roles from one or two header rows; unknown headers are returned as problems.
 * A blank first-row cell continues the group on its left (how merged headers arrive in CSV).
 */
export function resolveColumns(
  top: readonly string[],
  sub: readonly string[] | undefined
): { columns: (Column | undefined)[]; unknown: { column: number; text: string }[] } {
  const columns: (Column | undefined)[] = []
  const unknown: { column: number; text: string }[] = []
  let group: string | undefined
  const width = Math.max(top.length, sub?.length ?? 0)
  for (let c = 0; c < width; c++) {
    const t = (top[c] ?? '').trim()
    const s = (sub?.[c] ?? '').trim()
    if (t !== '') group = groupOf(t)
    const topText = t !== '' ? t : (group ?? '')
    if (s !== '' && normHeader(s) !== normHeader(topText) && group !== undefined) {
      if (group === GROUPS.levels) {
        const code = levelCodeOf(s)
        if (code) columns[c] = { role: 'level', top: group, sub: s, level: { code, label: s } }
        else unknown.push({ column: c, text: s })
        continue
      }
      const role = match(SUBS[group] ?? [], normHeader(s))
      if (role) columns[c] = { role, top: group, sub: s }
      else unknown.push({ column: c, text: s })
      continue
    }
    const text = s !== '' && t === '' ? s : topText
    if (text === '') continue
    const role = singleRole(text)
    if (role) columns[c] = { role, top: text }
    else unknown.push({ column: c, text })
  }
  return { columns, unknown }
}
