import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ImportResult, openCases, openConsultations, openMessages } from '@gongkai/cases'
import { catalogues } from '@gongkai/catalogues'
import { bind, importContent, loadBindingRules, openContentIndex } from '@gongkai/linker'
import type { ContentItem } from '@gongkai/schema'
import type { Organ, Workspace } from '@gongkai/store'
import { dataFileOf, publishReport, readDescriptor, readTableSchema } from './dataset-input.js'
import { catalogueSelection } from './workspace-catalogues.js'
import { openDatastoreOf } from './workspace-datastore.js'

/** The sample data shipped with the CLI (fictional 示例区 content, bindings and datasets). */
export const samplesDir = fileURLToPath(new URL('../samples/', import.meta.url))

/** What seeding put into a workspace. */
export interface SeedReport {
  contentItems: number
  bindings: number
  problems: string[]
}

/** Copies the sample files into a new workspace (never over the officer's own files). */
export function copySamples(ws: Workspace): string[] {
  const copied: string[] = []
  const copy = (from: string, to: string) => {
    if (existsSync(to)) return
    cpSync(from, to, { recursive: true })
    copied.push(to)
  }
  for (const f of readdirSync(join(samplesDir, 'content'))) {
    copy(join(samplesDir, 'content', f), join(ws.path(ws.config.paths.content), f))
  }
  for (const d of readdirSync(join(samplesDir, 'datasets'))) {
    copy(join(samplesDir, 'datasets', d), join(ws.path(ws.config.paths.datasets), d))
  }
  return copied
}

/** Imports the workspace's content files and binds them, so a new portal shows real links at once. */
export async function seedContent(ws: Workspace): Promise<SeedReport> {
  const store = ws.openStore()
  const problems: string[] = []
  try {
    const index = await openContentIndex(store)
    const dir = ws.path(ws.config.paths.content)
    for (const f of existsSync(dir) ? readdirSync(dir).sort() : []) {
      const items = importContent(join(dir, f))
      await index.upsert(items, { source: f })
      for (const p of items.problems) problems.push(`${p.file}:${p.line ?? ''} ${p.message}`)
    }
    const rulesFile = ws.path(ws.config.paths.bindings)
    const loaded = existsSync(rulesFile) ? await loadBindingRules(rulesFile) : undefined
    if (loaded && !loaded.ok)
      for (const p of loaded.problems) problems.push(`${p.file}#${p.pointer}: ${p.message}`)
    const all: ContentItem[] = []
    for await (const item of index.all()) all.push(item)
    // The same selection as `link`: those the rules or config name (a national id standing for
    // its field's layer at the config's level), else each field's top layer.
    const selected = catalogueSelection(
      catalogues,
      ws.config,
      loaded?.ok ? loaded.rules : undefined
    )
    const result = await bind({
      catalogues: selected.catalogues,
      items: all,
      ...(selected.rules ? { rules: selected.rules } : {}),
    })
    await index.saveBindings(result)
    return { contentItems: all.length, bindings: result.bindings.length, problems }
  } finally {
    await store.close()
  }
}

/** What publishing the workspace's sample datasets did. */
export interface DatasetSeedReport {
  published: { id: string; version: number; rows: number }[]
  /** Datasets left as they were because they already have a version. */
  kept: string[]
  /** Datasets that were refused, with every reason as printable lines. */
  refused: { id: string; lines: string[] }[]
}

/**
 * Publishes every `datasets/<id>/` folder (descriptor.json, schema.json, data file) that has no
 * version yet; a refused one is reported and the others still go on.
 */
export async function seedDatasets(ws: Workspace): Promise<DatasetSeedReport> {
  const report: DatasetSeedReport = { published: [], kept: [], refused: [] }
  const root = ws.path(ws.config.paths.datasets)
  if (!existsSync(root)) return report
  const store = ws.openStore()
  try {
    const ds = await openDatastoreOf(ws, store)
    for (const name of readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()) {
      const dir = join(root, name)
      const descriptor = readDescriptor(join(dir, 'descriptor.json'))
      const schema = readTableSchema(join(dir, 'schema.json'))
      const data = dataFileOf(dir)
      if (!descriptor.ok || !schema.ok || !data) {
        const lines = [
          ...(descriptor.ok ? [] : descriptor.problems),
          ...(schema.ok ? [] : schema.problems),
          ...(data ? [] : [`${dir}: no data file (data.csv)`]),
        ]
        report.refused.push({ id: name, lines })
        continue
      }
      const id = descriptor.value.id
      if ((await ds.versions(id)).length > 0) {
        report.kept.push(id)
        continue
      }
      const r = await ds.publish({
        descriptor: descriptor.value,
        schema: schema.value,
        source: data,
      })
      if (r.ok) report.published.push({ id, version: r.version, rows: r.rowCount })
      else report.refused.push({ id, lines: publishReport(id, r) })
    }
    return report
  } finally {
    await store.close()
  }
}

