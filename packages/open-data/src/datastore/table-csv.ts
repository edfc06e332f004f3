import type { TableSchema } from '@gongkai/schema'
import type { SqlValue, Store } from '@gongkai/store'
import { csvField, csvRow } from '@gongkai/text'
import type { CsvWriteOptions } from '../export/csv-writer.js'
import { openSink, type WriteResult, type WriteTarget } from '../export/sink.js'
import { col } from './version-table.js'

// Rows per page: SQLite concatenates a page (~0.5 MB of CSV here) into one blob, so JavaScript
// sees one value per page instead of ten per row, and memory stays flat.
const PAGE_ROWS = 4096
// Bytes that never occur in UTF-8 text, so they can delimit fields and rows and mark values that
// SQLite cannot format the way JavaScript does.
const FIELD_SEP = 0xff
const ROW_SEP = 0xfe
const MARKER = 0xfd
// Byte classes: 1 = needs RFC 4180 quotes (`"` `,` CR LF), 2 = field separator, 3 = row separator.
const CLASS = new Uint8Array(256)
CLASS[0x22] = 1
CLASS[0x2c] = 1
CLASS[0x0d] = 1
CLASS[0x0a] = 1
CLASS[FIELD_SEP] = 2
CLASS[ROW_SEP] = 3
const MAX_SAFE = '9007199254740991'

/**
 * The SQL text of one field, equal to what `csvField` prints for the value JavaScript reads, or
 * the marker byte when SQLite's formatting could differ (the page is then written the slow way).
 */
function fieldSql(type: TableSchema['fields'][number]['type'], c: string): string {
  if (type === 'boolean')
    return `CASE WHEN ${c} = 1 THEN 'true' WHEN ${c} IS NOT NULL THEN 'false' END`
  if (type === 'integer' || type === 'year') {
    // Beyond 2^53 JavaScript reads a rounded number, which the slow path prints.
    return `iif(${c} NOT BETWEEN -${MAX_SAFE} AND ${MAX_SAFE}, x'fd', ${c})`
  }
  if (type === 'number') {
    // SQLite's 15-digit text is the shortest round trip, i.e. JavaScript's String(n), whenever it
    // parses back to the same double; the range keeps both out of exponent notation. Integral
    // values come out as "5.0": pageToCsv drops the ".0".
    return `iif(CAST(CAST(${c} AS TEXT) AS REAL) = ${c} AND (abs(${c}) BETWEEN 1e-4 AND 999999999999999 OR ${c} = 0), CAST(${c} AS TEXT), iif(${c} IS NULL, NULL, x'fd'))`
  }
  return c
}

/**
 * SQL returning, per page of rowids, the page as separator-delimited bytes (NULL when empty).
 * A rowid range is scanned in rowid order, so group_concat needs no ORDER BY of its own (which
 * would sort every page); the tests compare with an `ORDER BY rowid` read, gaps included.
 */
function pagesSql(table: string, schema: TableSchema): string {
  const fields = schema.fields.map((f, k) => fieldSql(f.type, col(k)))
  const line = fields.length === 1 ? `concat(${fields[0]})` : `concat(${fields.join(", x'ff', ")})`
  const range = `rowid > lo AND rowid <= lo + ${PAGE_ROWS}`
  return `WITH RECURSIVE pages(lo) AS (SELECT 0 UNION ALL SELECT lo + ${PAGE_ROWS} FROM pages WHERE lo + ${PAGE_ROWS} < (SELECT ifnull(max(rowid), 0) FROM "${table}"))
SELECT lo, (SELECT CAST(group_concat(l, x'fe') AS BLOB) FROM (SELECT rowid AS rid, ${line} AS l FROM "${table}" WHERE ${range} ORDER BY rowid))
FROM pages`
}

/**
 * Converts one page to CSV bytes and counts its rows; undefined when it holds a marker or a row
 * without `width` fields (then the caller formats the page from typed values instead).
 */
