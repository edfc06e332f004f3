import { existsSync } from 'node:fs'
import { basename, extname, resolve } from 'node:path'
import { formatRowError, inferSchema, type RowError, validateRows } from '@gongkai/open-data'
import {
  type ValidationError,
  type ValidationResult,
  validateBindingRules,
  validateCatalogue,
  validateContentItem,
  validateDataset,
  validateTableSchema,
  validateVocabulary,
} from '@gongkai/schema'
import { type Command, type CommandContext, UsageError } from '../command.js'
import { ENCODING_OPTION, readTableSchema, sourceOptionsOf } from '../dataset-input.js'
import { ExitCode } from '../exit-codes.js'
import { readJsonFile } from '../read-json.js'

type Validator = (data: unknown) => ValidationResult<unknown>

/** Document types `validate` knows, by the schema file stem that defines them. */
const validators: Record<string, Validator> = {
  catalogue: validateCatalogue,
  dataset: validateDataset,
  'table-schema': validateTableSchema,
  'content-item': validateContentItem,
  'binding-rules': validateBindingRules,
  vocabulary: validateVocabulary,
}

/** Picks the document type: `--type`, then `$schema`, then the file name, then the shape. */
function detectType(file: string, data: unknown, explicit?: string): string | undefined {
  if (explicit) return explicit
  const obj =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined
  const schemaRef = typeof obj?.$schema === 'string' ? obj.$schema : ''
  const fromSchema = schemaRef.match(/([a-z-]+)\.schema\.json/)?.[1]
  if (fromSchema && fromSchema in validators) return fromSchema
  const name = basename(file)
  if (name === 'bindings.json') return 'binding-rules'
  if (name === 'descriptor.json') return 'dataset'
  if (name === 'schema.json' || name.endsWith('.table-schema.json')) return 'table-schema'
  if (obj && 'entries' in obj && 'kind' in obj) return 'catalogue'
  if (obj && 'fields' in obj && Array.isArray(obj.fields)) return 'table-schema'
  if (obj && 'openness' in obj && 'publisher' in obj) return 'dataset'
  if (obj && 'url' in obj && 'title' in obj) return 'content-item'
  return undefined
}

interface FileReport {
  file: string
  type?: string
  ok: boolean
  errors: {
    pointer?: string
    message: string
    expected?: string
    actual?: string
    row?: number
    column?: string
    rule?: string
  }[]
  /** Data files: rows read and rows valid. */
  rowCount?: number
  validRowCount?: number
  /** How many errors there are (data files list the first 10,000). */
  errorCount?: number
}

// Data files are read as tables, the way `dataset infer` and `dataset add` read them.
const DATA_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.ndjson', '.jsonl'])

/**
 * Checks a data file through the one path ingest reads tables by: against `--schema` when given
 * (as `dataset add --schema` would), else that it reads as a table at all (as `dataset infer` and
 * `dataset add` without a schema would). The same bytes fail the same way in all three.
 */
async function validateDataFile(ctx: CommandContext, arg: string): Promise<FileReport> {
  const file = resolve(ctx.io.cwd, arg)
  const sourceOptions = sourceOptionsOf(ctx.flags)
  const schemaFile = ctx.flags.schema as string | undefined
  const rowErrors = (errors: RowError[]) =>
    errors.map((e) => ({
      message: formatRowError({ ...e, file: undefined }),
      row: e.row,
      rule: e.rule,
      ...(e.column !== undefined ? { column: e.column } : {}),
      ...(e.pointer !== undefined ? { pointer: e.pointer } : {}),
    }))
  if (schemaFile) {
    const c = readTableSchema(resolve(ctx.io.cwd, schemaFile))
    if (!c.ok) {
      if (c.missing) throw new UsageError(`${schemaFile}: no such file`)
      return {
        file: arg,
        type: 'data',
        ok: false,
        errors: c.problems.map((message) => ({ message })),
      }
    }
    const r = await validateRows(file, c.value, sourceOptions)
    return {
      file: arg,
      type: 'data',
      ok: r.valid,
      errors: rowErrors(r.errors),
      rowCount: r.rowCount,
      validRowCount: r.validRowCount,
      errorCount: r.errorCount,
    }
  }
  const r = await inferSchema(file, { ...sourceOptions, masks: false })
  if (!r.ok)
    return {
      file: arg,
      type: 'data',
      ok: false,
      errors: rowErrors(r.errors),
      errorCount: r.errorCount ?? r.errors.length,
      ...(r.rows ? { rowCount: r.rows.read, validRowCount: r.rows.kept } : {}),
    }
  return {
    file: arg,
    type: 'data',
    ok: true,
    errors: [],
    rowCount: r.rowCount,
    validRowCount: r.rowCount,
  }
}

