import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import {
  diff,
  diffLayers,
  exportTable,
  formatCatalogueError,
  importTable,
  instantiate,
  type LayerDiff,
  provenance,
  type StatusTotals,
  type TableFormat,
} from '@gongkai/catalogue'
import { topLayersAt } from '@gongkai/catalogues'
import { type Catalogue, type EntrySource, labelOf } from '@gongkai/schema'
import { type Command, type CommandContext, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { shownPath } from '../shown-path.js'
import {
  rawCatalogue,
  resolveCatalogue,
  type WorkspaceCatalogues,
  workspaceCatalogues,
} from '../workspace-catalogues.js'
import { openCliWorkspace } from '../workspace-store.js'

const level1Count = (c: Catalogue) => new Set(c.entries.map((e) => e.item.level1)).size

function writeOut(ctx: CommandContext, out: string | undefined, text: string): void {
  if (!out) {
    ctx.io.out(text)
    return
  }
  const file = resolve(ctx.io.cwd, out)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  if (!ctx.json) ctx.io.err(`wrote ${shownPath(ctx.io.cwd, file)}\n`)
}

async function need(
  ctx: CommandContext,
  ref: string | undefined,
  all?: WorkspaceCatalogues
): Promise<Catalogue> {
  if (!ref) throw new UsageError('give a catalogue id or file')
  const r = await resolveCatalogue(ctx, ref, all)
  if (!r.catalogue) throw new UsageError(r.error ?? `no catalogue ${ref}`)
  return r.catalogue
}

/** `gongkai catalogue list`. */
export const catalogueListCommand: Command = {
  name: 'catalogue list',
  summary: 'List the bundled and workspace catalogues',
  usage:
    'gongkai catalogue list [--kind standard|residents_committee|public_institution] [--field <code>]',
  options: { kind: { type: 'string' }, field: { type: 'string' } },
  async run(ctx) {
    const { catalogues, level, problems } = await workspaceCatalogues(ctx)
    const top = new Set(topLayersAt(catalogues, level).map((c) => c.id))
    const rows = catalogues
      .filter((c) => !ctx.flags.kind || c.kind === ctx.flags.kind)
      .filter((c) => !ctx.flags.field || c.field === ctx.flags.field)
      .map((c) => ({
        id: c.id,
        kind: c.kind,
        field: c.field ?? c.sector ?? '',
        template: c.template === true,
        extends: c.extends?.id ?? null,
        top: top.has(c.id),
        level1: level1Count(c),
        entries: c.entries.length,
        title: c.title,
      }))
    for (const p of problems) ctx.io.err(`${p}\n`)
    if (ctx.json) ctx.io.out(`${JSON.stringify(rows, null, 2)}\n`)
    else {
      const w = Math.max(...rows.map((r) => r.id.length), 2)
      for (const r of rows) {
        ctx.io.out(
          `${r.id.padEnd(w)}  ${String(r.level1).padStart(2)}/${String(r.entries).padEnd(3)} ${r.title}\n`
        )
      }
      ctx.io.out(
        `${rows.length} catalogue(s), ${rows.reduce((n, r) => n + r.entries, 0)} entries\n`
      )
    }
    return problems.length ? ExitCode.failed : ExitCode.ok
  },
}

/** `gongkai catalogue show <id> [--entry <entryId>]`. */
export const catalogueShowCommand: Command = {
  name: 'catalogue show',
  summary: 'Show a catalogue or one of its entries',
  usage: 'gongkai catalogue show <id|file> [--entry <entryId>] [--json]',
  options: { entry: { type: 'string' } },
  async run(ctx) {
    const c = await need(ctx, ctx.args[0])
    const entryId = ctx.flags.entry as string | undefined
    if (entryId) {
      const e = c.entries.find((x) => x.id === entryId)
      if (!e) throw new UsageError(`catalogue ${c.id} has no entry "${entryId}"`)
      if (ctx.json) ctx.io.out(`${JSON.stringify(e, null, 2)}\n`)
      else {
        const item = [e.item.level1, e.item.level2, e.item.level3].filter(Boolean).join(' / ')
        ctx.io.out(
          [
            `${e.seq}. ${item}  (${c.id}/${e.id})`,
            `公开内容: ${e.contentElements.join('；')}`,
            `公开依据: ${e.legalBasis.map((b) => `${b.title}${b.docNo ? `（${b.docNo}）` : ''}`).join('；') || '—'}`,
            `公开时限: ${e.timeLimit.text}`,
            `公开主体: ${e.responsibleBodies.join('、')}`,
            `公开渠道: ${e.channels.map((ch) => `${ch.required ? '■' : '□'}${labelOf('channels', ch.code) ?? ch.code}`).join(' ')}`,
            `来源: ${e.source.title}${e.source.docNo ? ` ${e.source.docNo}` : ''} [${e.source.status}]`,
            '',
          ].join('\n')
        )
      }
      return ExitCode.ok
    }
    if (ctx.json) ctx.io.out(`${JSON.stringify(c, null, 2)}\n`)
    else {
      ctx.io.out(`${c.title} (${c.id}, ${c.kind}${c.field ? `, ${c.field}` : ''}, v${c.version})\n`)
      if (c.guideline)
        ctx.io.out(
          `依据: ${c.guideline.title}${c.guideline.docNo ? ` ${c.guideline.docNo}` : ''}\n`
        )
      for (const e of c.entries) {
        ctx.io.out(
          `${String(e.seq).padStart(3)}  ${e.item.level1} / ${e.item.level2 ?? ''}  — ${e.timeLimit.text}  [${e.id}]\n`
        )
      }
    }
    return ExitCode.ok
  },
}

const formats: Record<string, TableFormat> = { csv: 'csv', 'xlsx-csv': 'xlsx-csv', html: 'html' }

/** `gongkai catalogue export <id> --format csv|xlsx-csv|html`. */
export const catalogueExportCommand: Command = {
  name: 'catalogue export',
  summary: 'Export a catalogue in the official two-row-header table layout (CSV, Excel CSV, HTML)',
  usage:
    'gongkai catalogue export <id|file> [--format csv|xlsx-csv|html] [--out <file>] [--print-only]',
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    'print-only': { type: 'boolean' },
  },
  async run(ctx) {
    const c = await need(ctx, ctx.args[0])
    const format = formats[(ctx.flags.format as string | undefined) ?? 'csv']
    if (!format) throw new UsageError('--format expects csv, xlsx-csv or html')
    const text = exportTable(c, format, {
      machineColumns: !ctx.flags['print-only'],
      document: format === 'html',
    })
    writeOut(ctx, ctx.flags.out as string | undefined, text)
    return ExitCode.ok
  },
}

