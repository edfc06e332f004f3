import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type LayerLevel, layerLevels } from '@gongkai/catalogues'
import { CONFIG_FILE, defaultConfig } from '@gongkai/store'
import { type Command, UsageError } from '../command.js'
import { ensureDir } from '../ensure-dir.js'
import { ExitCode } from '../exit-codes.js'
import {
  copySamples,
  type DatasetSeedReport,
  sampleOrgans,
  samplesDir,
  seedContent,
  seedDatasets,
  seedInteraction,
  seedRequests,
} from '../seed-workspace.js'
import { shownPath } from '../shown-path.js'
import { refreshSearch } from '../workspace-search.js'
import { openCliWorkspace } from '../workspace-store.js'

const README = `# gongkai workspace

- \`gongkai.config.json\`: organisation, base URL, store path
- \`catalogues/\`: catalogues this workspace uses (instantiated from the standard ones or templates)
- \`content/\`: imported content sources
- \`bindings.json\`: manual bindings, exclusions and rules
- \`datasets/<id>/\`: descriptor.json, schema.json and source files
- \`holidays/\`: extra years of working-day data in the holiday-cn shape
- \`.gongkai/store.db\`: the embedded store (not committed)
`

/** `gongkai init [dir]`: creates a workspace with its config, folders and sample files. */
export const initCommand: Command = {
  name: 'init',
  summary: 'Create a workspace (config, folders, sample data)',
  usage:
    'gongkai init [dir] [--org-id <id>] [--org-name <name>] [--base-url <url>] [--layer national|sh|changning-2021] [--no-samples] [--force]',
  options: {
    'org-id': { type: 'string' },
    layer: { type: 'string' },
    'org-name': { type: 'string' },
    'base-url': { type: 'string' },
    force: { type: 'boolean' },
    'no-samples': { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.args.length > 1) throw new UsageError('give at most one folder')
    const dir = resolve(ctx.io.cwd, ctx.args[0] ?? ctx.workspace ?? '.')
    const orgId = (ctx.flags['org-id'] as string | undefined) ?? 'demo-district'
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(orgId))
      throw new UsageError('--org-id expects a lower-case id such as changning')
    const layer = ctx.flags.layer as string | undefined
    if (layer !== undefined && !layerLevels.includes(layer as LayerLevel))
      throw new UsageError(`--layer expects ${layerLevels.join(', ')}`)
    const configFile = join(dir, CONFIG_FILE)
    if (existsSync(configFile) && !ctx.flags.force) {
      ctx.io.err(
        `${configFile} already exists; pass --force to overwrite the config (data is kept)\n`
      )
      return ExitCode.failed
    }
    const config = defaultConfig({
      id: orgId,
      name: (ctx.flags['org-name'] as string | undefined) ?? '示例区人民政府',
    })
    // The catalogue layer each field is worked on at (default the plan's district, Changning 2021).
    if (layer !== undefined) config.layer = layer as LayerLevel
    const baseUrl = ctx.flags['base-url'] as string | undefined
    if (baseUrl !== undefined) {
      if (!/^https?:\/\/[^\s/]+/.test(baseUrl))
        throw new UsageError('--base-url expects an http(s) URL')
      config.baseUrl = baseUrl.replace(/\/+$/, '')
    }
    try {
      ensureDir(dir)
    } catch (err) {
      ctx.io.err(`cannot create the workspace folder: ${(err as Error).message}\n`)
      return ExitCode.failed
    }
    const samples = !ctx.flags['no-samples']
    // The sample requests need the sample organs (a government and one of its departments).
    if (samples) config.organs = sampleOrgans(orgId)
    const created: string[] = []
    const write = (name: string, content: string) => {
      const file = join(dir, name)
      // Never overwrite what the officer already has, except the config under --force.
      if (existsSync(file) && name !== CONFIG_FILE) return
      writeFileSync(file, content)
      created.push(name)
    }
    write(
      CONFIG_FILE,
      `${JSON.stringify({ $schema: 'https://gongkai.dev/schemas/workspace-config.schema.json', ...config }, null, 2)}\n`
    )
    for (const folder of Object.values(config.paths).filter((p) => !p.endsWith('.json'))) {
      ensureDir(join(dir, folder))
    }
    write(
      config.paths.bindings,
      samples
        ? readFileSync(join(samplesDir, 'bindings.json'), 'utf8')
        : `${JSON.stringify({ $schema: 'https://gongkai.dev/schemas/binding-rules.schema.json', rules: [], manual: [], exclusions: [] }, null, 2)}\n`
    )
    write('.gitignore', '.gongkai/\n')
    write('README.md', README)
    let seeded: Awaited<ReturnType<typeof seedContent>> | undefined
    let datasets: DatasetSeedReport | undefined
    let requests: Awaited<ReturnType<typeof seedRequests>> | undefined
    let interaction: Awaited<ReturnType<typeof seedInteraction>> | undefined
    if (samples) {
      const ws = openCliWorkspace(ctx, dir)
      created.push(...copySamples(ws).map((f) => f.slice(dir.length + 1)))
      // Sample content goes into the store now, so `gongkai serve` shows linked entries at once.
      seeded = await seedContent(ws)
      for (const p of seeded.problems) ctx.io.err(`${p}\n`)
      // The sample datasets are published too, so the portal and the APIs have data at once.
      datasets = await seedDatasets(ws)
      for (const r of datasets.refused) for (const l of r.lines) ctx.io.err(`${l}\n`)
      requests = await seedRequests(ws)
      if (!requests.ok)
        for (const e of requests.errors)
          ctx.io.err(`sample requests:${e.row}: ${e.column}: ${e.message}\n`)
      // Messages and consultations after the content: a consultation links its issued document.
      interaction = await seedInteraction(ws)
      // The search index is built now, so the portal's search answers at the first request.
      const store = ws.openStore()
      try {
        await refreshSearch(ctx, ws, store, ['entry', 'document', 'dataset', 'answer'])
      } finally {
        await store.close()
      }
    }
    if (ctx.json)
      ctx.io.out(
        `${JSON.stringify({ ok: true, workspace: dir, layer: config.layer, created, seeded, datasets, requests: requests && { imported: requests.imported }, interaction }, null, 2)}\n`
      )
    else {
      ctx.io.out(
        `workspace ready in ${shownPath(ctx.io.cwd, dir)} (${created.length} file(s) written)\n`
      )
      ctx.io.out(`catalogues: each field's ${config.layer} layer\n`)
      if (seeded) {
        ctx.io.out(
          `sample content: ${seeded.contentItems} item(s), ${seeded.bindings} binding(s)\n`
        )
      }
      if (datasets) {
        for (const p of datasets.published)
          ctx.io.out(`published dataset ${p.id} version ${p.version}: ${p.rows} row(s)\n`)
        if (datasets.refused.length)
          ctx.io.out(`${datasets.refused.length} sample dataset(s) refused (see above)\n`)
      }
      if (requests?.ok)
        ctx.io.out(
          `sample requests: ${requests.imported} (annual report: gongkai annual-report 2025 --org district-gov)\n`
        )
    }
    return ExitCode.ok
  },
}
