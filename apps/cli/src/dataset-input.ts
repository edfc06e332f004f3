import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type {
  OpenSourceOptions,
  PublishResult,
  RowAccount,
  RowError,
  SkippedRow,
  SourceEncoding,
} from '@gongkai/open-data'
import { formatRowError } from '@gongkai/open-data'
import type { PrivacyFinding } from '@gongkai/privacy'
import {
  type Dataset,
  type TableSchema,
  type ValidationResult,
  validateDataset,
  validateTableSchema,
} from '@gongkai/schema'
import { UsageError } from './command.js'
import { readJsonFile } from './read-json.js'

/** A document read and validated, or every problem as `file#pointer: message` lines. */
export type Checked<T> =
  | { ok: true; value: T }
  | { ok: false; missing: boolean; problems: string[] }

/** Checks an already parsed document; `label` names it in the problems (a file path). */
export function checkDocument<T>(
  label: string,
  value: unknown,
  validate: (data: unknown) => ValidationResult<T>
): Checked<T> {
  const r = validate(value)
  if (r.ok) return { ok: true, value: r.value }
  return {
    ok: false,
    missing: false,
    problems: r.errors.map(
      (e) => `${label}#${e.pointer}: ${e.message}${e.actual ? ` (got ${e.actual})` : ''}`
    ),
  }
}

function readChecked<T>(file: string, validate: (data: unknown) => ValidationResult<T>) {
  const read = readJsonFile(file)
  if (!read.ok)
    return { ok: false, missing: read.kind === 'missing', problems: [read.message] } as Checked<T>
  return checkDocument(file, read.value, validate)
}

/** Reads and validates a dataset descriptor file. */
export const readDescriptor = (file: string): Checked<Dataset> =>
  readChecked(file, (d) => validateDataset(d))

/** Reads and validates a table-schema file. */
export const readTableSchema = (file: string): Checked<TableSchema> =>
  readChecked(file, (d) => validateTableSchema(d))

/** The data file of a dataset folder: `data.csv`, else the first CSV / JSON / NDJSON file. */
export function dataFileOf(dir: string): string | undefined {
  if (existsSync(join(dir, 'data.csv'))) return join(dir, 'data.csv')
  const names = readdirSync(dir).sort()
  const name = names.find(
    (n) =>
      /\.(csv|ndjson|jsonl)$/i.test(n) ||
      (/\.json$/i.test(n) && n !== 'descriptor.json' && n !== 'schema.json')
  )
  return name ? join(dir, name) : undefined
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * One privacy finding as a line: where, the rule that fired, the masked value (never the raw one)
 * and the declaration that would allow it.
 */
export function formatFinding(f: PrivacyFinding): string {
  const where =
    f.column === undefined
      ? f.pointer || 'value'
      : f.pointer.startsWith('/columns/')
        ? `column ${f.column}`
        : `row ${f.row}, column ${f.column}`
  const how = f.allowed
    ? ' (allowed by privacy.allow)'
    : f.override
      ? ` (a law requiring it public: add "${f.rule}" to ${f.override})`
      : ''
  return `${where}: ${f.rule} ${f.value}${how}`
}

/** One skipped row as a line: its number and every rule it broke (`row 4: 金额 [type] …; 日期 [type] …`). */
function formatSkippedRow(r: SkippedRow): string {
  const file = r.errors[0]?.file
  const what = r.errors.map((e) => {
    const value = e.value !== undefined ? ` (got ${JSON.stringify(e.value)})` : ''
    return `${e.column !== undefined ? `column ${e.column} ` : ''}[${e.rule}]: ${e.message}${value}`
  })
  return `${file ? `${file}, ` : ''}row ${r.row}: ${what.join('; ')}`
}

/** Lines describing a list, capped at `cap` with a "… and N more" line. */
export function capped<T>(items: readonly T[], total: number, cap: number, fmt: (x: T) => string) {
  const lines = items.slice(0, cap).map((x) => `  ${fmt(x)}`)
  if (total > lines.length) lines.push(`  … and ${total - lines.length} more`)
  return lines
}

/** How many errors and findings the text output lists before "… and N more". */
export const PRINT_CAP = 50

const ENCODINGS: Record<string, SourceEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
}

