/** One broken rule in a source, a row or a descriptor, located so a data officer can fix it. */
export interface RowError {
  /** 1-based row number (the CSV header is row 1; JSON/NDJSON element n is row n); 0 for file- or descriptor-level problems. */
  row: number
  /** Column (field name or header label) the problem is in, when it is in one. */
  column?: string
  /** The rule broken: `type`, `required`, `unique`, `primary-key`, `enum`, `pattern`, `minimum`, `ragged`, … */
  rule: string
  /** What is wrong and what was expected, in words. */
  message: string
  /** The offending value, truncated to 60 characters. */
  value?: string
  /** JSON pointer, for descriptor and table-schema errors. */
  pointer?: string
  /** The source file, when there is one. */
  file?: string
}

/** Shortens a value for an error message. */
export function shortValue(value: unknown): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  return s.length > 60 ? `${s.slice(0, 57)}…` : s
}

/** Collects errors up to a cap while counting all of them, so huge bad files stay cheap. */
export class ErrorList {
  readonly items: RowError[] = []
  count = 0
  constructor(readonly cap = 10_000) {}
  /** Adds one error (kept only while under the cap). */
  add(e: RowError): void {
    this.count++
    if (this.items.length < this.cap) this.items.push(e)
  }
  /** The kept errors in row order (stable: errors of one row stay in column order). */
  sorted(): RowError[] {
    return [...this.items].sort((a, b) => a.row - b.row)
  }
}

/** Renders an error for a terminal: `data.csv row 12, column 身份证号 [type]: expected …`. */
export function formatRowError(e: RowError): string {
  const where = [
    e.file,
    e.row > 0 ? `row ${e.row}` : undefined,
    e.column !== undefined ? `column ${e.column}` : undefined,
    e.pointer !== undefined ? `at ${e.pointer || '/'}` : undefined,
  ]
    .filter(Boolean)
    .join(', ')
  const value = e.value !== undefined ? ` (got ${JSON.stringify(e.value)})` : ''
  return `${where || 'source'} [${e.rule}]: ${e.message}${value}`
}
