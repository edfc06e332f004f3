/** Options of `formatCsv`. */
export interface CsvFormatOptions {
  /** Line ending; default '\n'. */
  eol?: '\n' | '\r\n'
  /** Prefix a UTF-8 byte-order mark (Excel needs it to read UTF-8); default false. */
  bom?: boolean
}

// RFC 4180: quote a field holding a delimiter, quote or line break; also keep edge spaces.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

/** Writes rows as RFC 4180 CSV, quoting only where needed. */
export function formatCsv(rows: readonly (readonly string[])[], options: CsvFormatOptions = {}) {
  const eol = options.eol ?? '\n'
  const body = rows
    .map((row) =>
      row.map((f) => (NEEDS_QUOTES.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')
    )
    .join(eol)
  return `${options.bom ? '\uFEFF' : ''}${body}${eol}`
}

/**
 * Reads RFC 4180 CSV (quoted fields may hold delimiters, quotes and line breaks); CRLF or LF;
 * a leading BOM is dropped; the delimiter is ',' unless the first line has more tabs than commas.
 */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '')
  const firstLine = src.slice(0, src.search(/\r?\n|$/))
  const tabs = firstLine.split('\t').length
  const delimiter = tabs > firstLine.split(',').length ? '\t' : ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  while (i < src.length) {
    const ch = src[i] as string
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') quoted = true
    else if (ch === delimiter) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      if (ch === '\r' && src[i + 1] === '\n') i++
    } else field += ch
    i++
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
