import { createReadStream } from 'node:fs'
import {
  CsvParser,
  type Delimiter,
  describeEscapedBytes,
  findEscapedBytes,
  showEscapedBytes,
  sniffDelimiter,
} from '@gongkai/text'
import { createTextDecoder, type FileEncoding } from './encoding.js'
import { type RowError, shortValue } from './row-error.js'
import {
  list,
  newReadAccount,
  type OpenSourceResult,
  type RawRecord,
  type RowBatch,
  type TableSource,
} from './table-source.js'

/** Options of {@link openCsv}. */
export interface CsvReadOptions {
  /** Force a delimiter instead of sniffing one. */
  delimiter?: Delimiter
  /** Characters of decoded text sampled to sniff the delimiter (default 65,536). */
  sampleSize?: number
}

const isBlank = (cells: readonly string[]) => cells.length === 0

/**
 * Longest record read, in characters (16 Mi): a file whose "row" is longer (a quote never closed,
 * a file without line breaks) is refused rather than held in memory whole.
 */
const MAX_RECORD_CHARS = 1 << 24

/** The error for the first escaped (undecodable) bytes in a cell, or undefined. */
function encodingError(
  cell: string,
  encoding: FileEncoding['encoding'],
  where: { row: number; column: string; file?: string }
): RowError | undefined {
  const found = findEscapedBytes(cell)
  if (!found) return undefined
  return {
    row: where.row,
    column: where.column,
    rule: 'encoding',
    message: describeEscapedBytes(found.bytes, encoding),
    value: shortValue(showEscapedBytes(cell)),
    ...(where.file ? { file: where.file } : {}),
  }
}

/**
 * Opens a CSV file whose encoding is known: sniffs the delimiter, reads the header (the first
 * non-blank record), and streams the records in batches. Row numbers are record numbers counting
 * blank lines, so errors point at the row a spreadsheet shows. Every record is accounted for:
 * blank lines are skipped and listed (in a one-column file a blank line between values is an
 * empty value, as Excel writes it; only blank lines after the last value are skipped); records
 * spanning several lines are listed; cells holding bytes the encoding rejects and rows whose cell
 * count differs from the header's are issues at their row (and column).
 */