/** `gongkai catalogue import <file>`: an official table back into catalogue JSON. */
export const catalogueImportCommand: Command = {
  name: 'catalogue import',
  summary:
    'Read a catalogue table published in the official layout (HTML or CSV) into catalogue JSON',
  usage:
    'gongkai catalogue import <file.html|file.csv> [--id <id>] [--title <title>] [--field <code>] [--kind <kind>] [--out <file>]',
  options: {
    id: { type: 'string' },
    title: { type: 'string' },
    field: { type: 'string' },
    kind: { type: 'string' },
    out: { type: 'string' },
  },
  async run(ctx) {
    const [file] = ctx.args
    if (!file) throw new UsageError('give the table file')
    let text: string
    try {
      text = readFileSync(resolve(ctx.io.cwd, file), 'utf8').replace(/^\uFEFF/, '')
    } catch (err) {
      throw new UsageError(`${file}: ${(err as Error).message}`)
    }
    const f = ctx.flags
    const r = importTable(text, {
      format: file.toLowerCase().endsWith('.csv') ? 'csv' : 'html',
      ...(f.id ? { id: f.id as string } : {}),
      ...(f.title ? { title: f.title as string } : {}),
      ...(f.field ? { field: f.field as Catalogue['field'] } : {}),
      ...(f.kind ? { kind: f.kind as Catalogue['kind'] } : {}),
    })
    for (const p of r.problems) {
      ctx.io.err(
        `${file}: row ${p.row}, column ${p.column}${p.value ? ` ("${p.value}")` : ''}: ${p.message}\n`
      )
    }
    // A table that cannot be read (spans that do not add up) gives no catalogue at all.
    if (r.refused) {
      ctx.io.err(`${file}: refused, nothing written: fix the table's rowspan/colspan first\n`)
      return ExitCode.failed
    }
    writeOut(ctx, f.out as string | undefined, `${JSON.stringify(r.catalogue, null, 2)}\n`)
    return r.ok ? ExitCode.ok : ExitCode.failed
  },
}

