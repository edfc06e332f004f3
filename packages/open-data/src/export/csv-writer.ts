import { openSink, type WriteResult, type WriteTarget } from './sink'

/** Options of {@link writeCsv}. */
export interface CsvWriteOptions {
  /** Prefix a UTF-8 byte-order mark so Excel reads the file as UTF-8 (default false). */
  bom?: boolean
}

// Flush the string buffer at about 64 K UTF-16 units: large enough that per-write overhead
// vanishes, small enough that memory stays flat however many rows stream through.
const FLUSH_AT = 1 << 16
// Quote when RFC 4180 requires it (quote, comma, CR, LF).
const NEEDS_QUOTES = /[",\r\n]/
const QUOTE = /"/g

/**
 * Formats one value as an RFC 4180 field. Strings are quoted only when they hold `"` `,` CR or LF,
 * or start or end with a space or tab (some readers, Excel's import among them, trim unquoted
 * blanks); null and undefined become the empty field; numbers never use exponent notation.
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

function isAsyncIterable<T>(x: AsyncIterable<T> | Iterable<T>): x is AsyncIterable<T> {
  return typeof (x as AsyncIterable<T>)[Symbol.asyncIterator] === 'function'
}

/**
 * Streams rows as RFC 4180 CSV (UTF-8, header row, CRLF) to a stream or a file path, in ~64 KB
 * writes that respect backpressure. Each row is written with exactly `header.length` fields.
 * A path is written atomically (temporary file, then rename); a stream you pass stays open.
 * @example await writeCsv([[1, '张三']], ['id', 'name'], 'data.csv', { bom: true })
 */
export async function writeCsv(
  rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
  header: readonly string[],
  out: WriteTarget,
  options: CsvWriteOptions = {}
): Promise<WriteResult> {
  const sink = openSink(out)
  const width = header.length
  let count = 0
  let buf = options.bom ? '\uFEFF' : ''
  for (let i = 0; i < width; i++) buf += (i === 0 ? '' : ',') + csvField(header[i])
  buf += '\r\n'
  try {
    if (isAsyncIterable(rows)) {
      for await (const row of rows) {
        buf += csvRow(row, width)
        count++
        if (buf.length >= FLUSH_AT) {
          await sink.write(buf)
          buf = ''
        }
      }
    } else {
      // A separate sync loop: `for await` over a sync iterable costs a microtask per row.
      for (const row of rows) {
        buf += csvRow(row, width)
        count++
        if (buf.length >= FLUSH_AT) {
          const wait = sink.write(buf)
          buf = ''
          if (wait) await wait
        }
      }
    }
    if (buf.length > 0) await sink.write(buf)
    await sink.close()
  } catch (err) {
    await sink.abort()
    throw err
  }
  return { bytes: sink.bytes, rows: count }
}

/** One CSV record (CRLF included) of exactly `width` fields; see {@link writeCsv}. */
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
