import { open, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { type CsvReadOptions, openCsv } from './csv-reader.js'
import { createTextDecoder, detectEncoding, type SourceEncoding } from './encoding.js'
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
  /** Force an encoding instead of detecting it. */
  encoding?: SourceEncoding
}

/** The format of a file: by extension, else by its first non-blank character. */
async function sniffFormat(
  file: string,
  encoding: SourceEncoding
): Promise<'csv' | 'json' | 'ndjson'> {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv'
  if (ext === '.json') return 'json'
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson'
  const fh = await open(file, 'r')
  try {
    const buf = Buffer.alloc(4096)
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
    const d = createTextDecoder(encoding)
    const text = d.write(buf.subarray(0, bytesRead)).trimStart()
    if (text.startsWith('[')) return 'json'
    if (text.startsWith('{')) return 'ndjson'
    return 'csv'
  } finally {
    await fh.close()
  }
}

/**
 * Opens a CSV, JSON-array or NDJSON file (encoding and delimiter detected) or wraps in-memory rows.
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
    const encoding = options.encoding ?? (await detectEncoding(file))
    const format = options.format ?? (await sniffFormat(file, encoding))
    if (format === 'json') return await openJsonArray(file, encoding)
    if (format === 'ndjson') return { ok: true, source: openNdjson(file, encoding) }
    const source = await openCsv(file, encoding, options)
    if (source.header.length === 0) {
      return {
        ok: false,
        errors: [{ row: 1, rule: 'source', message: 'the file is empty: no header row', file }],
      }
    }
    return { ok: true, source }
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    const message = e.code === 'ENOENT' ? 'file not found' : `cannot read the file: ${e.message}`
    return { ok: false, errors: [{ row: 0, rule: 'source', message, file }] }
  }
}