export async function openCsv(
  file: string,
  how: FileEncoding,
  options: CsvReadOptions = {}
): Promise<OpenSourceResult> {
  const { encoding } = how
  const decoder = createTextDecoder(encoding, { flagForeign: how.flagForeign })
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
  const account = newReadAccount()
  const source: TableSource = {
    format: 'csv',
    file,
    encoding,
    delimiter,
    header: [],
    issues,
    account,
    batches: batches(),
  }

  // Start lines of the records parsed but not yet numbered, parallel to `pending`.
  let lines: number[] = []
  // Number of the last record numbered (blank lines count).
  let row = 0
  const parse = (text: string, final: boolean): string[][] => {
    const out = text ? parser.push(text, lines) : []
    if (final) out.push(...parser.end(lines))
    else if (parser.pendingLength > MAX_RECORD_CHARS)
      throw new Error(
        `row ${row + out.length + 1} is longer than ${MAX_RECORD_CHARS} characters (a quote never closed, or no line breaks): not a table`
      )
    return out
  }
  let pending = parse(head, done)
  // The header is the first non-blank record.
  let headerFound = false
  const takeHeader = () => {
    let k = 0
    while (!headerFound && k < pending.length) {
      row++
      const r = pending[k++] as string[]
      if (isBlank(r)) {
        list(account.blank, row)
        continue
      }
      source.header = r.map((h) => h.trim())
      source.headerRow = row
      headerFound = true
    }
    pending = pending.slice(k)
    lines = lines.slice(k)
  }
  takeHeader()
  while (!headerFound && !done) {
    const next = await chunks.next()
    if (next.done) done = true
    pending = next.done ? parse(decoder.end(), true) : parse(decoder.write(next.value), false)
    // Blank lines before the header are rows too; they are not data.
    takeHeader()
  }
  const width = source.header.length
  const oneColumn = width === 1
  const refused = refuseHeader(source, row)
  if (refused) {
    stream.destroy()
    return refused
  }

  // Rows with a broken quote: their other problems follow from it and are not reported.
  const quoted = new Set<number>()
  function drainParserIssues(): void {
    for (const q of parser.issues.splice(0)) {
      issues.push({ row: q.record, rule: q.rule, message: q.message, file })
      quoted.add(q.record)
    }
  }

  // Blank lines of a one-column file not yet known to be values (a value follows) or trailing.
  let blanks: number[] = []

  /** The checks every record gets before it is handed on: width and bytes. */
  function check(r: string[], at: number): void {
    if (quoted.size > 0 && quoted.delete(at)) return
    const n = r.length
    // A trailing delimiter (one extra empty cell) is common in exports and harmless.
    if (n !== width && !(n === width + 1 && r[n - 1] === '')) {
      issues.push({
        row: at,
        rule: 'ragged',
        message: `the row has ${n} cells, the header has ${width}`,
        file,
      })
    }
    if (decoder.escaped === 0) return
    for (let k = 0; k < n; k++) {
      const e = encodingError(r[k] as string, encoding, {
        row: at,
        column: source.header[k] ?? `#${k + 1}`,
        file,
      })
      if (e) {
        issues.push(e)
        break
      }
    }
  }

  // Batches stay consecutively numbered: a skipped blank line ends one.
  function* emit(records: string[][], starts: number[], final: boolean): Generator<RowBatch> {
    drainParserIssues()
    let run: RawRecord[] = []
    let runStart = 0
    const add = (r: RawRecord, at: number) => {
      if (run.length === 0) runStart = at
      run.push(r)
    }
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as string[]
      row++
      if (isBlank(r)) {
        if (oneColumn) blanks.push(row)
        else {
          list(account.blank, row)
          if (run.length > 0) yield { firstRow: runStart, records: run }
          run = []
        }
        continue
      }
      for (const b of blanks) add([''], b)
      blanks = []
      const first = starts[i] as number
      let last = (i + 1 < starts.length ? (starts[i + 1] as number) : parser.nextLine) - 1
      // A quote left open at the end of the file takes the file's last line feed into its value.
      if (final && i === records.length - 1 && quoted.has(row) && /[\r\n]$/.test(r.at(-1) ?? ''))
        last--
      if (last > first) list(account.merged, { row, lines: [first, last] })
      check(r, row)
      add(r, row)
    }
    if (run.length > 0) yield { firstRow: runStart, records: run }
    if (final) {
      for (const b of blanks) list(account.blank, b)
      blanks = []
    }
  }

  async function* batches(): AsyncGenerator<RowBatch> {
    try {
      yield* emit(pending, lines, done)
      while (!done) {
        const next = await chunks.next()
        lines = []
        let recs: string[][]
        if (next.done) {
          done = true
          recs = parse(decoder.end(), true)
        } else recs = parse(decoder.write(next.value), false)
        yield* emit(recs, lines, done)
      }
      drainParserIssues()
    } finally {
      stream.destroy()
    }
  }

  return { ok: true, source }
}

/** The refusal of a CSV whose header is missing or holds bytes the encoding rejects. */
function refuseHeader(source: TableSource, headerRow: number): OpenSourceResult | undefined {
  const file = source.file
  if (source.header.length === 0) {
    return {
      ok: false,
      errors: [{ row: 1, rule: 'source', message: 'the file is empty: no header row', file }],
    }
  }
  const errors: RowError[] = []
  source.header.forEach((label, k) => {
    const e = encodingError(label, source.encoding ?? 'utf-8', {
      row: headerRow,
      column: `#${k + 1}`,
      ...(file ? { file } : {}),
    })
    if (e) errors.push(e)
  })
  return errors.length > 0 ? { ok: false, errors } : undefined
}
