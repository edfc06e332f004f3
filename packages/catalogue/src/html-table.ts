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

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: ' ',
  emsp: ' ',
  middot: '·',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
}

/** Decodes HTML character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m
    }
    return NAMED[ref.toLowerCase()] ?? m
  })
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

function parseAttributes(source: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of source.matchAll(/([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
    out[(m[1] as string).toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')
  return out
}

const cellText = (raw: string) =>
  decodeEntities(raw)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/^\n+|\n+$/g, '')

const BLOCK = /^(p|div|li|ul|ol|h[1-6])$/

const span = (v: string | undefined) => {
  const n = Number.parseInt(v ?? '1', 10)
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1
}

/** Reads the first `<table>` of an HTML text into a grid; tolerant of sloppy markup, never throws. */
export function parseHtmlTable(html: string): HtmlTable | undefined {
  return readTable(html, 0)?.table
}

/**
 * Reads every top-level `<table>` of an HTML text, in document order (a portal page often has
 * layout or navigation tables before the catalogue); tables nested in a cell stay in that cell.
 */
export function parseHtmlTables(html: string): HtmlTable[] {
  const out: HtmlTable[] = []
  for (let r = readTable(html, 0); r; r = readTable(html, r.end)) out.push(r.table)
  return out
}

function readTable(html: string, from: number): { table: HtmlTable; end: number } | undefined {
  const at = html.slice(from).search(/<table[\s>]/i)
  if (at < 0) return undefined
  const start = from + at
  let end = html.length
  const table: HtmlTable = { offset: start, attributes: {}, rows: [] }
  type RawCell = { text: string; rowspan: number; colspan: number }
  const rawRows: { attributes: Record<string, string>; cells: RawCell[] }[] = []
  let cell: RawCell | undefined
  let caption: string | undefined
  let depth = 0
  const tag =
    /<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+|<)/gi
  tag.lastIndex = start
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const text = m[5]
    if (text !== undefined) {
      // Source line breaks are layout, not content; <br> and block ends are the real breaks.
      const flat = text.replace(/[\r\n\t]+/g, ' ')
      if (cell) cell.text += flat
      else if (caption !== undefined) caption += flat
      continue
    }
    const name = m[3]?.toLowerCase()
    if (!name) continue
    const closing = m[2] === '/'
    if (name === 'table') {
      if (!closing) {
        depth++
        if (depth === 1) table.attributes = parseAttributes(m[4] ?? '')
        continue
      }
      depth--
      if (depth === 0) {
        end = tag.lastIndex
        break
      }
      continue
    }
    // Nested tables are flattened into the enclosing cell's text.
    if (depth > 1) continue
    if (name === 'caption') {
      if (closing) {
        table.caption = cellText(caption ?? '')
        caption = undefined
      } else caption = ''
    } else if (name === 'tr' && !closing) {
      cell = undefined
      rawRows.push({ attributes: parseAttributes(m[4] ?? ''), cells: [] })
    } else if ((name === 'td' || name === 'th') && !closing) {
      const attrs = parseAttributes(m[4] ?? '')
      cell = { text: '', rowspan: span(attrs.rowspan), colspan: span(attrs.colspan) }
      if (rawRows.length === 0) rawRows.push({ attributes: {}, cells: [] })
      rawRows[rawRows.length - 1]?.cells.push(cell)
    } else if ((name === 'td' || name === 'th' || name === 'tr') && closing) cell = undefined
    else if (cell && (name === 'br' || BLOCK.test(name))) {
      // An opening block after inline text starts a new line too (`局<p>分局</p>`), once.
      if (name === 'br' || closing || !/(^|\n)\s*$/.test(cell.text)) cell.text += '\n'
    }
  }

  // Expand rowspan/colspan: each covered slot gets the cell's text.
  const pending: { text: string; left: number }[] = []
  for (const raw of rawRows) {
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
  table.end = end
  return { table, end }
}
