import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { formatRowError, inferSchema, type RowAccount, type RowError } from '@gongkai/open-data'
import {
  type Dataset,
  type OpennessClass,
  type TableSchema,
  validateDataset,
} from '@gongkai/schema'
import { type Command, type CommandContext, UsageError } from '../command.js'
import {
  accountLines,
  type Checked,
  capped,
  checkDocument,
  ENCODING_OPTION,
  formatFinding,
  PRINT_CAP,
  publishReport,
  readDescriptor,
  readTableSchema,
  sourceOptionsOf,
} from '../dataset-input.js'
import { ExitCode } from '../exit-codes.js'
import { withDatastore } from '../workspace-datastore.js'
import { refreshSearch } from '../workspace-search.js'

const OPENNESS: readonly OpennessClass[] = ['unconditional', 'conditional', 'closed']

/** A file argument resolved against the cwd; a missing one is a usage error (exit 2). */
function inputFile(ctx: CommandContext, arg: string | undefined, what: string): string {
  if (!arg) throw new UsageError(`give the ${what}`)
  const file = resolve(ctx.io.cwd, arg)
  if (!existsSync(file)) throw new UsageError(`${arg}: no such file`)
  return file
}

/** Prints the problems of a document that failed to read or validate; exit 2 when missing, 1 when invalid. */
function refuse(ctx: CommandContext, c: Extract<Checked<unknown>, { ok: false }>): number {
  if (ctx.json)
    ctx.io.out(
      `${JSON.stringify({ ok: false, reason: 'descriptor', problems: c.problems }, null, 2)}\n`
    )
  for (const p of c.problems) ctx.io.err(`${p}\n`)
  return c.missing ? ExitCode.usage : ExitCode.failed
}

const flag = (ctx: CommandContext, name: string) => ctx.flags[name] as string | undefined