/** The flag every command reading a data file takes: `--encoding` (else decided from the bytes). */
export const ENCODING_OPTION = { encoding: { type: 'string' } } as const

/** How to open a data file, from `--encoding`; an unknown encoding is a usage error. */
export function sourceOptionsOf(flags: Record<string, unknown>): OpenSourceOptions {
  const e = flags.encoding
  if (e === undefined) return {}
  const encoding = typeof e === 'string' ? ENCODINGS[e.toLowerCase()] : undefined
  if (!encoding)
    throw new UsageError(
      `--encoding expects ${Object.keys(ENCODINGS).join(', ')} (default: decided from the file)`
    )
  return { encoding }
}

const rowList = (rows: readonly number[], count: number) =>
  `${rows.slice(0, 20).join(', ')}${count > 20 ? `, … (${count - 20} more${count > rows.length ? `; first ${rows.length} in --json` : ''})` : ''}`

/**
 * Lines accounting for every row of a source besides those kept: blank lines skipped, records
 * spanning several lines (a quoted value with line breaks, or a stray quote joining rows).
 */
export function accountLines(a: RowAccount | undefined): string[] {
  if (!a) return []
  const lines: string[] = []
  if (a.blank.count > 0)
    lines.push(
      `${plural(a.blank.count, 'blank line')} skipped (not rows): row ${rowList(a.blank.rows, a.blank.count)}`
    )
  if (a.merged.count > 0)
    lines.push(
      `${plural(a.merged.count, 'row')} made of several lines (check for a stray quote): ${a.merged.rows
        .slice(0, 20)
        .map((m) => `row ${m.row} (lines ${m.lines[0]}–${m.lines[1]})`)
        .join(', ')}${a.merged.count > 20 ? ', …' : ''}`
    )
  return lines
}

/** The text report of a publish: version and rows, or why it was refused, with every list capped. */
export function publishReport(id: string, r: PublishResult): string[] {
  if (r.ok) {
    const lines = [
      `published ${id} version ${r.version}: ${plural(r.rowCount, 'row')}${r.skippedCount > 0 ? ` of ${r.rows.read} read` : ''}`,
    ]
    lines.push(...accountLines(r.rows))
    if (r.skippedCount > 0) {
      lines.push(
        `skipped ${plural(r.skippedCount, 'bad row')} with ${plural(r.skippedErrorCount, 'error')} (--skip-bad-rows):`
      )
      lines.push(...capped(r.skipped, r.skippedCount, PRINT_CAP, formatSkippedRow))
    }
    if (r.findings.length > 0) {
      lines.push(`privacy findings (warnings, ${plural(r.findings.length, 'finding')}):`)
      lines.push(...capped(r.findings, r.findings.length, PRINT_CAP, formatFinding))
    }
    for (const note of r.migrated) lines.push(`table schema migrated: ${note}`)
    return lines
  }
  const why: Record<typeof r.reason, string> = {
    invalid_rows:
      'rows break the table schema; nothing was stored (fix them or pass --skip-bad-rows)',
    privacy:
      'personal information in an unconditional (无条件开放) dataset; nothing was stored (declare a mask in the table schema, or privacy.allow with its reason where a law requires it public, or change the openness class)',
    descriptor: 'the descriptor or table schema is invalid',
    source: 'the data file cannot be read',
    expectation: 'the dataset changed while it was being published; nothing was stored (try again)',
    in_progress:
      'another publish of this dataset is running (publish_in_progress); nothing was stored (try again when it is done)',
  }
  const lines = [`refused ${id}: ${why[r.reason]}`]
  const errors: RowError[] = r.errors
  if (r.reason !== 'privacy' || r.findings.length === 0) {
    lines.push(`${plural(r.errorCount, 'error')}:`)
    lines.push(...capped(errors, r.errorCount, PRINT_CAP, formatRowError))
  }
  if (r.findings.length > 0) {
    lines.push(`${plural(r.findings.length, 'privacy finding')}:`)
    lines.push(...capped(r.findings, r.findings.length, PRINT_CAP, formatFinding))
  }
  return lines
}
