import { createWriteStream, existsSync } from 'node:fs'
import { copyFile, link, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { createApp } from '@gongkai/gateway'
import { exportSite } from '@gongkai/open-data'
import { resolveInside } from '@gongkai/store'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { gatewayConfigOf } from '../gateway-config.js'
import { shownPath } from '../shown-path.js'
import { withDatastore } from '../workspace-datastore.js'

interface ListPage<T> {
  items: T[]
  total: number
  next: string | null
  [extra: string]: unknown
}

/** Download suffixes copied for datasets whose data is public (无条件开放). */
/**
 * `/datasets/<id><suffix>` files of the current version that are the version's own files: hard
 * links (within the output folder) to `datasets/<id>/versions/<n>/<file>`, never a second copy.
 */
const VERSION_ALIASES = [
  ['.csv', 'data.csv'],
  ['.excel.csv', 'data-excel.csv'],
  ['.json', 'data.json'],
  ['.ndjson', 'data.ndjson'],
] as const
/** Small documents rendered by the app: the unversioned CSVW names `/datasets/<id>.csv`. */
const DATA_DOCUMENTS = ['.csv-metadata.json', '/datapackage.json'] as const
/** Metadata documents, public for every listed dataset (有条件开放 too). */
const META_SUFFIXES = ['.jsonld', '.ttl'] as const

/**
 * Files and bytes under `dir`: `bytes` counts each file once however many names it has (what the
 * site takes on disk and on a host that keeps links), `apparentBytes` every name.
 */
async function treeBytes(
  dir: string
): Promise<{ files: number; bytes: number; apparentBytes: number }> {
  let files = 0
  let bytes = 0
  let apparentBytes = 0
  const seen = new Set<string>()
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue
    files++
    const st = await stat(join(e.parentPath, e.name))
    apparentBytes += st.size
    const key = `${st.dev}:${st.ino}`
    if (seen.has(key)) continue
    seen.add(key)
    bytes += st.size
  }
  return { files, bytes, apparentBytes }
}

/** Gives `to` the bytes of `from`: a hard link, or a copy where the file system has none. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  await rm(to, { force: true })
  try {
    await link(from, to)
  } catch {
    await copyFile(from, to)
  }
}

/**
 * `gongkai export --out <dir>`: a static copy for a CDN: the DCAT catalogue, every public download,
 * and the JSON API pages, rendered by the gateway app itself so they match what it serves.
 */
