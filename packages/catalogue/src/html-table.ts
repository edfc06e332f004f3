import { Parser } from 'htmlparser2'

/** A table read from HTML, with merged cells expanded into a full grid. */
export interface HtmlTable {
  /** Text of `<caption>`, if any. */
  caption?: string
  /** Offsets of the `<table` tag and just past its `</table>` in the HTML text. */
  offset?: number
  end?: number
  /** Attributes of the `<table>` element. */
  attributes: Record<string, string>
  /** One entry per `<tr>`: its attributes and the grid row (rowspan/colspan copied into each slot). */
  rows: { attributes: Record<string, string>; cells: string[] }[]
  /**
   * Rows whose cells, with the rowspans and colspans reaching them, do not cover the table's width
   * (that of most rows): a wrong span shifts every later cell, so such a table cannot be read.
   */
  spanProblems: SpanProblem[]
}

/** A row the spans do not add up in: `row` is the 1-based `<tr>`, `column` the 1-based slot. */
export interface SpanProblem {
  row: number
  column: number
  message: string
}

interface RawCell {
  text: string
  rowspan: number
  colspan: number
}

interface RawTable {
  table: HtmlTable
  rows: { attributes: Record<string, string>; cells: RawCell[] }[]
}

// Elements whose start or end breaks a line inside a cell (<br> too).
const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
// Raw-text elements: their content is code, never cell text.
const RAW_TEXT = new Set(['script', 'style'])
const SLASH = 47

const cellText = (raw: string) =>
  raw
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '')

const span = (v: string | undefined) => {
  const n = Number.parseInt(v ?? '1', 10)
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1
}

/** Reads the first `<table>` of an HTML text into a grid; tolerant of sloppy markup, never throws. */
export function parseHtmlTable(html: string): HtmlTable | undefined {
  return parseHtmlTables(html)[0]
}

/**
 * Reads every top-level `<table>` of an HTML text, in document order (a portal page often has
 * layout or navigation tables before the catalogue); tables nested in a cell stay in that cell,
 * as text. htmlparser2 reads the markup as browsers do: entities decoded, unclosed `<td>` and
 * `<tr>` closed by the next one, script and style skipped.
 */
export function parseHtmlTables(html: string): HtmlTable[] {
  const out: HtmlTable[] = []
  let current: RawTable | undefined
  let cell: RawCell | undefined
  let caption: string | undefined
  let depth = 0
  let rawText = 0

  // An opening block after inline text starts a new line too (`局<p>分局</p>`), once.
  const blockStart = () => {
    if (cell && !/(^|\n)\s*$/.test(cell.text)) cell.text += '\n'
  }

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (RAW_TEXT.has(name)) rawText++
        if (name === 'table') {
          depth++
          if (depth === 1) {
            current = {
              table: { offset: parser.startIndex, attributes, rows: [], spanProblems: [] },
              rows: [],
            }
            cell = undefined
            caption = undefined
          }
          return
        }
        // Tags of a nested table are ignored: its text joins the enclosing cell's.
        if (depth !== 1 || !current) return
        if (name === 'caption') caption = ''
        else if (name === 'tr') {
          cell = undefined
          current.rows.push({ attributes, cells: [] })
        } else if (name === 'td' || name === 'th') {
          cell = { text: '', rowspan: span(attributes.rowspan), colspan: span(attributes.colspan) }
          if (current.rows.length === 0) current.rows.push({ attributes: {}, cells: [] })
          current.rows[current.rows.length - 1]?.cells.push(cell)
        } else if (name === 'br') {
          if (cell) cell.text += '\n'
        } else if (BLOCK.has(name) && html.charCodeAt(parser.startIndex + 1) !== SLASH) {
          // (A stray `</p>` is read as `<p></p>`: only its end counts, as the tag written.)
          blockStart()
        }
      },
      ontext(text) {
        if (rawText > 0) return
        // Source line breaks are layout, not content; <br> and block ends are the real breaks.
        const flat = text.replace(/[\r\n\t]+/g, ' ')
        if (cell) cell.text += flat
        else if (caption !== undefined) caption += flat
      },
      onclosetag(name, implied) {
        if (RAW_TEXT.has(name)) rawText = Math.max(0, rawText - 1)
        if (name === 'table') {
          depth--
          if (depth === 0 && current) {
            // An implied end (a missing `</table>`) ends where the parser noticed it.
            current.table.end = implied ? parser.startIndex : parser.endIndex + 1
            out.push(toGrid(current))
            current = undefined
            cell = undefined
          }
          return
        }
        if (depth !== 1 || !current) return
        if (name === 'caption') {
          if (caption !== undefined) current.table.caption = cellText(caption)
          caption = undefined
        } else if (name === 'td' || name === 'th' || name === 'tr') cell = undefined
        // Only ends written in the source break lines, not those the parser implies.
        else if (cell && !implied && BLOCK.has(name)) cell.text += '\n'
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
  )
  parser.end(html)
  return out
}

