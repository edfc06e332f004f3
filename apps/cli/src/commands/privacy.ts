import { readFileSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import {
  type PrivacyField,
  type PrivacyFinding,
  scanRecord,
  scanTable,
  scanText,
} from '@gongkai/privacy'
import { migrateTableSchema } from '@gongkai/schema'
import { parseCsv } from '@gongkai/text'
import { type Command, UsageError } from '../command.js'
import { formatFinding } from '../dataset-input.js'
import { ExitCode } from '../exit-codes.js'

/** What `privacy scan` reads: one text value, or a table (title, columns, rows). */
type ScanInput =
  | { value: string }
  | {
      table: {
        title?: string
        description?: string
        columns: string[]
        rows: unknown[][]
        /** A table schema of its own (a corpus case's declarations); `--schema` wins over it. */
        schema?: unknown
      }
    }
  | { record: { schema: unknown; data: unknown } }

/** The answer of `privacy scan --json`: `ok` when nothing refuses. */
export interface ScanAnswer {
  ok: boolean
  findings: PrivacyFinding[]
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Rows of objects as a table: columns in the order keys first appear. */
function objectsToTable(items: unknown[]): { columns: string[]; rows: unknown[][] } {
  const columns: string[] = []
  const seen = new Set<string>()
  for (const it of items) {
    if (!isObject(it)) continue
    for (const k of Object.keys(it)) {
      if (seen.has(k)) continue
      seen.add(k)
      columns.push(k)
    }
  }
  return {
    columns,
    rows: items.map((it) => columns.map((c) => (isObject(it) ? it[c] : undefined))),
  }
}

/**
 * Reads what to scan from a file's text: JSON (`{ value }`, `{ table: { title, columns, rows } }`,
 * `{ record: { schema, data } }`, a corpus case `{ input: … }`, or an array of row objects), CSV
 * (the first row is the header), or any other text as one value.
 */
function parseScanInput(text: string, format: 'json' | 'csv' | 'text'): ScanInput {
  if (format === 'json') {
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch (err) {
      throw new UsageError(`not JSON: ${(err as Error).message}`)
    }
    if (isObject(doc) && isObject(doc.input)) doc = doc.input
    if (Array.isArray(doc)) return { table: objectsToTable(doc) }
    if (isObject(doc) && typeof doc.value === 'string') return { value: doc.value }
    if (isObject(doc) && isObject(doc.record)) {
      return { record: { schema: doc.record.schema, data: doc.record.data } }
    }
    const t = isObject(doc) && isObject(doc.table) ? doc.table : doc
    if (isObject(t) && Array.isArray(t.columns) && Array.isArray(t.rows)) {
      return {
        table: {
          title: typeof t.title === 'string' ? t.title : undefined,
          description: typeof t.description === 'string' ? t.description : undefined,
          columns: t.columns.map(String),
          rows: t.rows.map((r) => (Array.isArray(r) ? r : [])),
          ...(isObject(t.schema) ? { schema: t.schema } : {}),
        },
      }
    }
    throw new UsageError(
      'JSON input must be { value }, { table: { title, columns, rows } }, { record: { schema, data } } or an array of row objects'
    )
  }
  if (format === 'csv') {
    const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''))
    return { table: { columns: header ?? [], rows } }
  }
  return { value: text.replace(/\r?\n$/, '') }
}

/**
 * Scans a parsed input: the one guard that ingest and records use. `schema` (a table schema)
 * gives the columns their titles, masks and `privacy.allow` declarations; `title` the table's title.
 */
function scanInput(
  input: ScanInput,
  options: { schema?: unknown; title?: string } = {}
): ScanAnswer {
  let findings: PrivacyFinding[]
  if ('value' in input) findings = scanText(input.value, '')
  else if ('record' in input) findings = scanRecord(input.record.schema, input.record.data)
  else {
    const t = input.table
    const schema = options.schema ?? t.schema
    const declared = (schema as { fields?: PrivacyField[] } | undefined)?.fields ?? []
    // The schema's fields in their order (so overrides point into it), then undeclared columns.
    const fields: PrivacyField[] = [
      ...declared,
      ...t.columns.filter((c) => !declared.some((f) => f.name === c)).map((name) => ({ name })),
    ]
    const at = fields.map((f) => t.columns.indexOf(f.name))
    findings = scanTable({
      title: options.title ?? t.title,
      description: t.description,
      columns: fields,
      rows: t.rows.map((r) => at.map((k) => (k < 0 ? undefined : r[k]))),
    }).findings
  }
  return { ok: findings.every((f) => f.allowed), findings }
}

function formatOf(arg: string, text: string, given: unknown): 'json' | 'csv' | 'text' {
  if (given === 'json' || given === 'csv' || given === 'text') return given
  if (given !== undefined) throw new UsageError('--format expects json, csv or text')
  const ext = extname(arg).toLowerCase()
  if (ext === '.json') return 'json'
  if (ext === '.csv' || ext === '.tsv') return 'csv'
  if (ext === '.txt' || ext === '.md') return 'text'
  // Standard input or an unknown extension: JSON when it looks like it, CSV when it has several
  // lines with commas, else one text value.
  const s = text.trimStart()
  if (s.startsWith('{') || s.startsWith('[')) return 'json'
  const lines = s.split(/\r?\n/).filter(Boolean)
  return lines.length > 1 && lines[0]?.includes(',') ? 'csv' : 'text'
}

/** `gongkai privacy scan <file|->`: what the privacy guard finds in a file, value or table. */
export const privacyScanCommand: Command = {
  name: 'privacy scan',
  summary: 'Scan a table, a record or a text for personal information (the guard publishing uses)',
  usage:
    'gongkai privacy scan <file|-> [--schema table-schema.json] [--title "表名"] [--format json|csv|text] [--json]',
  options: {
    schema: { type: 'string' },
    title: { type: 'string' },
    format: { type: 'string' },
  },
  async run(ctx) {
    const arg = ctx.args[0]
    if (!arg || ctx.args.length > 1) throw new UsageError('give one file, or - for standard input')
    let text: string
    try {
      text = arg === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(ctx.io.cwd, arg), 'utf8')
    } catch (err) {
      throw new UsageError(`${arg}: ${(err as Error).message}`)
    }
    const schemaArg = ctx.flags.schema
    let schema: unknown
    if (typeof schemaArg === 'string') {
      try {
        const m = migrateTableSchema(
          JSON.parse(readFileSync(resolve(ctx.io.cwd, schemaArg), 'utf8'))
        )
        for (const note of m.notes) ctx.io.err(`table schema migrated: ${note}\n`)
        schema = m.schema
      } catch (err) {
        throw new UsageError(`--schema ${schemaArg}: ${(err as Error).message}`)
      }
    }
    const input = parseScanInput(text, formatOf(arg, text, ctx.flags.format))
    const title = typeof ctx.flags.title === 'string' ? ctx.flags.title : undefined
    const answer = scanInput(input, { schema, title })
    if (ctx.json) ctx.io.out(`${JSON.stringify(answer, null, 2)}\n`)
    else {
      for (const f of answer.findings) ctx.io.out(`${formatFinding(f)}\n`)
      const refusing = answer.findings.filter((f) => !f.allowed).length
      ctx.io.out(
        answer.ok
          ? `ok: nothing would be refused (${answer.findings.length} allowed finding(s))\n`
          : `refused: ${refusing} finding(s) of personal information (${[...new Set(answer.findings.filter((f) => !f.allowed).map((f) => f.rule))].join(', ')})\n`
      )
    }
    return answer.ok ? ExitCode.ok : ExitCode.failed
  },
}
