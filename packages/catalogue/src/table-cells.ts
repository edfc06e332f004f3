import type {
  CatalogueEntry,
  ChannelUse,
  FiveOpennessCode,
  LegalBasis,
  ModeCode,
} from '@gongkai/schema'
import { vocabularies } from '@gongkai/schema'
import { parseTimeLimit } from './parse-time-limit.js'
import { type Column, levelCodeOf, levelLabel, normHeader } from './table-columns.js'

/** A cell the importer could not map, or mapped with a guess. */
interface CellNote {
  message: string
}

/** Normal form of a cell: lines trimmed, no blank edges (what HTML and CSV both give back). */
export const normCell = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '')

const lines = (s: string) =>
  normCell(s)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

/** The tick printed for a checked box. */
const TICK = '√'
const TICKS = /[√✓✔☑■●]/g
/** True when a cell holds a tick (√ ✓ ■ … or 是). */
const isTick = (s: string) => /[√✓✔☑■●]/.test(s) || /^(是|有|Y|y)$/.test(normCell(s))

const BULLET = /^(?:[●•·◆▪◇○\-*]|\d{1,2}[.、．)）]|[（(]\d{1,2}[)）])\s*/

/** 公开内容（要素）: one element per line with ● bullets. */
const formatContent = (elements: readonly string[]) => elements.map((e) => `●${e}`).join('\n')
/** Reads content elements: one per line, bullets and numbering dropped. */
const parseContent = (cell: string) =>
  lines(cell)
    // Several elements on one line: "●项目名称　●建设地点".
    .flatMap((l) => l.split(/[\s\u3000]*(?=[●•◆▪])/))
    .map((l) => l.replace(BULLET, '').trim())
    .filter(Boolean)

const BASIS_KIND: Record<NonNullable<LegalBasis['kind']>, string> = {
  law: '法律',
  administrative_regulation: '行政法规',
  departmental_rule: '部门规章',
  local_regulation: '地方性法规',
  normative_document: '规范性文件',
  other: '其他',
}
const KIND_OF = new Map<string, NonNullable<LegalBasis['kind']>>([
  ...Object.entries(BASIS_KIND).map(
    ([k, v]) => [v, k] as [string, NonNullable<LegalBasis['kind']>]
  ),
  ['部门规章及规范性文件', 'departmental_rule'],
  ['地方政府规章', 'local_regulation'],
])

/** 公开依据: one citation per line, `【kind】title（docNo）article`. */
function formatBasis(basis: readonly LegalBasis[]): string {
  return basis
    .map(
      (b) =>
        `${b.kind ? `【${BASIS_KIND[b.kind]}】` : ''}${b.title}${b.docNo ? `（${b.docNo}）` : ''}${b.article ?? ''}`
    )
    .join('\n')
}

const CITATION = /^(?:【([^】]+)】)?(《[^》]+》)(?:[（(]([^（）()]*号)[）)])?(.*)$/

/** Reads legal-basis lines; a line that is not `《title》…` becomes a title as printed. */
function parseBasis(cell: string): LegalBasis[] {
  return lines(cell).map((line) => {
    const m = CITATION.exec(line)
    if (!m) return { title: line }
    const kind = m[1] ? KIND_OF.get(m[1]) : undefined
    const out: LegalBasis = { title: m[2] as string }
    if (m[3]) out.docNo = m[3]
    const article = (m[4] ?? '').trim()
    if (article) out.article = article
    if (kind) out.kind = kind
    return out
  })
}

/** 公开主体: one body per line. */
const formatBodies = (bodies: readonly string[]) => bodies.join('\n')
/** Reads bodies split on lines, 、 and ；. */
const parseBodies = (cell: string) =>
  lines(cell)
    .flatMap((l) => l.split(/[、；;]/))
    .map((s) => s.trim())
    .filter(Boolean)

const channelTerms = vocabularies.channels.items
const CHANNEL_BY_LABEL = new Map<string, string>()
for (const t of channelTerms) {
  CHANNEL_BY_LABEL.set(normHeader(t.label), t.code)
  for (const a of t.aliases ?? []) CHANNEL_BY_LABEL.set(normHeader(a), t.code)
}
const channelLabel = (code: string) => channelTerms.find((t) => t.code === code)?.label ?? code

/** 公开渠道和载体: one channel per line, ■ required / □ optional, `：text` when it has text. */
const formatChannels = (channels: readonly ChannelUse[]) =>
  channels
    .map(
      (c) =>
        `${c.required ? '■' : '□'}${channelLabel(c.code)}${c.text !== undefined ? `：${c.text}` : ''}`
    )
    .join('\n')

