import { csvField, csvRow } from '@gongkai/text'
import { openSink, type WriteResult, type WriteTarget } from './sink.js'

// Flush the string buffer at about 64 K UTF-16 units: large enough that per-write overhead
// vanishes, small enough that memory stays flat however many rows stream through.
const FLUSH_AT = 1 << 16

/** Options of {@link writeCsv}. */
export interface CsvWriteOptions {
  /** Prefix a UTF-8 byte-order mark so Excel reads the file as UTF-8 (default false). */
  bom?: boolean
}

function isAsyncIterable<T>(x: AsyncIterable<T> | Iterable<T>): x is AsyncIterable<T> {
  return typeof (x as AsyncIterable<T>)[Symbol.asyncIterator] === 'function'
}

/**
 * Streams rows as RFC 4180 CSV (UTF-8, header row, CRLF; fields as `@gongkai/text`'s `csvRow`
 * writes them) to a stream or a file path, in ~64 KB writes that respect backpressure. Each row
 * is written with exactly `header.length` fields. A path is written atomically (temporary file, then rename); a stream you pass stays open.
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
