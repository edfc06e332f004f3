import { csvField } from './csv-format.js'

/** The UTF-8 byte-order mark an Excel CSV starts with, so Excel reads UTF-8 (not the ANSI code page). */
export const EXCEL_CSV_BOM = '\uFEFF'

// First characters that make Excel (and LibreOffice, WPS) read a cell as a formula or a command:
// = + - @, and tab or CR, which some of them skip before looking again. A cell that already
// starts with quotes before one of them gets one more quote too, so that removing one quote
// ({@link excelTextValue}) always gives the value back.
const FORMULA_START = /^'*[=+\-@\t\r]/

/**
 * A text cell as an Excel CSV holds it: a `'` in front when it starts with `=`, `+`, `-`, `@`,
 * tab or CR, so a spreadsheet shows it as text instead of running it as a formula (CSV/formula
 * injection; OWASP's rule). The `'` is in the bytes, which is why the canonical CSV never has it.
 * @example excelText('=HYPERLINK("http://x")') // '\'=HYPERLINK("http://x")'
 */
export function excelText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s
}

/**
 * The value of a text cell read from an Excel CSV: the inverse of {@link excelText} (one `'`
 * removed before a formula-like start).
 * @example excelTextValue("'-5") // '-5'
 */
export function excelTextValue(s: string): string {
  return s.charCodeAt(0) === 39 && FORMULA_START.test(s) ? s.slice(1) : s
}

/**
 * One Excel CSV record, CRLF included: fields as `csvField` writes them, and the text cells of
 * the columns marked in `textColumns` (all string cells when it is not given) passed through
 * {@link excelText}. Numbers, including negative ones, are never prefixed.
 */
export function excelCsvRow(
  row: readonly unknown[],
  width: number,
  textColumns?: readonly boolean[]
): string {
  let line = ''
  for (let i = 0; i < width; i++) {
    const v = row[i]
    const text = typeof v === 'string' && (textColumns ? textColumns[i] === true : true)
    const f = csvField(text ? excelText(v as string) : v)
    line += i === 0 ? f : `,${f}`
  }
  return line === '' && width === 1 ? '""\r\n' : `${line}\r\n`
}

/**
 * A whole CSV for Excel: UTF-8 BOM, CRLF, RFC 4180 quoting, and the formula rule of
 * {@link excelText} on every string cell (on `textColumns` only, when given). The one writer of
 * every "Excel" download: dataset `data-excel.csv` files and `catalogue export --format xlsx-csv`.
 * @example formatExcelCsv([['名称', '金额'], ['-5 元', -5]]) // '\uFEFF名称,金额\r\n\'-5 元,-5\r\n'
 */
export function formatExcelCsv(
  rows: Iterable<readonly unknown[]>,
  options: { textColumns?: readonly boolean[] } = {}
): string {
  let text = EXCEL_CSV_BOM
  for (const row of rows) text += excelCsvRow(row, row.length, options.textColumns)
  return text
}