export const exportCommand: Command = {
  name: 'export',
  summary:
    'Write a static site for a CDN: public downloads, catalog.jsonld/.ttl and the JSON API pages',
  usage: 'gongkai export --out <dir> [--base-url <url>] [--json]',
  options: { out: { type: 'string' }, 'base-url': { type: 'string' } },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const outArg = ctx.flags.out as string | undefined
    if (!outArg) throw new UsageError('--out <dir> is required')
    const outDir = resolve(ctx.io.cwd, outArg)
    const baseFlag = ctx.flags['base-url'] as string | undefined
    if (baseFlag !== undefined && !/^https?:\/\/[^\s/]+/.test(baseFlag))
      throw new UsageError('--base-url expects an http(s) URL')

    return withDatastore(ctx, async (ws, ds, store) => {
      const baseUrl = (baseFlag ?? ws.config.baseUrl).replace(/\/+$/, '')
      const org = ws.config.organisation
      await mkdir(outDir, { recursive: true })
      const progress = ctx.progress(`exporting to ${outDir}`)
      // Same catalogue metadata as the gateway's /catalog.jsonld, so both describe one catalogue.
      const site = await exportSite(ds, {
        outDir,
        baseUrl,
        meta: {
          title: `${org.name} 开放数据目录`,
          description: `${org.name} 公开的数据集（DCAT-AP 3）`,
          publisher: org,
        },
      })
      progress.tick(site.files.length)

      const { config, problems: catalogueProblems } = await gatewayConfigOf(ctx, ws, undefined, {
        baseUrl,
        rateLimit: false,
      })
      const app = await createApp(store, config)
      const problems: string[] = [...catalogueProblems]
      const get = async (path: string) => {
        const res = await app.request(path, { headers: { accept: 'application/json' } })
        if (res.status !== 200) {
          problems.push(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`)
          return undefined
        }
        return res
      }
      const save = async (rel: string, body: string | Response) => {
        // Ids come from the data; resolveInside refuses any that would escape the output folder.
        const file = resolveInside(outDir, rel)
        await mkdir(dirname(file), { recursive: true })
        if (typeof body === 'string') await writeFile(file, body)
        else if (body.body)
          await pipeline(
            Readable.fromWeb(body.body as WebReadableStream<Uint8Array>),
            createWriteStream(file)
          )
        progress.tick()
      }
      const allPages = async <T>(path: string): Promise<ListPage<T> | undefined> => {
        let first: ListPage<T> | undefined
        let next: string | null = null
        do {
          const sep = path.includes('?') ? '&' : '?'
          const url: string = `${path}${sep}limit=500${next ? `&cursor=${encodeURIComponent(next)}` : ''}`
          const res = await get(url)
          if (!res) return first
          const page = (await res.json()) as ListPage<T>
          if (first) first.items.push(...page.items)
          else first = page
          next = page.next
        } while (next)
        // One static file holds the whole list.
        return first && { ...first, next: null }
      }
      const seg = encodeURIComponent

      const catalogues = await allPages<{ id: string; entryCount: number }>('/api/v1/catalogues')
      let entries = 0
      if (catalogues) {
        progress.total(
          site.files.length + 1 + catalogues.items.reduce((n, c) => n + 1 + c.entryCount, 0)
        )
        await save('api/v1/catalogues.json', JSON.stringify(catalogues))
        for (const c of catalogues.items) {
          const res = await get(`/api/v1/catalogues/${seg(c.id)}`)
          if (!res) continue
          const text = await res.text()
          await save(`api/v1/catalogues/${c.id}.json`, text)
          const ids = (JSON.parse(text) as { entries: { id: string }[] }).entries.map((e) => e.id)
          for (const entryId of ids) {
            const r = await get(`/api/v1/catalogues/${seg(c.id)}/entries/${seg(entryId)}`)
            if (!r) continue
            await save(`api/v1/catalogues/${c.id}/entries/${entryId}.json`, await r.text())
            entries++
          }
        }
      }

      // The gateway never lists 非开放 (closed) datasets; data files only for 无条件开放 ones.
      const datasets = await allPages<{
        id: string
        openness: string
        currentVersion: number | null
      }>('/api/v1/datasets')
      if (datasets) {
        await save('api/v1/datasets.json', JSON.stringify(datasets))
        for (const d of datasets.items) {
          if (d.openness === 'closed') continue
          const res = await get(`/api/v1/datasets/${seg(d.id)}`)
          if (res) await save(`api/v1/datasets/${d.id}.json`, await res.text())
          // Every version withdrawn: nothing to download and nothing in DCAT.
          if (d.currentVersion === null) continue
          for (const suffix of META_SUFFIXES) {
            const r = await get(`/datasets/${seg(d.id)}${suffix}`)
            if (r) await save(`datasets/${d.id}${suffix}`, r)
          }
          if (d.openness !== 'unconditional') continue
          for (const suffix of DATA_DOCUMENTS) {
            const r = await get(`/datasets/${seg(d.id)}${suffix}`)
            if (r) await save(`datasets/${d.id}${suffix}`, r)
          }
          // The current version's files were written once by exportSite: link, never re-render.
          const dir = `datasets/${d.id}/versions/${d.currentVersion}`
          for (const [suffix, file] of VERSION_ALIASES) {
            const from = resolveInside(outDir, `${dir}/${file}`)
            if (!existsSync(from)) {
              problems.push(`${dir}/${file}: missing, so datasets/${d.id}${suffix} was not written`)
              continue
            }
            await linkOrCopy(from, resolveInside(outDir, `datasets/${d.id}${suffix}`))
            progress.tick()
          }
        }
      }
      progress.done()

      const { files, bytes, apparentBytes } = await treeBytes(outDir)
      const summary = {
        ok: problems.length === 0,
        out: outDir,
        baseUrl,
        files,
        bytes,
        apparentBytes,
        catalogues: catalogues?.items.length ?? 0,
        entries,
        datasets: datasets?.items.length ?? 0,
        downloads: site.downloads,
        problems,
      }
      for (const p of problems) ctx.io.err(`${p}\n`)
      if (ctx.json) ctx.io.out(`${JSON.stringify(summary, null, 2)}\n`)
      else {
        ctx.io.out(
          `exported ${files} file(s), ${bytes} bytes to ${shownPath(ctx.io.cwd, outDir)}: ` +
            `${summary.catalogues} catalogue(s) with ${entries} entry page(s), ${summary.datasets} dataset(s) ` +
            `(${site.downloads} with public downloads), catalog.jsonld, catalog.ttl; base URL ${baseUrl}\n`
        )
      }
      return problems.length ? ExitCode.failed : ExitCode.ok
    })
  },
}
