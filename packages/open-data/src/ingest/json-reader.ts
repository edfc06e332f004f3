import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import {
  describeEscapedBytes,
  findEscapedBytes,
  hasEscapedBytes,
  showEscapedBytes,
} from '@gongkai/text'
import { createTextDecoder, type FileEncoding, type SourceEncoding } from './encoding.js'
import { type RowError, shortValue } from './row-error.js'
import {
  list,
  newReadAccount,
  type RawRecord,
  type RowBatch,
  type TableSource,
} from './table-source.js'

const BATCH = 2000

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Adds the keys of `obj` not yet in `header`, keeping first-seen order. */
function noteKeys(header: string[], seen: Set<string>, obj: Record<string, unknown>): void {
  for (const k in obj) {
    if (!seen.has(k)) {
      seen.add(k)
      header.push(k)
    }
  }
}

/** The error for the first value (or key) of `obj` holding bytes the encoding rejected. */
function objectEncodingError(
  obj: Record<string, unknown>,
  row: number,
  encoding: SourceEncoding,
  file: string
): RowError | undefined {
  for (const key in obj) {
    const v = obj[key]
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '')
    const found = findEscapedBytes(key) ?? findEscapedBytes(text)
    if (!found) continue
    return {
      row,
      column: showEscapedBytes(key),
      rule: 'encoding',
      message: describeEscapedBytes(found.bytes, encoding),
      value: shortValue(showEscapedBytes(text)),
      file,
    }
  }
  return undefined
}

/**
 * Opens a JSON file holding an array of objects (element n is row n). The array is parsed at once:
 * use NDJSON for files too large for memory.
 */
export async function openJsonArray(
  file: string,
  how: FileEncoding
): Promise<{ ok: true; source: TableSource } | { ok: false; errors: RowError[] }> {
  const { encoding } = how
  const d = createTextDecoder(encoding, { flagForeign: how.flagForeign })
  const text = d.write(await readFile(file)) + d.end()
  const escaped = d.escaped > 0
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    return {
      ok: false,
      errors: [
        { row: 0, rule: 'json', message: `not valid JSON: ${(err as Error).message}`, file },
      ],
    }
  }
  if (!Array.isArray(data)) {
    return {
      ok: false,
      errors: [{ row: 0, rule: 'json', message: 'expected a JSON array of objects', file }],
    }
  }
  const header: string[] = []
  const seen = new Set<string>()
  const issues: RowError[] = []
  async function* batches(): AsyncGenerator<RowBatch> {
    const rows = data as unknown[]
    for (let start = 0; start < rows.length; start += BATCH) {
      const records: RawRecord[] = []
      let firstRow = start + 1
      for (let i = start; i < Math.min(rows.length, start + BATCH); i++) {
        const v = rows[i]
        if (isRecord(v)) {
          noteKeys(header, seen, v)
          if (escaped) {
            const e = objectEncodingError(v, i + 1, encoding, file)
            if (e) issues.push(e)
          }
          records.push(v)
        } else {
          // A non-object breaks the consecutive numbering: flush before it.
          issues.push({ row: i + 1, rule: 'json', message: 'expected an object', file })
          if (records.length > 0) yield { firstRow, records: records.splice(0) }
          firstRow = i + 2
        }
      }
      if (records.length > 0) yield { firstRow, records }
    }
  }
  return {
    ok: true,
    source: {
      format: 'json',
      file,
      encoding,
      header,
      issues,
      account: newReadAccount(),
      batches: batches(),
    },
  }
}

/**
 * Opens an NDJSON (JSON Lines) file: one object per line, line n is row n; blank lines are
 * skipped and counted.
 */
export function openNdjson(file: string, how: FileEncoding): TableSource {
  const { encoding } = how
  const header: string[] = []
  const seen = new Set<string>()
  const issues: RowError[] = []
  const account = newReadAccount()
  async function* batches(): AsyncGenerator<RowBatch> {
    const decoder = createTextDecoder(encoding, { flagForeign: how.flagForeign })
    let pending = ''
    let line = 0
    let records: RawRecord[] = []
    let firstRow = 1
    const take = function* (text: string, final: boolean): Generator<RowBatch> {
      const parts = (pending + text).split('\n')
      pending = final ? '' : (parts.pop() ?? '')
      // The file's last line feed ends the last line; it does not start a blank one.
      if (final && parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
      for (const raw of parts) {
        line++
        const s = raw.trim()
        let v: unknown
        let bad: string | undefined
        if (s === '') {
          bad = ''
          list(account.blank, line)
        } else {
          try {
            v = JSON.parse(s)
            if (!isRecord(v)) bad = 'expected a JSON object on this line'
          } catch (err) {
            bad = `not valid JSON: ${(err as Error).message}`
          }
        }
        if (bad !== undefined) {
          if (bad) {
            const e =
              decoder.escaped > 0 && hasEscapedBytes(s)
                ? objectEncodingError({ '': s }, line, encoding, file)
                : undefined
            issues.push(
              e ? { ...e, column: undefined } : { row: line, rule: 'json', message: bad, file }
            )
          }
          if (records.length > 0) yield { firstRow, records }
          records = []
          firstRow = line + 1
          continue
        }
        noteKeys(header, seen, v as Record<string, unknown>)
        if (decoder.escaped > 0) {
          const e = objectEncodingError(v as Record<string, unknown>, line, encoding, file)
          if (e) issues.push(e)
        }
        records.push(v as Record<string, unknown>)
        if (records.length >= BATCH) {
          yield { firstRow, records }
          records = []
          firstRow = line + 1
        }
      }
    }
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      yield* take(decoder.write(chunk as Buffer), false)
    }
    yield* take(decoder.end(), true)
    if (records.length > 0) yield { firstRow, records }
  }
  return { format: 'ndjson', file, encoding, header, issues, account, batches: batches() }
}

async function* toAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  yield* it
}

/** Wraps rows handed over in memory (objects keyed by field name; row n is the nth). */
export function rowsSource(
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>
): TableSource {
  const header: string[] = []
  const seen = new Set<string>()
  const issues: RowError[] = []
  async function* batches(): AsyncGenerator<RowBatch> {
    let n = 0
    let records: RawRecord[] = []
    let firstRow = 1
    const it = (rows as AsyncIterable<Record<string, unknown>>)[Symbol.asyncIterator]
      ? (rows as AsyncIterable<Record<string, unknown>>)
      : toAsync(rows as Iterable<Record<string, unknown>>)
    const guarded = async function* () {
      try {
        yield* it
      } catch (err) {
        // Hand over the rows read so far first, so the failure is reported at the right row.
        pendingFailure = err
      }
    }
    let pendingFailure: unknown
    for await (const r of guarded()) {
      n++
      if (!isRecord(r)) {
        issues.push({ row: n, rule: 'json', message: 'expected an object' })
        if (records.length > 0) yield { firstRow, records }
        records = []
        firstRow = n + 1
        continue
      }
      noteKeys(header, seen, r)
      records.push(r)
      if (records.length >= BATCH) {
        yield { firstRow, records }
        records = []
        firstRow = n + 1
      }
    }
    if (records.length > 0) yield { firstRow, records }
    if (pendingFailure !== undefined) throw pendingFailure
  }
  return { format: 'rows', header, issues, account: newReadAccount(), batches: batches() }
}