/** `gongkai catalogue instantiate <template> --name <name>`. */
export const catalogueInstantiateCommand: Command = {
  name: 'catalogue instantiate',
  summary: 'Fill a template (居务公开, public institution) for one committee or institution',
  usage:
    'gongkai catalogue instantiate <template-id> --name <名称> [--value 街道名称=示例街道 …] [--id <id>] [--out <file>]',
  options: {
    name: { type: 'string' },
    value: { type: 'string', multiple: true },
    id: { type: 'string' },
    out: { type: 'string' },
  },
  async run(ctx) {
    const template = await need(ctx, ctx.args[0])
    const name = ctx.flags.name as string | undefined
    if (!name) throw new UsageError('--name is required (the committee or institution name)')
    const values: Record<string, string> = {}
    for (const v of (ctx.flags.value as string[] | undefined) ?? []) {
      const i = v.indexOf('=')
      if (i <= 0) throw new UsageError(`--value expects 占位符=值, got "${v}"`)
      values[v.slice(0, i)] = v.slice(i + 1)
    }
    const r = instantiate(template, {
      name,
      values,
      ...(ctx.flags.id ? { id: ctx.flags.id as string } : {}),
    })
    if (!r.ok) {
      for (const e of r.errors) ctx.io.err(`${formatCatalogueError(e)}\n`)
      return ExitCode.failed
    }
    const text = `${JSON.stringify(r.value, null, 2)}\n`
    let out = ctx.flags.out as string | undefined
    if (!out && ctx.workspace) {
      // In a workspace the instance goes where the workspace keeps its catalogues.
      const ws = openCliWorkspace(ctx, ctx.workspace)
      out = join(ws.path(ws.config.paths.catalogues), `${r.value.id}.json`)
    }
    writeOut(ctx, out, text)
    if (ctx.json && out) ctx.io.out(`${JSON.stringify({ ok: true, id: r.value.id, file: out })}\n`)
    return ExitCode.ok
  },
}

const sourceText = (s: EntrySource) => `${s.title}${s.docNo ? ` ${s.docNo}` : ''} [${s.status}]`

function printLayerDiff(ctx: CommandContext, d: LayerDiff, base: string, layer: string): void {
  for (const e of d.added)
    ctx.io.out(`+ ${e.id}  ${e.item.level1} / ${e.item.level2 ?? ''}  — ${sourceText(e.source)}\n`)
  for (const r of d.removed) ctx.io.out(`- ${r.id}  ${r.reason}  — ${sourceText(r.source)}\n`)
  for (const o of d.overridden) {
    ctx.io.out(`~ ${o.id} ${o.property}  — ${sourceText(o.source)}\n`)
    ctx.io.out(`    ${JSON.stringify(o.from)} → ${JSON.stringify(o.to)}\n`)
  }
  ctx.io.out(
    `${d.added.length} added, ${d.removed.length} removed, ${d.overridden.length} overridden from ${base} to ${layer}\n`
  )
}