const MARKS = /[■□☑☐√✓✔]/
// Channel cells also tick with ● (required) and ○ (optional).
const CHANNEL_MARKS = /[■□☑☐√✓✔●○]/
const OPTIONAL_MARK = /[□☐○]/

const channelCode = (label: string) => CHANNEL_BY_LABEL.get(normHeader(label))

/** Reads channels; unknown labels become `other` with the label as text, and a note. */
function parseChannels(cell: string): { channels: ChannelUse[]; notes: CellNote[] } {
  const text = normCell(cell)
  const tokens: { required: boolean; text: string }[] = []
  const unmarked = (part: string) => {
    const t = part.trim()
    if (!t) return
    // "政府网站 两微一端": split on spaces only when every piece is a known channel, since
    // some labels are printed with a space ("村公示栏 （电子屏）").
    const pieces = t.split(/[\s\u3000]+/)
    if (pieces.length > 1 && pieces.every((p) => channelCode(p) !== undefined))
      for (const p of pieces) tokens.push({ required: true, text: p })
    else tokens.push({ required: true, text: t })
  }
  if (CHANNEL_MARKS.test(text)) {
    // Text before the first mark on a line is an unmarked (so required) channel, not noise.
    for (const line of text.split('\n')) {
      const first = line.search(CHANNEL_MARKS)
      for (const part of (first < 0 ? line : line.slice(0, first)).split(/[、，,；;]/))
        unmarked(part)
      if (first < 0) continue
      for (const m of line.slice(first).matchAll(/([■□☑☐√✓✔●○])([^■□☑☐√✓✔●○]*)/g))
        tokens.push({
          required: !OPTIONAL_MARK.test(m[1] as string),
          text: (m[2] as string).trim(),
        })
    }
  } else {
    for (const part of text.split(/[\n、，,；;]/)) unmarked(part)
  }
  const channels: ChannelUse[] = []
  const notes: CellNote[] = []
  for (const token of tokens) {
    const t = token.text.replace(/[、，,；;]+$/, '').trim()
    if (t === '') continue
    const sep = t.search(/[：:]/)
    let label = sep >= 0 ? t.slice(0, sep) : t
    // "□其他：____" is the blank form: underscores are the printed line, not text.
    const rawExtra = sep >= 0 ? t.slice(sep + 1).replace(/^[\s_＿]+|[\s_＿]+$/g, '') : undefined
    let extra = rawExtra === '' ? undefined : rawExtra
    let code = channelCode(label)
    // "政府网站（XX区人民政府网）": a known label qualified in parentheses keeps the qualifier.
    const qualified = /^(.+?)[\s\u3000]*[（(]([^（）()]+)[)）]$/.exec(label)
    if (!code && qualified && channelCode(qualified[1] as string)) {
      code = channelCode(qualified[1] as string)
      label = qualified[1] as string
      extra = extra ?? (qualified[2] as string).trim()
    }
    let channelText = extra
    if (!code && normHeader(label).startsWith('其他')) {
      // Printed "□其他____" or "其他（社区微信群）": keep what follows as the text.
      code = 'other'
      const rest = label.slice(2).replace(/^[\s_（(]+|[\s_）)]+$/g, '')
      channelText = extra ?? (rest === '' ? undefined : rest)
    }
    if (!code) {
      code = 'other'
      channelText = t
      notes.push({ message: `未知的公开渠道 "${t}"，记为“其他”` })
    }
    const use: ChannelUse = { code: code as ChannelUse['code'], required: token.required }
    if (channelText !== undefined) use.text = channelText
    channels.push(use)
  }
  return { channels, notes }
}

const stripTicks = (s: string) =>
  normCell(s.replace(TICKS, ''))
    .replace(/^[（(]|[）)]$/g, '')
    .trim()

/** 特定群体 cell: named groups one per line, or a bare tick when unnamed. */
function formatSpecific(audience: CatalogueEntry['audience']): string {
  if (audience.specificGroups.length > 0) return audience.specificGroups.join('\n')
  return audience.general ? '' : TICK
}

/** Reads named groups from a 特定群体 cell. */
const parseGroups = (cell: string) =>
  stripTicks(cell)
    .split(/[\n、，,；;]/)
    .map((s) => s.trim())
    .filter(Boolean)

