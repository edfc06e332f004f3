// Quote when RFC 4180 requires it (quote, comma, CR, LF).
const NEEDS_QUOTES = /[",\r\n]/
const QUOTE = /"/g

/**
 * Formats one value as an RFC 4180 field. Strings are quoted only when they hold `"` `,` CR or LF,
 * or start or end with a space or tab (some readers, Excel's import among them, trim unquoted
 * blanks); null and undefined become the empty field; numbers never use exponent notation.
 * @example csvField('愚园路, 1号') // '"愚园路, 1号"'
 */
export function csvField(value: unknown): string {
  if (typeof value === 'string') return csvString(value)
  if (typeof value === 'number') return csvNumber(value)
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString()
  return csvString(typeof value === 'object' ? JSON.stringify(value) : String(value))
}

function csvString(s: string): string {
  const n = s.length
  if (n === 0) return s
  if (NEEDS_QUOTES.test(s)) return `"${s.replace(QUOTE, '""')}"`
  const first = s.charCodeAt(0)
  const last = s.charCodeAt(n - 1)
  if (first === 32 || first === 9 || last === 32 || last === 9) return `"${s}"`
  return s
}

function csvNumber(n: number): string {
  // String(n) switches to exponent form outside [1e-6, 1e21); CSVW decimal and most readers
  // want plain digits, so those rare values take the slow path.
  const a = n < 0 ? -n : n
  if ((a < 1e21 && a >= 1e-6) || a === 0) return String(n)
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'INF' : '-INF'
  return plainDigits(String(n))
}

/** Rewrites the shortest round-trip form `d.ddde±x` without the exponent (exact, no rounding). */
function plainDigits(s: string): string {
  const e = s.indexOf('e')
  if (e < 0) return s
  const neg = s.charCodeAt(0) === 45
  const mantissa = s.slice(neg ? 1 : 0, e)
  const exp = Number(s.slice(e + 1))
  const dot = mantissa.indexOf('.')
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1)
  const point = (dot < 0 ? mantissa.length : dot) + exp
  let out: string
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length)
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`
  return neg ? `-${out}` : out
}

/**
 * One CSV record, CRLF included, of exactly `width` fields (short rows are padded with empty
 * fields, long ones cut); fields as {@link csvField} writes them.
 */
export function csvRow(row: readonly unknown[], width: number): string {
  let line = ''
  for (let i = 0; i < width; i++) {
    const v = row[i]
    // Inline fast paths for the common types; csvField handles the rest.
    let f: string
    if (typeof v === 'string') f = csvString(v)
    else if (typeof v === 'number') f = csvNumber(v)
    else f = csvField(v)
    line += i === 0 ? f : `,${f}`
  }
  // A one-column row holding an empty field would be a blank line, which readers skip.
  return line === '' && width === 1 ? '""\r\n' : `${line}\r\n`
}

/** Options of {@link formatCsv}. */
export interface CsvFormatOptions {
  /** Prefix a UTF-8 byte-order mark so Excel reads the text as UTF-8 (default false). */
  bom?: boolean
  /** Line end: RFC 4180's CRLF (default) or LF, which line-based tools such as diff prefer. */
  eol?: '\r\n' | '\n'
}

/**
 * A whole CSV text (RFC 4180, quoted where needed) of rows held in memory, each as wide as its own
 * cells; for large outputs stream {@link csvRow} instead. Line breaks inside fields are kept as
 * they are, whatever `eol` is.
 * @example formatCsv([['名称', '地址'], ['愚园路小学', '愚园路, 1号']]) // '名称,地址\r\n愚园路小学,"愚园路, 1号"\r\n'
 */
export function formatCsv(
  rows: Iterable<readonly unknown[]>,
  options: CsvFormatOptions = {}
): string {
  const lf = options.eol === '\n'
  let text = options.bom ? '\uFEFF' : ''
  for (const row of rows) {
    const record = csvRow(row, row.length)
    text += lf ? `${record.slice(0, -2)}\n` : record
  }
  return text
}
