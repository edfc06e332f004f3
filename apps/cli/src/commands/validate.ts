import { basename, resolve } from 'node:path'
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
import { type Command, UsageError } from '../command.js'
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
export function detectType(file: string, data: unknown, explicit?: string): string | undefined {
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
  errors: { pointer: string; message: string; expected?: string; actual?: string }[]
}

/** `gongkai validate <file…>`: checks files against their schemas, reporting every error. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Validate catalogue, dataset, table-schema, content and bindings files',
  usage:
    'gongkai validate <file…> [--type catalogue|dataset|table-schema|content-item|binding-rules|vocabulary] [--json]',
  options: { type: { type: 'string' } },
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
        if (r.ok) ctx.io.out(`ok ${r.file} (${r.type})\n`)
        for (const e of r.errors)
          ctx.io.err(`${r.file}${e.pointer ? `#${e.pointer}` : ''}: ${e.message}\n`)
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