interface Pending {
  text: string
  left: number
  /** Where the spanning cell is: 1-based row and slot, and its spans. */
  row: number
  column: number
  rowspan: number
  colspan: number
}

const quoteCell = (text: string) => `"${text.length > 20 ? `${text.slice(0, 19)}…` : text}"`

/** Expands rowspan/colspan: each covered slot gets the cell's text; rows that do not add up are listed. */
function toGrid({ table, rows }: RawTable): HtmlTable {
  const pending: (Pending | undefined)[] = []
  const widths: number[] = []
  // Per row: the spanning cells from rows above that reach into it.
  const reaching: Pending[][] = []
  rows.forEach((raw, r) => {
    const cells: string[] = []
    const from: Pending[] = []
    let col = 0
    const fillPending = () => {
      while (pending[col] && (pending[col] as Pending).left > 0) {
        const p = pending[col] as Pending
        cells[col] = p.text
        if (!from.includes(p)) from.push(p)
        p.left--
        col++
      }
    }
    fillPending()
    for (const c of raw.cells) {
      fillPending()
      const text = cellText(c.text)
      const p: Pending = {
        text,
        left: c.rowspan - 1,
        row: r + 1,
        column: col + 1,
        rowspan: c.rowspan,
        colspan: c.colspan,
      }
      for (let k = 0; k < c.colspan; k++) {
        cells[col] = text
        pending[col] = p
        col++
      }
    }
    fillPending()
    // Trailing pending slots beyond the last cell of this row.
    for (let c = col; c < pending.length; c++) {
      const p = pending[c]
      if (p && p.left > 0) {
        cells[c] = p.text
        if (!from.includes(p)) from.push(p)
        p.left--
      }
    }
    widths.push(cells.length)
    reaching.push(from)
    table.rows.push({ attributes: raw.attributes, cells: Array.from(cells, (c) => c ?? '') })
  })
  table.spanProblems = spanProblems(rows, widths, reaching)
  return table
}

/** The rows whose width differs from that of most rows, each with the spans that may be at fault. */
function spanProblems(
  rows: RawTable['rows'],
  widths: number[],
  reaching: Pending[][]
): SpanProblem[] {
  const count = new Map<number, number>()
  for (const w of widths) count.set(w, (count.get(w) ?? 0) + 1)
  let width = 0
  let most = 0
  for (const [w, n] of count) if (n > most || (n === most && w > width)) [width, most] = [w, n]
  const problems: SpanProblem[] = []
  widths.forEach((w, r) => {
    // A row without cells (an empty <tr>) is not a row of the table.
    if (w === width || (rows[r]?.cells.length ?? 0) === 0) return
    const spans = [
      ...(reaching[r] ?? []),
      ...(rows[r]?.cells ?? [])
        .map((c, k) => ({ c, k }))
        .filter(({ c }) => c.colspan > 1 || c.rowspan > 1)
        .map(({ c, k }) => ({
          text: cellText(c.text),
          row: r + 1,
          column: k + 1,
          rowspan: c.rowspan,
          colspan: c.colspan,
          left: 0,
        })),
    ]
    const culprit = spans[spans.length - 1]
    const suspects = spans
      .map(
        (p) =>
          `${quoteCell(p.text)} at row ${p.row}, column ${p.column} (${p.rowspan > 1 ? `rowspan ${p.rowspan}` : ''}${p.rowspan > 1 && p.colspan > 1 ? ', ' : ''}${p.colspan > 1 ? `colspan ${p.colspan}` : ''})`
      )
      .join('; ')
    problems.push({
      row: r + 1,
      column: culprit ? culprit.column : Math.min(w, width) + 1,
      message: `row ${r + 1} covers ${w} columns with its cells and the spans reaching it, the table ${width}: ${suspects ? `check the rowspan/colspan of ${suspects}` : 'a cell is missing or one too many'}`,
    })
  })
  return problems
}