/** `gongkai catalogue diff <base> <layer>`: a layer's changes, or two versions compared. */
export const catalogueDiffCommand: Command = {
  name: 'catalogue diff',
  summary:
    'What a layer changed from a catalogue below it (added, removed, overridden, with sources), or entries added, removed and changed between two versions',
  usage: 'gongkai catalogue diff <base|old id|file> <layer|new id|file> [--json]',
  async run(ctx) {
    if (ctx.args.length !== 2) throw new UsageError('give two catalogues')
    const [baseRef, layerRef] = ctx.args as [string, string]
    const all = await workspaceCatalogues(ctx)
    const base = await rawCatalogue(ctx, baseRef, all)
    if (!base.catalogue) throw new UsageError(base.error ?? `no catalogue ${baseRef}`)
    const layer = await rawCatalogue(ctx, layerRef, all)
    if (!layer.catalogue) throw new UsageError(layer.error ?? `no catalogue ${layerRef}`)
    if (base.catalogue.id !== layer.catalogue.id) {
      // Files given on the line stand in for the catalogues of their ids.
      const byId = new Map(all.layers.map((c) => [c.id, c]))
      byId.set(base.catalogue.id, base.catalogue)
      byId.set(layer.catalogue.id, layer.catalogue)
      const d = diffLayers(base.catalogue.id, layer.catalogue.id, byId)
      if (!d.ok) {
        for (const e of d.errors) ctx.io.err(`${formatCatalogueError(e)}\n`)
        return ExitCode.failed
      }
      if (d.value) {
        if (ctx.json) ctx.io.out(`${JSON.stringify(d.value, null, 2)}\n`)
        else printLayerDiff(ctx, d.value, base.catalogue.id, layer.catalogue.id)
        return ExitCode.ok
      }
    }
    // Not a layer over the base: compare the two resolved catalogues entry by entry.
    const a = await need(ctx, baseRef, all)
    const b = await need(ctx, layerRef, all)
    const d = diff(a, b)
    if (ctx.json) {
      ctx.io.out(`${JSON.stringify(d, null, 2)}\n`)
      return ExitCode.ok
    }
    for (const e of d.added) ctx.io.out(`+ ${e.id}  ${e.item.level1} / ${e.item.level2 ?? ''}\n`)
    for (const e of d.removed) ctx.io.out(`- ${e.id}  ${e.item.level1} / ${e.item.level2 ?? ''}\n`)
    for (const c of d.changed) {
      ctx.io.out(`~ ${c.id}\n`)
      for (const ch of c.changes) {
        ctx.io.out(`    ${ch.path}: ${JSON.stringify(ch.before)} → ${JSON.stringify(ch.after)}\n`)
      }
    }
    ctx.io.out(
      `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged\n`
    )
    return ExitCode.ok
  },
}

const STATUSES = ['N', 'SH', 'L', '?'] as const

const totalsRow = (name: string, t: StatusTotals, w: number) =>
  `${name.padEnd(w)}  ${STATUSES.map((k) => String(t[k]).padStart(4)).join('')}\n`

/** `gongkai catalogue provenance [id]`: where every entry comes from, and the totals per field. */
export const catalogueProvenanceCommand: Command = {
  name: 'catalogue provenance',
  summary:
    "Where each entry comes from (status N/SH/L/?, the layer that added it, copies of its source) and per field the statuses of the workspace's top layer",
  usage: 'gongkai catalogue provenance [id] [--json]',
  async run(ctx) {
    if (ctx.args.length > 1) throw new UsageError('give at most one catalogue id')
    const [id] = ctx.args
    const all = await workspaceCatalogues(ctx)
    if (id !== undefined && !all.layers.some((c) => c.id === id))
      throw new UsageError(`no catalogue "${id}" (see "gongkai catalogue list")`)
    for (const p of all.problems) ctx.io.err(`${p}\n`)
    // Without an id: every catalogue, and the totals of the layer each field is worked on at.
    // The files were validated (and their problems printed) by workspaceCatalogues already.
    const r = provenance(
      all.layers,
      id === undefined
        ? { tops: topLayersAt(all.layers, all.level).map((c) => c.id), validate: false }
        : { ids: [id], validate: false }
    )
    if (!r.ok) {
      for (const e of r.errors) ctx.io.err(`${formatCatalogueError(e)}\n`)
      return ExitCode.failed
    }
    if (ctx.json) {
      ctx.io.out(`${JSON.stringify(r.value, null, 2)}\n`)
      return ExitCode.ok
    }
    if (id !== undefined) {
      for (const c of r.value.catalogues) {
        ctx.io.out(`${c.id}${c.extends ? ` (extends ${c.extends.id} ${c.extends.version})` : ''}\n`)
        const w = Math.max(2, ...c.entries.map((e) => e.id.length))
        for (const e of c.entries) {
          const copies = e.copies.length === 1 ? '1 copy' : `${e.copies.length} copies`
          ctx.io.out(
            `  ${e.id.padEnd(w)}  ${e.status.padEnd(2)}  ${e.layer}  ${copies}${e.note ? `  ${e.note}` : ''}\n`
          )
        }
      }
    }
    const names = Object.keys(r.value.totals)
    const w = Math.max(5, ...names.map((n) => n.length))
    ctx.io.out(`${'field'.padEnd(w)}  ${STATUSES.map((k) => k.padStart(4)).join('')}\n`)
    for (const n of names) ctx.io.out(totalsRow(n, r.value.totals[n] as StatusTotals, w))
    return all.problems.length ? ExitCode.failed : ExitCode.ok
  },
}
