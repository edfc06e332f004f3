import { openSink, type WriteResult, type WriteTarget } from './sink.js'

type RowSource = AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>

const FLUSH_AT = 1 << 16

// JSON has no bigint; write it as a decimal string rather than failing the whole export.
const bigintSafe = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value

function stringifyRow(row: Record<string, unknown>): string {
  try {
    return JSON.stringify(row) ?? 'null'
  } catch {
    return JSON.stringify(row, bigintSafe) ?? 'null'
  }
}

async function writeLines(
  rows: RowSource,
  out: WriteTarget,
  ndjson: boolean
): Promise<WriteResult> {
  const sink = openSink(out)
  let buf = ndjson ? '' : '['
  let count = 0
  try {
    // for await also accepts sync iterables.
    for await (const row of rows as AsyncIterable<Record<string, unknown>>) {
      if (ndjson) buf += `${stringifyRow(row)}\n`
      else buf += (count === 0 ? '\n' : ',\n') + stringifyRow(row)
      count++
      if (buf.length >= FLUSH_AT) {
        await sink.write(buf)
        buf = ''
      }
    }
    if (!ndjson) buf += '\n]\n'
    if (buf.length > 0) await sink.write(buf)
    await sink.close()
  } catch (err) {
    await sink.abort()
    throw err
  }
  return { bytes: sink.bytes, rows: count }
}

/**
 * Streams rows as one JSON array, one object per line inside it (`[\n]\n` when empty), to a
 * stream or a file path. A path is written atomically; a stream you pass stays open.
 */
export function writeJson(rows: RowSource, out: WriteTarget): Promise<WriteResult> {
  return writeLines(rows, out, false)
}

/** Streams rows as newline-delimited JSON (one object per line). A path is written atomically. */
export function writeNdjson(rows: RowSource, out: WriteTarget): Promise<WriteResult> {
  return writeLines(rows, out, true)
}
