import type { Catalogue, CatalogueEntry, EntrySource } from '@gongkai/schema'
import { validateCatalogue, vocabularies } from '@gongkai/schema'
import { decodeEntities, excelTextValue, parseCsv, sniffDelimiter } from '@gongkai/text'
import { parseHtmlTables, type SpanProblem } from './html-table.js'
import { slugOf } from './slug.js'
import { normCell, parseCells } from './table-cells.js'
import {
  applyOverlay,
  CATALOGUE_KEY_ORDER,
  ENTRY_KEY_ORDER,
  ordered,
  ROLE_KEY,
} from './table-codec.js'
import {
  type Column,
  isSubHeader,
  normHeader,
  resolveColumns,
  singleRole,
} from './table-columns.js'

/** A cell the importer could not map (or a catalogue-level problem when row/column are 0/''). */
export interface ImportProblem {
  /** 1-based row of the table (HTML `<tr>` or CSV record); 0 for the whole table. */
  row: number
  /** Header text of the column, or a JSON pointer for schema errors. */
  column: string
  /** The cell text. */
  value: string
  message: string
}

/** Options of `importTable`. */
export interface ImportOptions {
  /** 'html' or 'csv'; default: 'html' when the text contains `<table`. */
  format?: 'html' | 'csv'
  /** Catalogue id when the table carries none; default a slug of the title. */
  id?: string
  /** Title when the table has no caption or title row. */
  title?: string
  /** Field code (standard catalogues need one). */
  field?: Catalogue['field']
  /** Catalogue kind; default 'standard'. */
  kind?: Catalogue['kind']
  /** Version; default '1.0'. */
  version?: string
  /** Source put on entries that carry none; default the table's title, status L. */
  source?: EntrySource
}

/** Result: the catalogue read (valid when ok) and every problem found. */
export interface ImportResult {
  ok: boolean
  catalogue: Catalogue
  problems: ImportProblem[]
  /**
   * True when the table cannot be read at all (its rowspans/colspans do not add up, so every cell
   * after the wrong one would land in the wrong column): `catalogue` has no entries then.
   */
  refused?: boolean
}

interface Grid {
  caption?: string
  meta?: string
  rows: { cells: string[]; entryId?: string; gongkai?: string }[]
  spanProblems?: SpanProblem[]
}

// A heading just above the table ("某某街道…标准目录") names it when there is no <caption>.
function titleAbove(html: string, from: number, to: number): string | undefined {
  const text = decodeEntities(
    html
      .slice(from, to)
      .replace(/<(script|style|title)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<[^>]*>/g, '\n')
  ).replace(/[\u00a0\u3000]/g, ' ')
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const last = lines[lines.length - 1]
  return last !== undefined && /目录|清单/.test(last) && last.length <= 80 ? last : undefined
}

function gridFromHtml(text: string): Grid | undefined {
  const tables = parseHtmlTables(text)
  // The catalogue is the table with the header; layout and navigation tables come and go.
  const at = tables.findIndex((t) => t.rows.some((r) => knownHeaders(r.cells) >= 3))
  const table = tables[Math.max(at, 0)]
  if (!table) return undefined
  const prevEnd = at > 0 ? (tables[at - 1]?.end ?? 0) : 0
  const caption = table.caption ?? titleAbove(text, prevEnd, table.offset ?? 0)
  return {
    ...(caption === undefined ? {} : { caption }),
    ...(table.attributes['data-gongkai'] === undefined
      ? {}
      : { meta: table.attributes['data-gongkai'] }),
    spanProblems: table.spanProblems,
    rows: table.rows.map((r) => ({
      cells: r.cells,
      ...(r.attributes['data-entry-id'] === undefined
        ? {}
        : { entryId: r.attributes['data-entry-id'] }),
      ...(r.attributes['data-gongkai'] === undefined
        ? {}
        : { gongkai: r.attributes['data-gongkai'] }),
    })),
  }
}

// Comma- or tab-separated (a table copied out of a spreadsheet), whichever the text uses.
function gridFromCsv(text: string, problems: ImportProblem[]): Grid {
  const rows = parseCsv(text, {
    delimiter: sniffDelimiter(text),
    onIssue: (issue) =>
      problems.push({
        row: issue.record,
        column: '',
        value: '',
        message: `CSV 第 ${issue.line} 行：${issue.message}`,
      }),
  })
  // A CSV written for Excel (formatExcelCsv: it starts with a BOM) has a ' before formula-like
  // cells that is not part of the text. A plain CSV keeps its cells as they are: there a leading '
  // is the text itself.
  if (text.charCodeAt(0) !== 0xfeff) return { rows: rows.map((cells) => ({ cells })) }
  return { rows: rows.map((cells) => ({ cells: cells.map(excelTextValue) })) }
}

const knownHeaders = (cells: readonly string[]) =>
  cells.filter((c) => singleRole(c) !== undefined || isSubHeader(c)).length

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text)
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined
  } catch {
    return undefined
  }
}

/**
 * The field a catalogue title names (义务教育领域基层政务公开标准目录 → compulsory_education): the
 * longest field label or alias found in the title, so published tables import without --field.
 */