/** Reads a single 公开对象 column (no sub-columns): 全社会 and/or named groups. */
function parseAudienceText(cell: string): CatalogueEntry['audience'] {
  const text = normCell(cell)
  const general = /全社会|社会公众|公众/.test(text)
  const m = /特定(?:群体|群众|对象)[（(:：]?([^）)]*)[）)]?/.exec(text)
  const specificGroups = m ? parseGroups(m[1] ?? '') : []
  return { general, specificGroups }
}

/** Reads a single 公开方式 column: 主动 and/or 依申请. */
function parseModesText(cell: string): ModeCode[] {
  const text = normCell(cell)
  const modes: ModeCode[] = []
  if (/主动/.test(text)) modes.push('proactive')
  if (/依申请/.test(text)) modes.push('on_request')
  return modes
}

const fiveTerms = vocabularies['five-openness'].items

/** 五公开: all five boxes, ■ for the ones that apply. */
const formatFive = (codes: readonly string[]) =>
  fiveTerms.map((t) => `${codes.includes(t.code) ? '■' : '□'}${t.label}`).join(' ')

/** Reads 五公开 boxes (or a plain list of labels). */
function parseFive(cell: string): FiveOpennessCode[] {
  const text = normCell(cell)
  const marked = MARKS.test(text)
  return fiveTerms
    .filter((t) =>
      marked ? new RegExp(`[■☑√✓✔]\\s*${t.label}`).test(text) : text.includes(t.label)
    )
    .map((t) => t.code as FiveOpennessCode)
}

const durationTerms = vocabularies.durations.items

/** 公开时长: its text, else the label of its code. */
const formatDuration = (d: NonNullable<CatalogueEntry['duration']>) =>
  d.text ?? durationTerms.find((t) => t.code === d.code)?.label ?? d.code

/** Reads 公开时长: a known label gives its code, anything else is `custom` with the text. */
function parseDuration(cell: string): CatalogueEntry['duration'] {
  const text = normCell(cell)
  if (text === '') return undefined
  const term = durationTerms.find((t) => t.label === text || (t.aliases ?? []).includes(text))
  return term
    ? { code: term.code as NonNullable<CatalogueEntry['duration']>['code'] }
    : { code: 'custom', text }
}

const categoryTerms = vocabularies['content-categories'].items

/** Label of a content-category code. */
const formatContentCategory = (code: string) =>
  categoryTerms.find((t) => t.code === code)?.label ?? code

/** Reads a content-category label (or code). */
function parseContentCategory(cell: string): CatalogueEntry['contentCategory'] | null {
  const text = normCell(cell)
  if (text === '') return undefined
  const term = categoryTerms.find(
    (t) => t.label === text || t.code === text || (t.aliases ?? []).includes(text)
  )
  return term ? (term.code as CatalogueEntry['contentCategory']) : null
}

/** The printed fields of an entry, as the table shows them. */
export type PrintedFields = Partial<Omit<CatalogueEntry, 'id' | 'source'>>

/** The cell text of an entry in a column. */
export function formatCell(entry: CatalogueEntry, column: Column): string {
  switch (column.role) {
    case 'seq':
      return String(entry.seq)
    case 'category':
      return entry.category ?? ''
    case 'code':
      return entry.code ?? ''
    case 'level1':
      return entry.item.level1
    case 'level2':
      return entry.item.level2 ?? ''
    case 'level3':
      return entry.item.level3 ?? ''
    case 'content':
      return formatContent(entry.contentElements)
    case 'basis':
      return formatBasis(entry.legalBasis)
    case 'timeLimit':
      return entry.timeLimit.text
    case 'bodies':
      return formatBodies(entry.responsibleBodies)
    case 'channels':
      return formatChannels(entry.channels)
    case 'general':
      return entry.audience.general ? TICK : ''
    case 'specific':
      return formatSpecific(entry.audience)
    case 'proactive':
      return entry.modes.includes('proactive') ? TICK : ''
    case 'on_request':
      return entry.modes.includes('on_request') ? TICK : ''
    case 'level':
      return entry.levels?.some((l) => l.code === column.level?.code) ? TICK : ''
    case 'duration':
      return entry.duration ? formatDuration(entry.duration) : ''
    case 'scope':
      return entry.scope ?? ''
    case 'fiveOpenness':
      return entry.fiveOpenness ? formatFive(entry.fiveOpenness) : ''
    case 'contactPhone':
      return entry.contactPhone ?? ''
    case 'contentCategory':
      return entry.contentCategory ? formatContentCategory(entry.contentCategory) : ''
    case 'audience':
      return [entry.audience.general ? '全社会' : '', ...entry.audience.specificGroups]
        .filter(Boolean)
        .join('\n')
    case 'modes':
      return entry.modes.map((m) => (m === 'proactive' ? '主动' : '依申请')).join('\n')
    case 'levels':
      return (entry.levels ?? []).map((l) => l.label ?? levelLabel(l.code)).join('\n')
    default:
      return ''
  }
}

