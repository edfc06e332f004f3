import { open, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { type CsvReadOptions, openCsv } from './csv-reader.js'
import { createTextDecoder, type FileEncoding, type SourceEncoding, sniffFile } from './encoding.js'
import { openJsonArray, openNdjson, rowsSource } from './json-reader.js'
import type { OpenSourceResult, SourceFormat } from './table-source.js'

/** What {@link openSource} reads: a file path, or rows in memory. */
export type SourceInput =
  | string
  | { rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>> }

/** Options of {@link openSource}. */
export interface OpenSourceOptions extends CsvReadOptions {
  /** Force a format instead of using the extension, then the first character. */
  format?: Exclude<SourceFormat, 'rows'>
  /** Force an encoding instead of deciding it from the file's bytes. */
  encoding?: SourceEncoding
}

/** The format of a file: by extension, else by its first non-blank character. */
async function sniffFormat(file: string, how: FileEncoding): Promise<'csv' | 'json' | 'ndjson'> {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv'
  if (ext === '.json') return 'json'
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson'
  const fh = await open(file, 'r')
  try {
    const buf = Buffer.alloc(4096)
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
    const d = createTextDecoder(how.encoding)
    const text = d.write(buf.subarray(0, bytesRead)).trimStart()
    if (text.startsWith('[')) return 'json'
    if (text.startsWith('{')) return 'ndjson'
    return 'csv'
  } finally {
    await fh.close()
  }
}

/**
 * Opens a CSV, JSON-array or NDJSON file or wraps in-memory rows: the one way every reader of a
 * table (inference, validation, publishing) gets at its rows, so they all fail the same way. A
 * file that is not text, fits no candidate encoding, or has no header is refused here; bytes the
 * encoding rejects inside the table are issues at their row and column (see `sniffFile`).
 * Never throws: a missing or unreadable file comes back as errors naming it.
 */
export async function openSource(
  input: SourceInput,
  options: OpenSourceOptions = {}
): Promise<OpenSourceResult> {
  if (typeof input !== 'string') {
    if (!input || typeof input !== 'object' || !('rows' in input) || input.rows == null) {
      return {
        ok: false,
        errors: [{ row: 0, rule: 'source', message: 'expected a file path or { rows }' }],
      }
    }
    return { ok: true, source: rowsSource(input.rows) }
  }
  const file = input
  try {
    const s = await stat(file)
    if (!s.isFile()) {
      return { ok: false, errors: [{ row: 0, rule: 'source', message: 'not a file', file }] }
    }
    const sniffed = await sniffFile(file, options.encoding)
    if (!sniffed.ok) return sniffed
    const how = sniffed.value
    const format = options.format ?? (await sniffFormat(file, how))
    if (format === 'json') return await openJsonArray(file, how)
    if (format === 'ndjson') return { ok: true, source: openNdjson(file, how) }
    return await openCsv(file, how, options)
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    const message = e.code === 'ENOENT' ? 'file not found' : `cannot read the file: ${e.message}`
    return { ok: false, errors: [{ row: 0, rule: 'source', message, file }] }
  }
}