export function fieldFromTitle(title: string | undefined): Catalogue['field'] | undefined {
  if (!title) return undefined
  let best: { code: string; length: number } | undefined
  for (const term of vocabularies.fields.items) {
    for (const name of [term.label, ...(term.aliases ?? [])]) {
      if (name.length >= 2 && title.includes(name) && (!best || name.length > best.length)) {
        best = { code: term.code, length: name.length }
      }
    }
  }
  return best?.code as Catalogue['field'] | undefined
}

/**
 * Reads a catalogue published in the official table layout (HTML or CSV), with or without the
 * machine columns `exportTable` adds: detects header rows by their text, expands merged cells,
 * maps ■/□ channel labels, ticks and 公开时限 wording, and reports every cell it cannot map.
 * @example importTable(html, { format: 'html', field: 'compulsory_education' })
 */
export function importTable(text: string, options: ImportOptions = {}): ImportResult {
  const problems: ImportProblem[] = []
  const format = options.format ?? (/<table[\s>]/i.test(text) ? 'html' : 'csv')
  const grid: Grid =
    format === 'html' ? (gridFromHtml(text) ?? { rows: [] }) : gridFromCsv(text, problems)
  if (format === 'html' && grid.rows.length === 0)
    problems.push({ row: 0, column: '', value: '', message: '没有找到 <table>' })
  if (grid.spanProblems && grid.spanProblems.length > 0) {
    // Reading on would put cells under the wrong headers: refuse, naming the rows and spans.
    const header = grid.rows.find((r) => knownHeaders(r.cells) >= 3)?.cells ?? []
    for (const p of grid.spanProblems)
      problems.push({
        row: p.row,
        column: header[p.column - 1] || `第 ${p.column} 列`,
        value: grid.rows[p.row - 1]?.cells[p.column - 1] ?? '',
        message: `合并单元格对不上：${p.message}`,
      })
    return { ...finish(options, grid, problems, [], undefined), ok: false, refused: true }
  }

  // The header is the first row naming at least three known columns.
  const headerAt = grid.rows.findIndex((r) => knownHeaders(r.cells) >= 3)
  if (headerAt < 0) {
    problems.push({
      row: 0,
      column: '',
      value: '',
      message: '没有找到表头（序号、公开事项、公开内容 …）',
    })
    return finish(options, grid, problems, [], undefined)
  }
  const top = grid.rows[headerAt]?.cells ?? []
  const next = grid.rows[headerAt + 1]?.cells
  const hasSub =
    next?.some((c, i) => isSubHeader(c) && normHeader(c) !== normHeader(top[i] ?? '')) &&
    !next?.some((c, i) => singleRole(top[i] ?? '') === 'seq' && /^\d+$/.test(c.trim()))
  const { columns, unknown } = resolveColumns(top, hasSub ? next : undefined)
  const headerName = (c: number) => {
    const col = columns[c]
    return col ? (col.sub ?? col.top) : (top[c] ?? `#${c + 1}`)
  }
  for (const u of unknown)
    problems.push({
      row: headerAt + 1,
      column: u.text,
      value: u.text,
      message: `无法识别的列 "${u.text}"，已忽略`,
    })

  // CSV: title rows above the header carry the title and, in the _gongkai column, the metadata.
  const metaColumn = columns.findIndex((c) => c?.role === '_gongkai')
  for (const r of grid.rows.slice(0, headerAt)) {
    const first = r.cells.find((c) => c.trim() !== '')
    if (grid.caption === undefined && first !== undefined && first !== r.cells[metaColumn])
      grid.caption = normCell(first)
    const meta = metaColumn >= 0 ? r.cells[metaColumn] : undefined
    if (meta?.trim().startsWith('{')) grid.meta = meta
  }

  const entries: { entry: Record<string, unknown>; row: number }[] = []
  const firstData = headerAt + (hasSub ? 2 : 1)
  let level1: string | undefined
  const usedIds = new Set<string>()
  for (let r = firstData; r < grid.rows.length; r++) {
    const row = grid.rows[r] as Grid['rows'][number]
    const rowNo = r + 1
    const filled = row.cells.map((c) => c.trim()).filter(Boolean)
    if (filled.length === 0) continue
    // A note under the table ("注：■为必选项") spans the row or fills only its first cell.
    if (
      (filled.length > 1 &&
        new Set(filled).size === 1 &&
        filled.length >= Math.min(3, columns.length)) ||
      (filled.length === 1 &&
        columns.findIndex((c) => c?.role === 'level1') >= 0 &&
        !row.cells[columns.findIndex((c) => c?.role === 'level1')]?.trim() &&
        /^注|说明|备注/.test(filled[0] as string))
    ) {
      problems.push({
        row: rowNo,
        column: '',
        value: filled[0] as string,
        message: '说明行，已跳过',
      })
      continue
    }
    const { fields, notes } = parseCells(row.cells, columns)
    for (const n of notes)
      problems.push({
        row: rowNo,
        column: headerName(n.column),
        value: row.cells[n.column] ?? '',
        message: n.message,
      })
    const entry: Record<string, unknown> = { ...fields }
    const item = { ...(fields.item ?? {}) } as Record<string, string>
    // Blank 一级事项 / 类别 in CSV mean "same as above" (merged cells).
    const continued =
      item.level1 === undefined && level1 !== undefined && columns.some((c) => c?.role === 'level1')
    if (continued && level1 !== undefined) {
      item.level1 = level1
      // Merged 公开依据 / 公开主体 / 时限 / 渠道 arrive blank in CSV (and in HTML written without
      // rowspan): a row continuing a merged 一级事项 takes them from the row above. Only fields that
      // cannot be legally empty, plus 公开依据 when there is no machine overlay to say otherwise.
      const prev = entries[entries.length - 1]?.entry
      if (prev) {
        const empty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0)
        const inherit = ['responsibleBodies', 'channels', 'timeLimit']
        if (metaColumn < 0 && row.gongkai === undefined) inherit.push('legalBasis')
        for (const key of inherit)
          if (
            empty(entry[key]) &&
            !empty(prev[key]) &&
            columns.some((c) => c && ROLE_KEY[c.role] === key)
          )
            entry[key] = structuredClone(prev[key])
      }
    }
    if (item.level1 === undefined)
      problems.push({ row: rowNo, column: '一级事项', value: '', message: '缺少一级事项' })
    level1 = item.level1
    entry.item = ordered(item, ['level1', 'level2', 'level3'])
    if (entry.seq === undefined) entry.seq = entries.length + 1
    if (entry.timeLimit === undefined && columns.some((c) => c?.role === 'timeLimit'))
      problems.push({ row: rowNo, column: '公开时限', value: '', message: '公开时限为空' })
    const idColumn = columns.findIndex((c) => c?.role === '_id')
    let id = row.entryId ?? (idColumn >= 0 ? row.cells[idColumn]?.trim() : undefined)
    if (!id) {
      const base =
        [item.level1, item.level2, item.level3]
          .filter(Boolean)
          .map((s) => slugOf(s as string))
          .join('.') || `row-${rowNo}`
      id = base
      for (let k = 2; usedIds.has(id); k++) id = `${base}-${k}`
    }
    usedIds.add(id)
    entry.id = id
    const overlayText = row.gongkai ?? (metaColumn >= 0 ? row.cells[metaColumn] : undefined)
    if (overlayText?.trim()) {
      const overlay = parseJson(overlayText)
      if (overlay) applyOverlay(entry, overlay)
      else
        problems.push({
          row: rowNo,
          column: '_gongkai',
          value: overlayText,
          message: '_gongkai 不是 JSON 对象，已忽略',
        })
    }
    entries.push({ entry, row: rowNo })
  }
  return finish(options, grid, problems, entries, columns)
}

