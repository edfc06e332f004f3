import { CsvCellPool } from './csv-cell-pool.js'

const QUOTE = 34
const LF = 10
const CR = 13
const BOM = 0xfeff

/** A problem the parser recovered from, located by record and by line. */
export interface CsvIssue {
  /** 1-based record number; blank lines count, as the rows of a spreadsheet do. */
  record: number
  /** 1-based line of the text where the record starts (a quoted field may span lines). */
  line: number
  rule: 'quote'
  message: string
}

/** Stores cell `k` (in the preallocated room, else appended); returns the next index. */
function setCell(cells: string[], k: number, value: string): number {
  if (k < cells.length) cells[k] = value
  else cells.push(value)
  return k + 1
}

/** Index of `c` in `s` from `from`, or `n` when absent. */
function indexOrEnd(s: string, c: string, from: number, n: number): number {
  const at = s.indexOf(c, from)
  return at === -1 ? n : at
}

/** Line breaks (CRLF, LF or a lone CR) inside a quoted field's value. */
function lineBreaks(value: string): number {
  let n = 0
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) n++
  for (let i = value.indexOf('\r'); i !== -1; i = value.indexOf('\r', i + 1)) {
    if (value.charCodeAt(i + 1) !== LF) n++
  }
  return n
}

/**
 * An incremental RFC 4180 parser: push text as it is decoded, get complete records back.
 * Handles CRLF/LF/CR line ends, quoted fields with embedded delimiters, newlines and doubled
 * quotes; ragged records come out as they are (the validator reports them). It is lenient where
 * files in the wild are broken: a quote inside an unquoted field is kept as text, and text after a
 * closing quote is appended to the field with an issue recorded. A blank line is the record `[]`.
 * @example
 * const p = new CsvParser(',')
 * const rows = [...p.push('a,b\r\n1,'), ...p.push('2\r\n'), ...p.end()] // [['a', 'b'], ['1', '2']]
 */
export class CsvParser {
  private pending = ''
  private records = 0
  // Line where the next record starts; advanced only when a record is emitted, so a record cut
  // by a chunk boundary (and parsed again with the next chunk) is not counted twice.
  private line = 1
  /** Recovered problems, in order. */
  readonly issues: CsvIssue[] = []
  private readonly delim: number
  // Cells of the last record. The next record's array is allocated at that size (most files are
  // rectangular): an array grown by push keeps spare capacity, and every record is kept by the
  // caller, so that spare room was ~10 % of the parsed table's memory and of the GC's copying.
  private width = 0
  private readonly pool = new CsvCellPool()

  /** @param delimiter one character (default `,`); see {@link sniffDelimiter} to guess it. */
  constructor(delimiter = ',') {
    this.delim = delimiter.charCodeAt(0)
  }

  /**
   * The 1-based line where the next record starts: after a push, the line after the last record
   * returned, so the last record spans the lines from its start up to this one (exclusive).
   */
  get nextLine(): number {
    return this.line
  }

  /** Characters held for a record not yet complete (a reader may cap it: one record is not a file). */
  get pendingLength(): number {
    return this.pending.length
  }

  /**
   * Parses `text` appended to what is pending; returns the records it completes. When `lines` is
   * given, the 1-based start line of each returned record is pushed onto it.
   */
  push(text: string, lines?: number[]): string[][] {
    const out: string[][] = []
    const all = this.pending.length > 0 ? this.pending + text : text
    const used = this.parse(all, false, out, lines)
    this.pending = used < all.length ? all.slice(used) : ''
    return out
  }

  /** Flushes the last record (a file need not end with a newline); `lines` as in {@link push}. */
  end(lines?: number[]): string[][] {
    const out: string[][] = []
    if (this.pending.length > 0) this.parse(this.pending, true, out, lines)
    this.pending = ''
    return out
  }