/** `gongkai dataset add <file>`: validate, guard privacy and publish a new version. */
export const datasetAddCommand: Command = {
  name: 'dataset add',
  summary: 'Validate a CSV / JSON / NDJSON file and publish it as a new dataset version',
  usage:
    'gongkai dataset add <file> --id <id> --title <title> [--schema <table-schema.json>] [--descriptor <descriptor.json>] [--openness unconditional|conditional|closed] [--description <text>] [--skip-bad-rows] [--encoding utf-8|gb18030] [--json]',
  options: {
    ...ENCODING_OPTION,
    id: { type: 'string' },
    title: { type: 'string' },
    schema: { type: 'string' },
    descriptor: { type: 'string' },
    openness: { type: 'string' },
    description: { type: 'string' },
    'skip-bad-rows': { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.args.length > 1) throw new UsageError('give one data file')
    const file = inputFile(ctx, ctx.args[0], 'data file (CSV, JSON array or NDJSON)')
    const openness = flag(ctx, 'openness')
    if (openness !== undefined && !OPENNESS.includes(openness as OpennessClass))
      throw new UsageError('--openness expects unconditional, conditional or closed')
    const descriptorFile = flag(ctx, 'descriptor')
    if (!descriptorFile && (!flag(ctx, 'id') || !flag(ctx, 'title')))
      throw new UsageError('--id and --title are required (or give --descriptor <descriptor.json>)')
    const schemaFile = flag(ctx, 'schema')
    if (schemaFile) inputFile(ctx, schemaFile, 'table schema')
    if (descriptorFile) inputFile(ctx, descriptorFile, 'descriptor')
    const sourceOptions = sourceOptionsOf(ctx.flags)
    const skipBadRows = ctx.flags['skip-bad-rows'] === true

    return withDatastore(ctx, async (ws, ds, store) => {
      // Table schema: the officer's file, else types inferred from every row of the data file.
      // Masks are never inferred here: what to mask is the officer's decision, reviewed in a
      // schema file, so personal information in an unconditional dataset is refused below.
      let schema: TableSchema
      let inferred = false
      if (schemaFile) {
        const c = readTableSchema(resolve(ctx.io.cwd, schemaFile))
        if (!c.ok) return refuse(ctx, c)
        schema = c.value
      } else {
        // Inference reads the file as publishing does, so it refuses (or skips) the same rows.
        const r = await inferSchema(file, { masks: false, skipBadRows, ...sourceOptions })
        if (!r.ok) return refuseSource(ctx, r)
        schema = r.schema
        inferred = true
        if (!ctx.json)
          ctx.io.err(
            `no --schema: inferred column types (no masks) from all ${r.rowCount} row(s) (${r.schema.fields.map((f) => `${f.name}:${f.type}`).join(', ')}); review it with "gongkai dataset infer"\n`
          )
      }

      // Descriptor: the officer's file with the flags on top, else a minimal one from the flags.
      const org = ws.config.organisation
      let base: Record<string, unknown> = {}
      if (descriptorFile) {
        const c = readDescriptor(resolve(ctx.io.cwd, descriptorFile))
        if (!c.ok) return refuse(ctx, c)
        base = { ...c.value }
      }
      const title = flag(ctx, 'title') ?? (base.title as string)
      const raw = {
        license: 'https://creativecommons.org/licenses/by/4.0/',
        publisher: { id: org.id, name: org.name },
        openness: 'unconditional',
        ...base,
        ...(flag(ctx, 'id') ? { id: flag(ctx, 'id') } : {}),
        ...(flag(ctx, 'title') ? { title } : {}),
        ...(openness ? { openness } : {}),
        ...(flag(ctx, 'description') ? { description: flag(ctx, 'description') } : {}),
      }
      if (raw.description === undefined) raw.description = `${title}（${org.name}发布）`
      const checked = checkDocument(descriptorFile ?? '(descriptor from --id/--title)', raw, (d) =>
        validateDataset(d)
      )
      if (!checked.ok) return refuse(ctx, checked)
      const descriptor: Dataset = checked.value

      const progress = ctx.progress(`publishing ${descriptor.id}`)
      let seen = 0
      const result = await ds.publish({
        descriptor,
        schema,
        source: file,
        sourceOptions,
        skipBadRows,
        onProgress: (n) => {
          progress.tick(n - seen)
          seen = n
        },
      })
      progress.done()
      if (result.ok) await refreshSearch(ctx, ws, store, ['dataset'])
      const arg = ctx.args[0] as string
      const hint =
        !result.ok && result.reason === 'privacy' && inferred
          ? `"gongkai dataset infer ${arg} > schema.json" proposes masks for these columns: review them, then run again with --schema schema.json`
          : undefined
      if (ctx.json) {
        ctx.io.out(
          `${JSON.stringify({ id: descriptor.id, schemaInferred: inferred, ...result, ...(hint ? { hint } : {}) }, null, 2)}\n`
        )
      } else {
        const lines = publishReport(descriptor.id, result)
        if (hint) lines.push(`hint: ${hint}`)
        for (const l of lines) {
          if (result.ok) ctx.io.out(`${l}\n`)
          else ctx.io.err(`${l}\n`)
        }
      }
      return result.ok ? ExitCode.ok : ExitCode.failed
    })
  },
}

/**
 * Prints why a data file cannot be read as a table (the same errors `dataset add` refuses it
 * with, capped), exit 1.
 */
function refuseSource(
  ctx: CommandContext,
  r: { errors: RowError[]; errorCount?: number; rows?: RowAccount }
): number {
  const errorCount = r.errorCount ?? r.errors.length
  if (ctx.json)
    ctx.io.out(
      `${JSON.stringify({ ok: false, reason: 'source', errors: r.errors, errorCount, ...(r.rows ? { rows: r.rows } : {}) }, null, 2)}\n`
    )
  else {
    const hint = r.errors.some((e) => e.row > 0)
      ? ' (fix them, or pass --skip-bad-rows to leave those rows out)'
      : ''
    ctx.io.err(`the data file cannot be read as a table${hint}:\n`)
    for (const l of capped(r.errors, errorCount, PRINT_CAP, formatRowError)) ctx.io.err(`${l}\n`)
  }
  return ExitCode.failed
}