function finish(
  options: ImportOptions,
  grid: Grid,
  problems: ImportProblem[],
  rows: { entry: Record<string, unknown>; row: number }[],
  columns: (Column | undefined)[] | undefined
): ImportResult {
  const title = options.title ?? grid.caption ?? options.id ?? '未命名目录'
  const source: EntrySource = options.source ?? {
    title,
    status: 'L',
    copies: [],
    note: '由公开的目录表格导入',
  }
  let meta: Record<string, unknown> | undefined
  if (grid.meta) {
    meta = parseJson(grid.meta)
    if (!meta)
      problems.push({
        row: 0,
        column: '_gongkai',
        value: grid.meta,
        message: '目录元数据不是 JSON 对象，已忽略',
      })
  }
  const extraColumns = [
    ...new Set(
      (columns ?? []).flatMap((c) =>
        c?.role === 'category' ||
        c?.role === 'code' ||
        c?.role === 'level3' ||
        c?.role === 'duration' ||
        c?.role === 'scope' ||
        c?.role === 'fiveOpenness' ||
        c?.role === 'contactPhone' ||
        c?.role === 'contentCategory'
          ? [c.role]
          : c?.role === 'level' || c?.role === 'levels'
            ? ['levels']
            : []
      )
    ),
  ]
  const base: Record<string, unknown> = meta
    ? { ...meta }
    : {
        id: options.id ?? slugOf(title),
        kind: options.kind ?? 'standard',
        ...((options.field ?? fieldFromTitle(title))
          ? { field: options.field ?? fieldFromTitle(title) }
          : {}),
        version: options.version ?? '1.0',
        ...(extraColumns.length > 0 ? { extraColumns } : {}),
      }
  if (base.title === undefined) base.title = title
  const entries = rows.map(({ entry }) => {
    if (entry.source === undefined) entry.source = source
    return ordered(entry, ENTRY_KEY_ORDER) as unknown as CatalogueEntry
  })
  const catalogue = ordered({ ...base, entries }, CATALOGUE_KEY_ORDER) as unknown as Catalogue
  const result = validateCatalogue(catalogue)
  if (!result.ok)
    for (const e of result.errors) {
      const m = /^\/entries\/(\d+)/.exec(e.pointer)
      const row = m ? (rows[Number(m[1])]?.row ?? 0) : 0
      problems.push({ row, column: e.pointer, value: e.actual, message: e.message })
    }
  return { ok: result.ok, catalogue, problems }
}
