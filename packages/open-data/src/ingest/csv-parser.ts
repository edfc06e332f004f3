const QUOTE = 34
const LF = 10
const CR = 13

/** A problem the parser recovered from, by 1-based record number. */
export interface CsvIssue {
  record: number
  rule: 'quote'
  message: string
}

/**
 * An incremental RFC 4180 parser: push text as it is decoded, get complete records back.
 * Handles CRLF/LF/CR line ends, quoted fields with embedded delimiters, newlines and doubled
 * quotes; ragged records come out as they are (the validator reports them). It is lenient where
 * files in the wild are broken: a quote inside an unquoted field is kept as text, and text after a
 * closing quote is appended to the field with an issue recorded. A blank line is the record `[]`.
 */
export class CsvParser {
  private pending = ''
  private records = 0
  /** Recovered problems, in order. */
  readonly issues: CsvIssue[] = []
  private readonly delim: number

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0)
  }

  /** Parses `text` appended to what is pending; returns the records it completes. */
  push(text: string): string[][] {
    const out: string[][] = []
    const all = this.pending.length > 0 ? this.pending + text : text
    const used = this.parse(all, false, out)
    this.pending = used < all.length ? all.slice(used) : ''
    return out
  }

  /** Flushes the last record (a file need not end with a newline). */
  end(): string[][] {
    const out: string[][] = []
    if (this.pending.length > 0) this.parse(this.pending, true, out)
    this.pending = ''
    return out
  }

  /** Parses records from `s` into `out`; returns how many characters were consumed. */
  private parse(s: string, final: boolean, out: string[][]): number {
    const n = s.length
    const D = this.delim
    let i = 0
    while (i < n) {
      const recordStart = i
      const cells: string[] = []
      for (;;) {
        if (i < n && s.charCodeAt(i) === QUOTE) {
          let value = ''
          let seg = i + 1
          let j = seg
          for (;;) {
            const q = s.indexOf('"', j)
            if (q === -1) {
              if (!final) return recordStart
              value += s.slice(seg)
              i = n
              this.issue(
                this.records + 1,
                'a quoted field is not closed before the end of the file'
              )
              break
            }
            if (q + 1 >= n && !final) return recordStart // cannot tell "" from a closing quote yet
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
              if (j2 >= n && !final) return recordStart
              this.issue(this.records + 1, 'text follows a closing quote inside a field')
              value += s.slice(i, j2)
              i = j2
            }
          }
          cells.push(value)
        } else {
          let j = i
          while (j < n) {
            const c = s.charCodeAt(j)
            if (c === D || c === LF || c === CR) break
            j++
          }
          if (j >= n && !final) return recordStart
          cells.push(s.slice(i, j))
          i = j
        }
        if (i >= n) {
          this.emitRecord(cells, s, recordStart, out)
          return n
        }
        const c = s.charCodeAt(i)
        if (c === D) {
          i++
          continue
        }
        if (c === CR) {
          if (i + 1 < n) i += s.charCodeAt(i + 1) === LF ? 2 : 1
          else if (!final) return recordStart
          else i++
        } else {
          i++
        }
        this.emitRecord(cells, s, recordStart, out)
        break
      }
    }
    return n
  }

  private emit(cells: string[], out: string[][]): void {
    this.records++
    out.push(cells)
  }

  /** A blank line comes out as `[]`, so it differs from a line holding one quoted empty field (`""`). */
  private emitRecord(cells: string[], s: string, recordStart: number, out: string[][]): void {
    const blank = cells.length === 1 && cells[0] === '' && s.charCodeAt(recordStart) !== QUOTE
    this.emit(blank ? [] : cells, out)
  }

  private issue(record: number, message: string): void {
    this.issues.push({ record, rule: 'quote', message })
  }
}

/** Parses a whole CSV text at once (tests, small inputs). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const p = new CsvParser(delimiter)
  const rows = p.push(text)
  for (const r of p.end()) rows.push(r)
  return rows
}