/** `gongkai dataset infer <file>`: the table schema proposed from the whole file. */
export const datasetInferCommand: Command = {
  name: 'dataset infer',
  summary: 'Propose a table schema from a whole CSV / JSON / NDJSON file',
  usage:
    'gongkai dataset infer <file> [--enum-max N] [--skip-bad-rows] [--encoding utf-8|gb18030] [--json]',
  options: {
    'enum-max': { type: 'string' },
    'skip-bad-rows': { type: 'boolean' },
    ...ENCODING_OPTION,
  },
  async run(ctx) {
    const file = inputFile(ctx, ctx.args[0], 'data file')
    const enumMax = flag(ctx, 'enum-max') === undefined ? undefined : Number(flag(ctx, 'enum-max'))
    if (enumMax !== undefined && !(Number.isInteger(enumMax) && enumMax >= 0))
      throw new UsageError('--enum-max expects a whole number')
    const r = await inferSchema(file, {
      ...(enumMax === undefined ? {} : { enumMax }),
      ...sourceOptionsOf(ctx.flags),
      skipBadRows: ctx.flags['skip-bad-rows'] === true,
    })
    if (!r.ok) return refuseSource(ctx, r)
    if (ctx.json) {
      ctx.io.out(`${JSON.stringify(r, null, 2)}\n`)
      return ExitCode.ok
    }
    // The schema alone on stdout, so `gongkai dataset infer x.csv > schema.json` gives a usable file.
    ctx.io.out(
      `${JSON.stringify({ $schema: 'https://gongkai.dev/schemas/table-schema.schema.json', ...r.schema }, null, 2)}\n`
    )
    const how = [r.format, r.encoding, r.delimiter && `delimiter ${JSON.stringify(r.delimiter)}`]
    ctx.io.err(`${r.rowCount} row(s) read (${how.filter(Boolean).join(', ')})\n`)
    for (const l of accountLines(r.rows)) ctx.io.err(`${l}\n`)
    if (r.rows.skipped.count > 0)
      ctx.io.err(`${r.rows.skipped.count} row(s) left out (--skip-bad-rows):\n`)
    for (const c of r.columns.filter((x) => x.suggestedMask))
      ctx.io.err(
        `column ${c.name}: looks like personal information; suggested mask ${c.suggestedMask} (review it)\n`
      )
    // The declarations the file would need to be published as it is: for the officer to add only
    // where a law requires the values to be public (a 公示 list's names), with that law as reason.
    for (const c of r.columns.filter((x) => x.suggestedAllow && !x.suggestedMask))
      ctx.io.err(
        `column ${c.name}: holds ${c.suggestedAllow?.join(', ')}; published as it is only with "privacy": ${JSON.stringify({ allow: c.suggestedAllow, reason: '<the law that requires it public>' })}\n`
      )
    // Single cells in columns the proposal leaves unmasked: masking a whole free-text column for
    // them would be wrong, so they are for the officer to fix in the data (or mask by hand).
    if (r.findingCount > 0) {
      ctx.io.err(`personal information not covered by a proposed mask (${r.findingCount}):\n`)
      for (const l of capped(r.findings, r.findingCount, PRINT_CAP, formatFinding))
        ctx.io.err(`${l}\n`)
    }
    for (const l of capped(r.warnings, r.warnings.length, PRINT_CAP, formatRowError))
      ctx.io.err(`${l}\n`)
    return ExitCode.ok
  },
}

/** `gongkai dataset list`. */
export const datasetListCommand: Command = {
  name: 'dataset list',
  summary: 'List the published datasets',
  usage: 'gongkai dataset list [--json]',
  async run(ctx) {
    if (ctx.args.length) throw new UsageError('dataset list takes no arguments')
    return withDatastore(ctx, async (_ws, ds) => {
      const rows = await ds.listDatasets()
      if (ctx.json) ctx.io.out(`${JSON.stringify(rows, null, 2)}\n`)
      else {
        const w = Math.max(2, ...rows.map((r) => r.id.length))
        for (const r of rows) {
          const v = r.currentVersion === null ? 'withdrawn' : `v${r.currentVersion}`
          ctx.io.out(
            `${r.id.padEnd(w)}  ${r.openness.padEnd(13)} ${v.padEnd(9)} ${String(r.versionCount).padStart(2)} version(s)  ${r.title}\n`
          )
        }
        ctx.io.out(`${rows.length} dataset(s)\n`)
      }
      return ExitCode.ok
    })
  },
}