  /** Parses records from `s` into `out`; returns how many characters were consumed. */
  private parse(s: string, final: boolean, out: string[][], lines?: number[]): number {
    const n = s.length
    const D = this.delim
    const delimiter = String.fromCharCode(D)
    // Where the next quote and the next CR are (n when none): a line with neither before its LF
    // (a CR just before the LF aside) is split natively, which is most lines of most files.
    let quoteAt = -1
    let crAt = -1
    let i = 0
    while (i < n) {
      if (quoteAt < i) quoteAt = indexOrEnd(s, '"', i, n)
      if (crAt < i) crAt = indexOrEnd(s, '\r', i, n)
      const lf = indexOrEnd(s, '\n', i, n)
      if (lf < n || final) {
        const end = lf > i && s.charCodeAt(lf - 1) === CR ? lf - 1 : lf
        if (quoteAt >= end && crAt >= end && (lf < n || crAt === n)) {
          this.records++
          if (end === i) out.push([])
          else {
            const cells = s.slice(i, end).split(delimiter)
            this.width = cells.length
            this.pool.share(cells)
            out.push(cells)
          }
          if (lines) lines.push(this.line)
          this.line++
          i = lf + 1
          continue
        }
      } else if (quoteAt >= n && crAt >= n) {
        return i
      }
      const recordStart = i
      const cells: string[] = new Array(this.width)
      let k = 0
      let breaks = 0
      // A record cut by the end of the chunk is parsed again with the next one, raising its issues
      // again: those it raised so far are dropped (see retry).
      const issued = this.issues.length
      for (;;) {
        if (i < n && s.charCodeAt(i) === QUOTE) {
          let value = ''
          let seg = i + 1
          let j = seg
          for (;;) {
            const q = s.indexOf('"', j)
            if (q === -1) {
              if (!final) return this.retry(recordStart, issued)
              value += s.slice(seg)
              i = n
              this.issue(
                this.records + 1,
                'a quoted field is not closed before the end of the file'
              )
              break
            }
            // At the end of a chunk a quote may be the first of a doubled "" or a closing one.
            if (q + 1 >= n && !final) return this.retry(recordStart, issued)
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(seg, q + 1)
              j = q + 2
              seg = j
              continue
            }
            value += s.slice(seg, q)
            i = q + 1
            break
          }
          if (i < n) {
            const c = s.charCodeAt(i)
            if (c !== D && c !== LF && c !== CR) {
              // Text after the closing quote: keep it rather than lose data, and say so.
              let j2 = i
              while (j2 < n) {
                const d = s.charCodeAt(j2)
                if (d === D || d === LF || d === CR) break
                j2++
              }
              if (j2 >= n && !final) return this.retry(recordStart, issued)
              this.issue(this.records + 1, 'text follows a closing quote inside a field')
              value += s.slice(i, j2)
              i = j2
            }
          }
          if (value.length > 0) breaks += lineBreaks(value)
          k = setCell(cells, k, value)
        } else {
          let j = i
          while (j < n) {
            const c = s.charCodeAt(j)
            if (c === D || c === LF || c === CR) break
            j++
          }
          if (j >= n && !final) return this.retry(recordStart, issued)
          k = setCell(cells, k, s.slice(i, j))
          i = j
        }
        if (i >= n) {
          cells.length = k
          this.emitRecord(cells, s, recordStart, out, breaks, lines)
          return n
        }
        const c = s.charCodeAt(i)
        if (c === D) {
          i++
          continue
        }
        if (c === CR) {
          if (i + 1 < n) i += s.charCodeAt(i + 1) === LF ? 2 : 1
          else if (!final) return this.retry(recordStart, issued)
          else i++
        } else {
          i++
        }
        cells.length = k
        this.emitRecord(cells, s, recordStart, out, breaks, lines)
        break
      }
    }
    return n
  }

  /** Leaves a record incomplete for the next chunk, forgetting the issues it raised so far. */
  private retry(recordStart: number, issued: number): number {
    this.issues.length = issued
    return recordStart
  }

  /** A blank line comes out as `[]`, so it differs from a line holding one quoted empty field (`""`). */
  private emitRecord(
    cells: string[],
    s: string,
    recordStart: number,
    out: string[][],
    breaks: number,
    lines: number[] | undefined
  ): void {
    const blank = cells.length === 1 && cells[0] === '' && s.charCodeAt(recordStart) !== QUOTE
    this.records++
    if (!blank) {
      this.width = cells.length
      this.pool.share(cells)
    }
    out.push(blank ? [] : cells)
    if (lines) lines.push(this.line)
    this.line += breaks + 1
  }

  private issue(record: number, message: string): void {
    this.issues.push({ record, line: this.line, rule: 'quote', message })
  }
}

/** Options of {@link parseCsv}. */
export interface CsvParseOptions {
  /** One character (default `,`); {@link sniffDelimiter} guesses one from a sample. */
  delimiter?: string
  /** Receives each problem the parser recovered from, with its record and line. */
  onIssue?: (issue: CsvIssue) => void
}

/**
 * Parses a whole CSV text at once (a leading byte-order mark is dropped); for files, stream with
 * {@link CsvParser}. Recovered problems go to `onIssue`.
 * @example parseCsv('名称,地址\r\n"愚园路小学","愚园路, 1号"\r\n') // [['名称', '地址'], ['愚园路小学', '愚园路, 1号']]
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): string[][] {
  const p = new CsvParser(options.delimiter)
  const rows = p.push(text.charCodeAt(0) === BOM ? text.slice(1) : text)
  for (const r of p.end()) rows.push(r)
  if (options.onIssue) for (const issue of p.issues) options.onIssue(issue)
  return rows
}