const optional = (s: string) => {
  const t = normCell(s)
  return t === '' ? undefined : t
}

/**
 * Reads the printed fields of one row (cells keyed by column position), with notes on cells it
 * could not map. Fields whose columns are absent stay undefined.
 */
export function parseCells(
  cells: readonly (string | undefined)[],
  columns: readonly (Column | undefined)[]
): {
  fields: PrintedFields & { item?: CatalogueEntry['item'] }
  notes: { column: number; message: string }[]
} {
  const notes: { column: number; message: string }[] = []
  const fields: Record<string, unknown> = {}
  const item: Record<string, string | undefined> = {}
  let general: boolean | undefined
  let groups: string[] | undefined
  let modes: ModeCode[] | undefined
  let levels: { code: string; label?: string }[] | undefined
  columns.forEach((column, c) => {
    if (!column) return
    const cell = cells[c] ?? ''
    switch (column.role) {
      case 'seq': {
        const n = Number.parseInt(normCell(cell), 10)
        if (Number.isInteger(n) && n >= 1) fields.seq = n
        else if (normCell(cell) !== '')
          notes.push({ column: c, message: `序号 "${cell}" 不是正整数` })
        break
      }
      case 'category':
      case 'code':
      case 'scope':
      case 'contactPhone':
        fields[column.role] = optional(cell)
        break
      case 'level1':
      case 'level2':
      case 'level3':
        item[column.role] = optional(cell)
        break
      case 'content':
        fields.contentElements = parseContent(cell)
        break
      case 'basis':
        fields.legalBasis = parseBasis(cell)
        break
      case 'timeLimit':
        if (normCell(cell) !== '') fields.timeLimit = parseTimeLimit(normCell(cell))
        break
      case 'bodies':
        fields.responsibleBodies = parseBodies(cell)
        break
      case 'channels': {
        const r = parseChannels(cell)
        fields.channels = r.channels
        for (const n of r.notes) notes.push({ column: c, message: n.message })
        break
      }
      case 'general':
        general = isTick(cell)
        break
      case 'specific':
        groups = parseGroups(cell)
        break
      case 'audience': {
        const a = parseAudienceText(cell)
        general = a.general
        groups = a.specificGroups
        break
      }
      case 'proactive':
      case 'on_request':
        modes ??= []
        if (isTick(cell)) modes.push(column.role)
        break
      case 'modes':
        modes = parseModesText(cell)
        break
      case 'level':
        levels ??= []
        if (isTick(cell) && column.level) {
          const { code, label } = column.level
          // domain.md §3.3: store the printed label next to the code.
          levels.push({ code, label })
        }
        break
      case 'levels':
        levels = lines(cell)
          // "县级、乡级" or "县级 乡级" in one cell; ticks before a label ("√县级") are marks.
          .flatMap((l) => l.split(/[、，,；;/\s\u3000]+/))
          .map((l) => l.replace(TICKS, '').trim())
          .filter(Boolean)
          .flatMap((l) => {
            const code = levelCodeOf(l)
            if (!code) notes.push({ column: c, message: `未知的公开层级 "${l}"` })
            return code ? [{ code, label: l }] : []
          })
        break
      case 'duration':
        fields.duration = parseDuration(cell)
        break
      case 'fiveOpenness':
        fields.fiveOpenness = normCell(cell) === '' ? undefined : parseFive(cell)
        break
      case 'contentCategory': {
        const code = parseContentCategory(cell)
        if (code === null) notes.push({ column: c, message: `未知的内容类别 "${normCell(cell)}"` })
        else fields.contentCategory = code
        break
      }
      default:
        break
    }
  })
  if (item.level1 !== undefined || item.level2 !== undefined || item.level3 !== undefined) {
    const out: Record<string, string> = {}
    for (const k of ['level1', 'level2', 'level3'] as const)
      if (item[k] !== undefined) out[k] = item[k]
    fields.item = out
  }
  if (general !== undefined || groups !== undefined)
    fields.audience = { general: general ?? false, specificGroups: groups ?? [] }
  if (modes !== undefined) fields.modes = modes
  if (levels !== undefined && levels.length > 0) fields.levels = levels
  for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k]
  return { fields: fields as PrintedFields & { item?: CatalogueEntry['item'] }, notes }
}