/** `gongkai validate <file…>`: checks files against their schemas, reporting every error. */
export const validateCommand: Command = {
  name: 'validate',
  summary:
    'Validate catalogue, dataset, table-schema, content and bindings files, and data files (CSV, NDJSON) against --schema',
  usage:
    'gongkai validate <file…> [--type catalogue|dataset|table-schema|content-item|binding-rules|vocabulary] [--schema <table-schema.json>] [--encoding utf-8|gb18030] [--json]',
  options: { type: { type: 'string' }, schema: { type: 'string' }, ...ENCODING_OPTION },
  async run(ctx) {
    if (ctx.args.length === 0) throw new UsageError('give at least one file')
    const explicit = ctx.flags.type as string | undefined
    if (explicit && !(explicit in validators)) {
      throw new UsageError(
        `unknown --type "${explicit}"; expected one of ${Object.keys(validators).join(', ')}`
      )
    }
    const reports: FileReport[] = []
    let missing = false
    for (const arg of ctx.args) {
      const file = resolve(ctx.io.cwd, arg)
      if (
        !explicit &&
        (DATA_EXTENSIONS.has(extname(file).toLowerCase()) || ctx.flags.schema !== undefined)
      ) {
        if (!existsSync(file)) {
          missing = true
          reports.push({ file: arg, ok: false, errors: [{ message: 'file not found' }] })
        } else reports.push(await validateDataFile(ctx, arg))
        continue
      }
      const read = readJsonFile(file)
      if (!read.ok) {
        if (read.kind === 'missing') missing = true
        reports.push({ file: arg, ok: false, errors: [{ pointer: '', message: read.message }] })
        continue
      }
      const type = detectType(file, read.value, explicit)
      const validator = type ? validators[type] : undefined
      if (!validator) {
        reports.push({
          file: arg,
          ok: false,
          errors: [{ pointer: '', message: 'cannot tell what this file is; pass --type' }],
        })
        continue
      }
      const result = validator(read.value)
      reports.push({
        file: arg,
        type,
        ok: result.ok,
        errors: result.ok ? [] : result.errors.map(plain),
      })
    }
    if (ctx.json) {
      ctx.io.out(`${JSON.stringify({ ok: reports.every((r) => r.ok), files: reports }, null, 2)}\n`)
    } else {
      for (const r of reports) {
        const rows =
          r.rowCount !== undefined ? `, ${r.validRowCount} of ${r.rowCount} row(s) valid` : ''
        if (r.ok) ctx.io.out(`ok ${r.file} (${r.type}${rows})\n`)
        else if (r.type === 'data') ctx.io.err(`${r.file}: ${r.errorCount} error(s)${rows}\n`)
        for (const e of r.errors.slice(0, 50))
          ctx.io.err(
            `${r.file}${e.pointer && e.row === undefined ? `#${e.pointer}` : ''}: ${e.message}\n`
          )
        if (r.errors.length > 50)
          ctx.io.err(`  … and ${(r.errorCount ?? r.errors.length) - 50} more\n`)
      }
      const bad = reports.filter((r) => !r.ok).length
      if (bad) ctx.io.err(`${bad} of ${reports.length} file(s) invalid\n`)
    }
    if (missing) return ExitCode.usage
    return reports.every((r) => r.ok) ? ExitCode.ok : ExitCode.failed
  },
}

function plain(e: ValidationError) {
  return { pointer: e.pointer, message: e.message, expected: e.expected, actual: e.actual }
}
