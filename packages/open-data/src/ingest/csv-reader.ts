import { createReadStream } from 'node:fs'
import { CsvParser, type Delimiter, sniffDelimiter } from '@gongkai/text'
import { createTextDecoder, type SourceEncoding } from './encoding.js'
import type { RowError } from './row-error.js'
import type { RawRecord, RowBatch, TableSource } from './table-source.js'

/** Options of {@link openCsv}. */
export interface CsvReadOptions {
  /** Force a delimiter instead of sniffing one. */
  delimiter?: Delimiter
  /** Characters of decoded text sampled to sniff the delimiter (default 65,536). */
  sampleSize?: number
}

const isBlank = (cells: readonly string[]) => cells.length === 0

/**
 * Opens a CSV file whose encoding is known: sniffs the delimiter, reads the header (row 1), and
 * streams the records in batches. Blank lines are skipped but keep their row numbers, so errors
 * point at the line a spreadsheet shows.
 */
export async function openCsv(
  file: string,
  encoding: SourceEncoding,
  options: CsvReadOptions = {}
): Promise<TableSource> {
  const decoder = createTextDecoder(encoding)
  const stream = createReadStream(file, { highWaterMark: 1 << 20 })
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const sampleSize = options.sampleSize ?? 65_536

  // Decode enough text to sniff the delimiter; it is parsed afterwards, nothing is read twice.
  let head = ''
  let done = false
  while (head.length < sampleSize) {
    const next = await chunks.next()
    if (next.done) {
      head += decoder.end()
      done = true
      break
    }
    head += decoder.write(next.value)
  }
  const delimiter = options.delimiter ?? sniffDelimiter(head)
  const parser = new CsvParser(delimiter)
  const issues: RowError[] = []
  const source: TableSource = {
    format: 'csv',
    file,
    encoding,
    delimiter,
    header: [],
    issues,
    batches: batches(),
  }

  let pendingRecords = parser.push(head)
  if (done) pendingRecords.push(...parser.end())
  // The header is the first non-blank record.
  let row = 0
  let headerFound = false
  const takeHeader = (records: string[][]): string[][] => {
    let k = 0
    while (!headerFound && k < records.length) {
      row++
      const r = records[k++] as string[]
      if (isBlank(r)) continue
      source.header = r.map((h) => h.trim())
      headerFound = true
    }
    return k > 0 ? records.slice(k) : records
  }
  pendingRecords = takeHeader(pendingRecords)
  while (!headerFound && !done) {
    const next = await chunks.next()
    const more = next.done ? parser.end() : parser.push(decoder.write(next.value))
    if (next.done) done = true
    pendingRecords = takeHeader(more)
  }

  function drainIssues(): void {
    for (const q of parser.issues.splice(0)) {
      issues.push({ row: q.record, rule: q.rule, message: q.message, file })
    }
  }

  // Row numbers count blank lines too; blank records are dropped, splitting the batch so each
  // batch stays consecutively numbered.
  async function* emit(records: string[][]): AsyncGenerator<RowBatch> {
    drainIssues()
    let run: RawRecord[] = []
    let runStart = row + 1
    for (const r of records) {
      row++
      if (isBlank(r)) {
        if (run.length > 0) yield { firstRow: runStart, records: run }
        run = []
        runStart = row + 1
      } else {
        run.push(r)
      }
    }
    if (run.length > 0) yield { firstRow: runStart, records: run }
  }

  async function* batches(): AsyncGenerator<RowBatch> {
    try {
      yield* emit(pendingRecords)
      while (!done) {
        const next = await chunks.next()
        if (next.done) {
          done = true
          const text = decoder.end()
          const recs = text ? parser.push(text) : []
          recs.push(...parser.end())
          yield* emit(recs)
        } else {
          yield* emit(parser.push(decoder.write(next.value)))
        }
      }
      drainIssues()
    } finally {
      stream.destroy()
    }
  }

  return source
}