function pageToCsv(
  src: Uint8Array,
  width: number,
  real: Uint8Array,
  scratch: { buf: Buffer }
): { bytes: Uint8Array; rows: number } | undefined {
  const n = src.length
  // Worst case: every byte a doubled quote (2n), every field quoted (two quotes, at most n + 1
  // fields), CRLF after every row (at most n + 1 rows). One scratch buffer serves every page.
  if (scratch.buf.length < 6 * n + 6) scratch.buf = Buffer.allocUnsafe(6 * n + 6)
  const out = scratch.buf
  let o = 0
  let i = 0
  let field = 0
  let seen = 0
  for (;;) {
    const start = i
    const oStart = o
    let dirty = false
    let k = 0
    // The hot loop: copy bytes until a separator, noting bytes that force quotes.
    for (; i < n; i++) {
      const b = src[i] as number
      k = CLASS[b] as number
      if (k === 0) out[o++] = b
      else if (k === 1) {
        dirty = true
        out[o++] = b
      } else break
    }
    const end = i
    if (end > start) {
      const first = src[start] as number
      const last = src[end - 1] as number
      if (end - start === 1 && first === MARKER) return undefined
      if (real[field] === 1) {
        // SQLite writes integral doubles as "5.0" (and negative zero as "-0.0"); String(n) does not.
        if (end - start > 2 && last === 0x30 && src[end - 2] === 0x2e) o -= 2
        if (o - oStart === 2 && out[oStart] === 0x2d && out[oStart + 1] === 0x30) {
          o = oStart
          out[o++] = 0x30
        }
      } else if (dirty || first === 32 || first === 9 || last === 32 || last === 9) {
        o = oStart
        out[o++] = 0x22
        for (let j = start; j < end; j++) {
          const b = src[j] as number
          out[o++] = b
          if (b === 0x22) out[o++] = 0x22
        }
        out[o++] = 0x22
      }
    } else if (width === 1) {
      // A one-column row holding an empty field would be a blank line, which readers skip.
      out[o++] = 0x22
      out[o++] = 0x22
    }
    field++
    if (i < n && k === 2) {
      if (field >= width) return undefined
      out[o++] = 0x2c
    } else {
      if (field !== width) return undefined
      out[o++] = 0x0d
      out[o++] = 0x0a
      field = 0
      seen++
      if (i >= n) break
    }
    i++
  }
  // A copy of the used part: the stream may hold it while the scratch buffer is reused.
  return { bytes: Buffer.from(out.subarray(0, o)), rows: seen }
}

/** Typed values of a stored row, as {@link Datastore.iterateArrays} yields them. */
export function typedRow(raw: readonly SqlValue[], bools: readonly boolean[]): unknown[] {
  const a = new Array<unknown>(raw.length)
  for (let k = 0; k < raw.length; k++) {
    const v = raw[k] ?? null
    a[k] = bools[k] && v !== null ? v === 1 : v
  }
  return a
}

/**
 * Streams a version table as RFC 4180 CSV, byte for byte what `writeCsv` writes for the rows of
 * `iterateArrays`, but with SQLite concatenating each page of rows: JavaScript only copies bytes
 * and quotes the few fields that need it. Pages holding values SQLite cannot format like
 * JavaScript (huge or tiny numbers) are formatted from typed values instead.
 */
export async function writeTableCsv(
  store: Store,
  table: string,
  schema: TableSchema,
  out: WriteTarget,
  options: CsvWriteOptions = {}
): Promise<WriteResult> {
  const width = schema.fields.length
  const header = schema.fields.map((f) => f.name)
  const bools = schema.fields.map((f) => f.type === 'boolean')
  const scratch = { buf: Buffer.alloc(0) }
  const real = Uint8Array.from(schema.fields, (f) => (f.type === 'number' ? 1 : 0))
  const slowSql = `SELECT ${schema.fields.map((_, k) => col(k)).join(', ')} FROM "${table}" WHERE rowid > ? AND rowid <= ? ORDER BY rowid`
  const sink = openSink(out)
  let count = 0
  let head = options.bom ? '\uFEFF' : ''
  for (let i = 0; i < width; i++) head += (i === 0 ? '' : ',') + csvField(header[i])
  try {
    await sink.write(`${head}\r\n`)
    if (width > 0 && store.dialect !== 'sqlite') {
      // The page SQL is SQLite's; other stores take the typed path (same bytes, slower).
      const all = `SELECT ${schema.fields.map((_, k) => col(k)).join(', ')} FROM "${table}" ORDER BY rowid`
      let text = ''
      for await (const raw of store.iterate(all, undefined, { raw: true })) {
        text += csvRow(typedRow(raw, bools), width)
        count++
        if (text.length >= 1 << 16) {
          const wait = sink.write(text)
          text = ''
          if (wait) await wait
        }
      }
      if (text.length > 0) await sink.write(text)
    } else if (width > 0) {
      // One statement on the store's private read connection: one snapshot for the whole file.
      for await (const [lo, blob] of store.iterate(pagesSql(table, schema), undefined, {
        raw: true,
        batchSize: 1,
      })) {
        // NULL: no rows in this rowid range.
        if (!(blob instanceof Uint8Array)) continue
        let page = pageToCsv(blob, width, real, scratch)
        if (!page) {
          let text = ''
          let rows = 0
          const from = Number(lo)
          for await (const raw of store.iterate(slowSql, [from, from + PAGE_ROWS], { raw: true })) {
            text += csvRow(typedRow(raw, bools), width)
            rows++
          }
          page = { bytes: Buffer.from(text, 'utf8'), rows }
        }
        count += page.rows
        const wait = sink.write(page.bytes)
        if (wait) await wait
      }
    }
    await sink.close()
  } catch (err) {
    await sink.abort()
    throw err
  }
  return { bytes: sink.bytes, rows: count }
}
