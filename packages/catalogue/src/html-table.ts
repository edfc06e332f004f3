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
            current = { table: { offset: parser.startIndex, attributes, rows: [] }, rows: [] }
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

/** Expands rowspan/colspan: each covered slot gets the cell's text. */
function toGrid({ table, rows }: RawTable): HtmlTable {
  const pending: { text: string; left: number }[] = []
  for (const raw of rows) {
    const cells: string[] = []
    let col = 0
    const fillPending = () => {
      while (pending[col] && (pending[col] as { left: number }).left > 0) {
        const p = pending[col] as { text: string; left: number }
        cells[col] = p.text
        p.left--
        col++
      }
    }
    fillPending()
    for (const c of raw.cells) {
      fillPending()
      const text = cellText(c.text)
      for (let k = 0; k < c.colspan; k++) {
        cells[col] = text
        pending[col] = { text, left: c.rowspan - 1 }
        col++
      }
    }
    fillPending()
    // Trailing pending slots beyond the last cell of this row.
    for (let c = col; c < pending.length; c++) {
      const p = pending[c]
      if (p && p.left > 0) {
        cells[c] = p.text
        p.left--
      }
    }
    table.rows.push({ attributes: raw.attributes, cells: Array.from(cells, (c) => c ?? '') })
  }
  return table
}