/** The sample organs (`samples/organs.json`) as config `organs[]` of organisation `org`. */
export function sampleOrgans(org: string): Organ[] {
  const organs = JSON.parse(readFileSync(join(samplesDir, 'organs.json'), 'utf8')) as Omit<
    Organ,
    'org'
  >[]
  return organs.map((o) => ({ ...o, org }))
}

/**
 * Imports the sample 依申请公开 requests (`samples/requests/requests.csv`: every reply code, a
 * withdrawal, cases carried into and out of 2025, a few recent open ones) and copies the 2025
 * annual report's declared counts and prose into `reports/`, so `gongkai annual-report 2025` and the
 * officers' pages have data at once. Needs the sample organs in the config.
 */
export async function seedRequests(ws: Workspace): Promise<ImportResult> {
  if (!existsSync(ws.path('reports')))
    cpSync(join(samplesDir, 'reports'), ws.path('reports'), { recursive: true })
  const store = ws.openStore()
  try {
    const cases = await openCases(store, {
      config: { request: ws.config.request },
      organs: ws.config.organs.map((o) => o.id),
    })
    const r = await cases.importCsv(readFileSync(join(samplesDir, 'requests', 'requests.csv')), {
      source: 'sample',
    })
    if (!r.ok) return r
    // The CSV has no fee columns: the request closed for an unpaid 信息处理费 is entered event by event.
    const { id } = await cases.add({
      organ: 'district-gov',
      channel: 'online',
      applicant: { id: 'app-bulk', type: 'other' },
      subject: '2015年以来全部行政处罚案卷',
      received: '2025-09-08',
    })
    for (const e of [
      { type: 'fee_notified', date: '2025-09-12', mode: 'per_volume', pages: 420 },
      { type: 'fee_unpaid', date: '2025-09-29' },
      { type: 'replied', date: '2025-09-30', outcome: 'other.fee_unpaid' },
    ])
      await cases.appendEvent(id, e)
    return { ...r, imported: r.imported + 1, ids: [...r.ids, id] }
  } finally {
    await store.close()
  }
}

/** What {@link seedInteraction} stored. */
export interface InteractionSeedReport {
  messages: number
  consultations: number
}

/**
 * Adds the sample 政民互动 messages and 意见征集 consultations (`samples/interaction/`): published
 * answers, a transfer, open messages, a consultation whose feedback was published (its issued
 * document is the first sample 行政规范性文件 of the content index; `$normative_document` in the
 * file) and one still collecting opinions. Needs the sample organs and content.
 */
export async function seedInteraction(ws: Workspace): Promise<InteractionSeedReport> {
  const store = ws.openStore()
  try {
    const organs = ws.config.organs.map((o) => o.id)
    const config = { online: ws.config.online, participation: ws.config.participation }
    const messages = await openMessages(store, { config, organs })
    const consultations = await openConsultations(store, { config, organs })
    const index = await openContentIndex(store)
    let normative: string | undefined
    for await (const item of index.all()) {
      if (item.kind === 'normative_document') {
        normative = item.url
        break
      }
    }
    const read = (name: string) =>
      JSON.parse(readFileSync(join(samplesDir, 'interaction', name), 'utf8')) as {
        message?: unknown
        consultation?: unknown
        events: Record<string, unknown>[]
      }[]
    let m = 0
    for (const s of read('messages.json')) {
      const { id } = await messages.add(s.message)
      for (const e of s.events) await messages.appendEvent(id, e)
      m++
    }
    let c = 0
    for (const s of read('consultations.json')) {
      const { id } = await consultations.add(s.consultation)
      for (const e of s.events) {
        if (e.contentId === '$normative_document') {
          // Without a sample normative document the history stops before the issue.
          if (!normative) break
          await consultations.appendEvent(id, { ...e, contentId: normative })
        } else await consultations.appendEvent(id, e)
      }
      c++
    }
    return { messages: m, consultations: c }
  } finally {
    await store.close()
  }
}
