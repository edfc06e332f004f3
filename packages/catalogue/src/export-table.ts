import type { Catalogue } from '@gongkai/schema'
import { escapeXml, formatCsv, formatExcelCsv } from '@gongkai/text'
import { catalogueOverlay, encodeEntry } from './table-codec.js'
import { type Column, columnsFor } from './table-columns.js'

/**
 * Output format: RFC 4180 CSV (LF), CSV for Excel (`formatExcelCsv`: UTF-8 BOM, CRLF, a `'`
 * before cells starting with = + - @ tab or CR), or an HTML table.
 */
export type TableFormat = 'csv' | 'xlsx-csv' | 'html'

/** Options of `exportTable`. */
export interface ExportOptions {
  /** Embed ids and unprinted fields (`_id`/`_gongkai` columns, `data-*` attributes); default true. */
  machineColumns?: boolean
  /** HTML only: wrap the table in a complete UTF-8 document; default false. */
  document?: boolean
}

// The two header rows: a group header spans its sub-columns; others span both rows.
function headerRows(columns: readonly Column[]) {
  const top: { text: string; colspan: number; rowspan: number }[] = []
  const sub: string[] = []
  columns.forEach((c, i) => {
    const prev = columns[i - 1]
    if (c.sub !== undefined) {
      sub.push(c.sub)
      const last = top[top.length - 1]
      if (prev?.sub !== undefined && prev.top === c.top && last) last.colspan++
      else top.push({ text: c.top, colspan: 1, rowspan: 1 })
    } else top.push({ text: c.top, colspan: 1, rowspan: 2 })
  })
  return { top, sub }
}

const json = (v: unknown) => JSON.stringify(v)

function toCsv(catalogue: Catalogue, columns: Column[], machine: boolean, excel: boolean): string {
  const width = columns.length
  const rows: string[][] = []
  const title = Array<string>(width).fill('')
  title[0] = catalogue.title
  if (machine) title[width - 1] = json(catalogueOverlay(catalogue))
  rows.push(title)
  rows.push(
    columns.map((c, i) =>
      c.sub !== undefined && columns[i - 1]?.top === c.top && columns[i - 1]?.sub !== undefined
        ? ''
        : c.top
    )
  )
  rows.push(columns.map((c) => c.sub ?? ''))
  let previousLevel1: string | undefined
  for (const entry of catalogue.entries) {
    const { cells, overlay } = encodeEntry(entry, columns)
    columns.forEach((c, i) => {
      if (c.role === '_id') cells[i] = entry.id
      if (c.role === '_gongkai') cells[i] = json(overlay)
      // A repeated 一级事项 is left blank, as merged cells look in the printed table.
      if (c.role === 'level1' && entry.item.level1 === previousLevel1) cells[i] = ''
    })
    previousLevel1 = entry.item.level1
    rows.push(cells)
  }
  // The Excel variant is the one Excel CSV writer of every download (BOM, CRLF, formula-like
  // cells prefixed with '); importTable takes the prefix off again.
  return excel ? formatExcelCsv(rows) : formatCsv(rows, { eol: '\n' })
}

const cellHtml = (text: string) => escapeXml(text).replace(/\n/g, '<br>')

function toHtml(
  catalogue: Catalogue,
  columns: Column[],
  machine: boolean,
  document: boolean
): string {
  const { top, sub } = headerRows(columns.filter((c) => c.role !== '_id' && c.role !== '_gongkai'))
  const printed = columns.filter((c) => c.role !== '_id' && c.role !== '_gongkai')
  const out: string[] = []
  const tableAttrs = machine
    ? ` data-catalogue-id="${escapeXml(catalogue.id)}" data-gongkai="${escapeXml(json(catalogueOverlay(catalogue)))}"`
    : ''
  out.push(`<table class="gongkai-catalogue"${tableAttrs}>`)
  out.push(`<caption>${cellHtml(catalogue.title)}</caption>`)
  out.push('<thead>')
  out.push(
    `<tr>${top
      .map(
        (h) =>
          `<th${h.rowspan > 1 ? ` rowspan="${h.rowspan}"` : ''}${h.colspan > 1 ? ` colspan="${h.colspan}"` : ''} scope="col">${cellHtml(h.text)}</th>`
      )
      .join('')}</tr>`
  )
  out.push(`<tr>${sub.map((s) => `<th scope="col">${cellHtml(s)}</th>`).join('')}</tr>`)
  out.push('</thead>')
  out.push('<tbody>')
  const encoded = catalogue.entries.map((e) => encodeEntry(e, printed))
  // Rowspan runs of equal 类别 / 一级事项, as in the printed catalogues.
  const merged = new Set(['category', 'level1'])
  const spans = printed.map((c) => {
    const runs = Array<number>(catalogue.entries.length).fill(1)
    if (!merged.has(c.role)) return runs
    const col = printed.indexOf(c)
    for (let i = catalogue.entries.length - 1; i > 0; i--) {
      const a = encoded[i]?.cells[col]
      if (a !== '' && a === encoded[i - 1]?.cells[col]) {
        runs[i - 1] = (runs[i - 1] as number) + (runs[i] as number)
        runs[i] = 0
      }
    }
    return runs
  })
  catalogue.entries.forEach((entry, r) => {
    const { cells, overlay } = encoded[r] as { cells: string[]; overlay: Record<string, unknown> }
    const attrs = machine
      ? ` data-entry-id="${escapeXml(entry.id)}" data-gongkai="${escapeXml(json(overlay))}"`
      : ''
    const tds = cells
      .map((text, c) => {
        const span = spans[c]?.[r] ?? 1
        if (span === 0) return ''
        return `<td${span > 1 ? ` rowspan="${span}"` : ''}>${cellHtml(text)}</td>`
      })
      .join('')
    out.push(`<tr${attrs}>${tds}</tr>`)
  })
  out.push('</tbody>')
  out.push('</table>')
  const table = out.join('\n')
  if (!document) return `${table}\n`
  return `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${cellHtml(catalogue.title)}</title>\n</head>\n<body>\n${table}\n</body>\n</html>\n`
}

/**
 * Renders a catalogue in the official table layout (two-row header, ■/□ channels, √ ticks).
 * With machine columns (default) `importTable` reads it back to an equal catalogue.
 * @example exportTable(catalogue, 'xlsx-csv', { machineColumns: false }) // print layout for Excel
 */
export function exportTable(
  catalogue: Catalogue,
  format: TableFormat | 'xlsx-compatible csv',
  options: ExportOptions = {}
): string {
  const machine = options.machineColumns ?? true
  const columns = columnsFor(catalogue, machine)
  if (format === 'html') return toHtml(catalogue, columns, machine, options.document ?? false)
  return toCsv(catalogue, columns, machine, format !== 'csv')
}
