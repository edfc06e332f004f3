import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import {
  checkAnnualReport,
  type IssuedContent,
  issuedDocuments,
  ReportCheckError,
  ReportInputError,
  readReportFiles,
  renderAnnualReportCsv,
  renderAnnualReportHtml,
  renderAnnualReportJson,
} from '@gongkai/cases'
import { openContentIndex } from '@gongkai/linker'
import { type Command, type CommandContext, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { casesFailure, openWorkspaceCases } from '../workspace-cases.js'

const FORMATS = ['json', 'csv', 'html'] as const

/** The `--include` organs: repeated flags and comma-separated lists alike. */
function includeList(ctx: CommandContext): string[] {
  const raw = ctx.flags.include
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)]
  return values
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean)
}

/** Prints a failed arithmetic check: the cell first, then every broken rule. */
function checkFailure(
  ctx: CommandContext,
  command: string,
  cell: string,
  messages: string[]
): number {
  if (ctx.json) ctx.io.out(`${JSON.stringify({ ok: false, cell, problems: messages })}\n`)
  ctx.io.err(`gongkai ${command}: the report fails its arithmetic at ${cell}\n`)
  for (const m of messages) ctx.io.err(`  ${m}\n`)
  return ExitCode.failed
}

/**
 * `gongkai annual-report <year> --org <organ>`: the 年度报告 in the national format
 * (国办公开办函〔2021〕30号), checked cell by cell before any output.
 */
export const annualReportCommand: Command = {
  name: 'annual-report',
  summary: 'Compute an organ’s 政府信息公开年度报告 for a year (json, csv or printable html)',
  usage:
    'gongkai annual-report <year> --org <organ> [--include <organ>…] [--format json|csv|html] [--out <file>]',
  options: {
    org: { type: 'string' },
    include: { type: 'string', multiple: true },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  async run(ctx) {
    const [yearText, ...extra] = ctx.args
    if (!yearText || extra.length) throw new UsageError('give one year, e.g. annual-report 2021')
    if (!/^\d{4}$/.test(yearText)) throw new UsageError(`"${yearText}" is not a year (YYYY)`)
    const year = Number(yearText)
    const orgId = ctx.flags.org
    if (typeof orgId !== 'string' || !orgId) throw new UsageError('--org <organ> is required')
    const format = (ctx.flags.format as string | undefined) ?? 'json'
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format expects json, csv or html, got "${format}"`)
    const include = includeList(ctx)
    const w = await openWorkspaceCases(ctx)
    try {
      const organ = w.organs.find((o) => o.id === orgId)
      if (!organ)
        throw new UsageError(
          `--org ${orgId}: not an organ of the config's organs[] (gongkai.config.json)`
        )
      const included = include.map((id) => {
        const o = w.organs.find((x) => x.id === id)
        if (!o) throw new UsageError(`--include ${id}: not an organ of the config's organs[]`)
        if (id === orgId) throw new UsageError(`--include ${id}: the report's own organ`)
        return o
      })
      if (included.length && organ.kind !== 'government')
        throw new UsageError(`--include is for a government's report; ${orgId} is a department`)
      let inputs: ReturnType<typeof readReportFiles>
      try {
        inputs = readReportFiles(w.ws.path('reports'), year, orgId)
      } catch (err) {
        if (!(err instanceof ReportInputError)) throw err
        if (ctx.json) ctx.io.out(`${JSON.stringify({ ok: false, error: err.message })}\n`)
        ctx.io.err(`gongkai annual-report: ${err.message}\n`)
        return ExitCode.failed
      }
      const report = await w.cases.annualReport({
        year,
        organ: { id: organ.id, name: organ.name, kind: organ.kind },
        include,
        contents: await issuedDocuments(
          (await openContentIndex(w.store)).all() as AsyncIterable<IssuedContent>,
          [organ, ...included].map((o) => o.name)
        ),
        ...(inputs.declared ? { declared: inputs.declared } : {}),
        text: inputs.text,
      })
      const text =
        format === 'csv'
          ? renderAnnualReportCsv(report)
          : format === 'html'
            ? renderAnnualReportHtml(report)
            : renderAnnualReportJson(report)
      const out = ctx.flags.out as string | undefined
      if (out) {
        const path = resolve(ctx.io.cwd, out)
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, text)
        ctx.io.err(`wrote ${out}\n`)
      } else ctx.io.out(text)
      return ExitCode.ok
    } catch (err) {
      if (err instanceof ReportCheckError)
        return checkFailure(
          ctx,
          'annual-report',
          err.cell,
          err.problems.map((p) => p.message)
        )
      return casesFailure(ctx, 'annual-report', err)
    } finally {
      await w.store.close()
    }
  },
}

/** `gongkai annual-report check <file.json>`: checks an (edited) report's arithmetic (§15.1). */
export const annualReportCheckCommand: Command = {
  name: 'annual-report check',
  summary: 'Check an annual report JSON’s arithmetic; a broken rule exits 1 naming the cell',
  usage: 'gongkai annual-report check <report.json> [--json]',
  async run(ctx) {
    const [file, ...extra] = ctx.args
    if (!file || extra.length) throw new UsageError('give one report JSON file')
    let report: unknown
    try {
      report = JSON.parse(readFileSync(resolve(ctx.io.cwd, file), 'utf8').replace(/^\uFEFF/, ''))
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      if (e.code) throw new UsageError(`cannot read ${file}: ${e.code}`)
      if (ctx.json)
        ctx.io.out(`${JSON.stringify({ ok: false, error: `not JSON: ${e.message}` })}\n`)
      ctx.io.err(`gongkai annual-report check: ${file}: not JSON (${e.message})\n`)
      return ExitCode.failed
    }
    const r = checkAnnualReport(report)
    if (!r.ok)
      return checkFailure(
        ctx,
        'annual-report check',
        r.cell,
        r.problems.map((p) => `${p.cell}: ${p.message}`)
      )
    if (ctx.json) ctx.io.out(`${JSON.stringify({ ok: true })}\n`)
    else ctx.io.out(`${file}: every rule holds\n`)
    return ExitCode.ok
  },
}