async function needDataset(ds: Parameters<Parameters<typeof withDatastore>[1]>[1], id?: string) {
  if (!id) throw new UsageError('give a dataset id')
  const d = await ds.getDataset(id)
  if (!d) throw new UsageError(`no dataset "${id}" (see "gongkai dataset list")`)
  return d
}

/** `gongkai dataset show <id>`. */
export const datasetShowCommand: Command = {
  name: 'dataset show',
  summary: 'Show a dataset: descriptor, table schema, current version',
  usage: 'gongkai dataset show <id> [--json]',
  async run(ctx) {
    return withDatastore(ctx, async (_ws, ds) => {
      const d = await needDataset(ds, ctx.args[0])
      if (ctx.json) {
        ctx.io.out(`${JSON.stringify(d, null, 2)}\n`)
        return ExitCode.ok
      }
      const x = d.descriptor
      ctx.io.out(
        [
          `${x.title} (${x.id})`,
          `openness: ${d.openness}   current version: ${d.currentVersion ?? 'none (withdrawn)'}   versions: ${d.versionCount}`,
          `publisher: ${x.publisher.name} (${x.publisher.id})   license: ${x.license}`,
          ...(x.keywords?.length ? [`keywords: ${x.keywords.join('、')}`] : []),
          `description: ${x.description}`,
          'fields:',
          ...d.schema.fields.map((f) => {
            const c = f.constraints ? ` ${JSON.stringify(f.constraints)}` : ''
            return `  ${f.name}: ${f.type}${f.format ? ` (${f.format})` : ''}${c}${f.mask ? ` mask=${f.mask.type}` : ''}`
          }),
          '',
        ].join('\n')
      )
      return ExitCode.ok
    })
  },
}

/** `gongkai dataset versions <id>`. */
export const datasetVersionsCommand: Command = {
  name: 'dataset versions',
  summary: 'List the versions of a dataset (published and withdrawn)',
  usage: 'gongkai dataset versions <id> [--json]',
  async run(ctx) {
    return withDatastore(ctx, async (_ws, ds) => {
      const d = await needDataset(ds, ctx.args[0])
      const versions = await ds.versions(d.id)
      if (ctx.json) {
        ctx.io.out(`${JSON.stringify(versions, null, 2)}\n`)
        return ExitCode.ok
      }
      for (const v of versions) {
        const mark = v.current ? '*' : ' '
        const extra =
          v.status === 'withdrawn'
            ? `  withdrawn ${v.withdrawnAt ?? ''}: ${v.withdrawnReason ?? ''}`
            : ''
        ctx.io.out(
          `${mark} v${v.version}  ${v.status.padEnd(9)}  ${v.publishedAt}  ${v.rowCount} row(s), ${v.skippedCount} skipped, ${v.findingsCount} finding(s)${extra}\n`
        )
      }
      return ExitCode.ok
    })
  },
}

/** `gongkai dataset withdraw <id> --version N --reason "…"`. */
export const datasetWithdrawCommand: Command = {
  name: 'dataset withdraw',
  summary: 'Withdraw a dataset version with a reason (it is kept, never deleted)',
  usage: 'gongkai dataset withdraw <id> --version N --reason <text> [--json]',
  options: { version: { type: 'string' }, reason: { type: 'string' } },
  async run(ctx) {
    const version = Number(flag(ctx, 'version'))
    if (!(Number.isInteger(version) && version > 0))
      throw new UsageError('--version expects a version number (1, 2, …)')
    const reason = flag(ctx, 'reason')?.trim()
    if (!reason) throw new UsageError('--reason is required: say why the version is withdrawn')
    return withDatastore(ctx, async (ws, ds, store) => {
      const d = await needDataset(ds, ctx.args[0])
      const r = await ds.withdraw(d.id, version, reason)
      if (r.ok) await refreshSearch(ctx, ws, store, ['dataset'])
      if (ctx.json) ctx.io.out(`${JSON.stringify({ id: d.id, version, ...r }, null, 2)}\n`)
      else if (r.ok)
        ctx.io.out(
          `withdrew ${d.id} version ${version}; current version is now ${r.currentVersion ?? 'none'}\n`
        )
      else ctx.io.err(`${d.id} version ${version}: ${r.message}\n`)
      return r.ok ? ExitCode.ok : ExitCode.failed
    })
  },
}
