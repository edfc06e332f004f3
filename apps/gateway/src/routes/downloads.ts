import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { dataPackage, datasetToJsonLd, datasetToTurtle, type FileFormat } from '@gongkai/open-data'
import type { Context, Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import { checkId, checkQuery } from '../http/params.js'
import { etagMatches, sendJson, sendText } from '../http/respond.js'
import { readableDataset, servedVersion, visibleDataset } from '../services/dataset-access.js'
import { datasetView } from '../services/dataset-views.js'

/** Download suffixes of `/datasets/<id>.<suffix>`, longest first. */
const SUFFIXES = [
  '.csv-metadata.json',
  '.excel.csv',
  '.ndjson',
  '.jsonld',
  '.json',
  '.csv',
  '.ttl',
] as const
type Suffix = (typeof SUFFIXES)[number]

const FILES: Partial<Record<Suffix, { format: FileFormat; type: string }>> = {
  '.csv': { format: 'csv', type: 'text/csv; charset=utf-8; header=present' },
  '.excel.csv': { format: 'excel-csv', type: 'text/csv; charset=utf-8; header=present' },
  '.json': { format: 'json', type: 'application/json; charset=utf-8' },
  '.ndjson': { format: 'ndjson', type: 'application/x-ndjson; charset=utf-8' },
  '.csv-metadata.json': { format: 'csvw', type: 'application/csvm+json; charset=utf-8' },
}

/** Splits `budget-2021.csv` into id and suffix; no suffix → content negotiation. */
function splitDownloadName(name: string): { id: string; suffix: Suffix | undefined } {
  for (const s of SUFFIXES)
    if (name.endsWith(s) && name.length > s.length)
      return { id: name.slice(0, -s.length), suffix: s }
  return { id: name, suffix: undefined }
}

/** What `Accept` asks of `/datasets/:id`: a data format, or undefined for the HTML page. */
function negotiate(accept: string | undefined): Suffix | 'api' | undefined {
  if (!accept) return undefined
  const types = accept
    .split(',')
    .map((p, i) => {
      const [t, ...params] = p.trim().toLowerCase().split(';')
      const q = params.map((x) => /^\s*q=([\d.]+)/.exec(x)?.[1]).find(Boolean)
      return { t: t ?? '', q: q === undefined ? 1 : Number(q), i }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const { t } of types) {
    if (t === 'text/html' || t === 'application/xhtml+xml' || t === '*/*') return undefined
    if (t === 'application/ld+json') return '.jsonld'
    if (t === 'text/turtle') return '.ttl'
    if (t === 'text/csv') return '.csv'
    if (t === 'application/x-ndjson') return '.ndjson'
    if (t === 'application/json') return 'api'
  }
  return undefined
}

function parseVersionParam(v: string | undefined): number | undefined {
  if (v === undefined) return undefined
  if (!/^[1-9]\d{0,6}$/.test(v)) throw badParam('version', 'a version number (1, 2, …)', v)
  return Number(v)
}

function contentDisposition(fileName: string): string {
  // ASCII fallback plus RFC 5987 UTF-8 name, so Chinese ids (if ever allowed) survive.
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/** `<base>/datasets/<id>/versions/<n>/<file>`: the immutable URL of one version file. */
function versionFileUrl(deps: GatewayDeps, id: string, version: number, file: string): string {
  return `${deps.config.baseUrl}/datasets/${encodeURIComponent(id)}/versions/${version}/${file}`
}

/** A stored CSVW document with `url` set to `csvUrl` (absolute, so it resolves from any address). */
function csvwWithUrl(text: string, csvUrl: string): Buffer {
  const doc = JSON.parse(text) as Record<string, unknown>
  return Buffer.from(`${JSON.stringify({ ...doc, url: csvUrl }, null, 2)}\n`, 'utf8')
}

/** Streams one version file with Content-Length (never compressed: the bytes are the published ones). */
async function streamFile(
  c: Context<Env>,
  deps: GatewayDeps,
  id: string,
  suffix: Suffix,
  pinned: number | undefined
): Promise<Response> {
  const d = await readableDataset(deps, c, id)
  const v = await servedVersion(deps, d, pinned)
  const spec = FILES[suffix]
  if (!spec) throw new ApiError('not_found', `no file ${suffix}`, null)
  const format: FileFormat = spec.format
  // The path comes from the datastore (id already checked), never from the URL.
  const path = deps.datastore.filePath(id, v.version, format)
  let size: number
  // The stored CSVW names its CSV relative to the per-version file ("data.csv"); served from any
  // other URL (`/datasets/<id>.csv-metadata.json`) that would resolve elsewhere, so it is rewritten.
  let csvw: Buffer | undefined
  try {
    if (format === 'csvw') {
      // CONTRACTS.md: `/datasets/<id>.csv-metadata.json` names `/datasets/<id>.csv`; a version's
      // metadata (pinned by path or `?version=`) names that version's immutable CSV.
      csvw = csvwWithUrl(
        await readFile(path, 'utf8'),
        pinned
          ? versionFileUrl(deps, id, v.version, 'data.csv')
          : `${deps.config.baseUrl}/datasets/${encodeURIComponent(id)}.csv`
      )
      size = csvw.length
    } else size = (await stat(path)).size
  } catch (err) {
    // Only a missing file is a 404; an unreadable one (permissions, I/O) is the server's 500.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    // A published version's file should exist: say so where the operator looks (the CLI's stderr).
    console.error(`[gateway] missing file of dataset ${id} version ${v.version}: ${format}`)
    throw new ApiError(
      'not_found',
      `the ${format} file of "${id}" version ${v.version} is missing`,
      { dataset: id, version: v.version, format }
    )
  }
  const etag = `"${id}-v${v.version}-${format}-${size}"`
  const headers: Record<string, string> = {
    'content-type': spec.type,
    etag,
    // A pinned version never changes; "current" moves when a new version is published.
    'cache-control':
      d.openness === 'conditional'
        ? 'private, no-store'
        : pinned
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
    vary: 'Authorization',
  }
  if (format !== 'csvw')
    headers['content-disposition'] = contentDisposition(`${id}-v${v.version}${suffix}`)
  if (spec.format === 'csv' || spec.format === 'excel-csv') {
    const meta = `${deps.config.baseUrl}/datasets/${id}.csv-metadata.json${pinned ? `?version=${pinned}` : ''}`
    headers.link = `<${meta}>; rel="describedby"; type="application/csvm+json"`
  }
  if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers)
  headers['content-length'] = String(size)
  if (c.req.method === 'HEAD') return c.body(null, 200, headers)
  if (csvw) return c.body(new Uint8Array(csvw), 200, headers)
  const body = Readable.toWeb(
    createReadStream(path, { highWaterMark: 256 * 1024 })
  ) as ReadableStream<Uint8Array>
  return c.body(body, 200, headers)
}

async function rdfDocument(
  c: Context<Env>,
  deps: GatewayDeps,
  id: string,
  suffix: '.jsonld' | '.ttl'
) {
  const ds = deps.datastore
  await visibleDataset(deps, id)
  const input = await ds.catalogInput(deps.config.baseUrl, {
    title: `${deps.config.organisation.name} 开放数据目录`,
    description: `${deps.config.organisation.name} 公开的数据集`,
    publisher: deps.config.organisation,
  })
  if (suffix === '.jsonld') {
    const doc = datasetToJsonLd(input, id)
    if (!doc) throw new ApiError('not_found', `dataset "${id}" does not exist`, { dataset: id })
    return sendJson(c, doc, { contentType: 'application/ld+json; charset=utf-8', cache: 'list' })
  }
  const ttl = await datasetToTurtle(input, id)
  if (!ttl) throw new ApiError('not_found', `dataset "${id}" does not exist`, { dataset: id })
  return sendText(c, ttl, { contentType: 'text/turtle; charset=utf-8', cache: 'list' })
}

/** Downloads: `/datasets/<id>.csv|.json|.ndjson|.jsonld|.ttl|.csv-metadata.json` and content negotiation on `/datasets/<id>`. */
export function downloadRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/datasets/:id',
      summary:
        "A dataset download, `id` with a suffix: <id>.csv (canonical, byte-exact), .excel.csv (for Excel: BOM, formula-like text cells prefixed with '), .json, .ndjson, .jsonld, .ttl, .csv-metadata.json (?version=n); <id> alone negotiates by Accept (HTML goes to the portal)",
      tag: 'downloads',
      query: {
        version: 'version number (default current)',
        bom: 'true: moved permanently (301) to <id>.excel.csv',
      },
      produces: [
        'text/csv',
        'application/json',
        'application/x-ndjson',
        'application/ld+json',
        'text/turtle',
        'application/csvm+json',
      ],
    },
    async (c, next) => {
      const { id: rawId, suffix: explicit } = splitDownloadName(c.req.param('id') ?? '')
      const negotiated = explicit ?? negotiate(c.req.header('accept'))
      // The portal renders the HTML page of a dataset.
      if (negotiated === undefined) return next()
      const id = checkId('id', rawId)
      const q = checkQuery(c, ['version', 'bom'])
      const version = parseVersionParam(q.version)
      if (q.bom !== undefined && q.bom !== 'true' && q.bom !== 'false')
        throw badParam('bom', 'true or false', q.bom)
      // The old BOM variant is the Excel CSV now: links to it keep working.
      if (q.bom === 'true' && negotiated === '.csv') {
        const to = `${deps.config.baseUrl}/datasets/${encodeURIComponent(id)}.excel.csv${version ? `?version=${version}` : ''}`
        return c.redirect(to, 301)
      }
      if (negotiated === 'api') {
        const d = await visibleDataset(deps, id)
        return sendJson(c, await datasetView(deps, d), { cache: 'list' })
      }
      if (negotiated === '.jsonld' || negotiated === '.ttl')
        return rdfDocument(c, deps, id, negotiated)
      return streamFile(c, deps, id, negotiated, version)
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/datasets/:id/versions/:version/:file',
      summary:
        'A file of one version (the DCAT downloadURL): data.csv, data-excel.csv, data.json, data.ndjson, data.csv-metadata.json',
      tag: 'downloads',
      produces: ['text/csv', 'application/json', 'application/x-ndjson', 'application/csvm+json'],
    },
    async (c) => {
      checkQuery(c, [])
      const id = checkId('id', c.req.param('id'))
      const version = parseVersionParam(c.req.param('version'))
      const file = c.req.param('file')
      const suffix = (
        {
          'data.csv': '.csv',
          'data-excel.csv': '.excel.csv',
          'data.json': '.json',
          'data.ndjson': '.ndjson',
          'data.csv-metadata.json': '.csv-metadata.json',
        } as Record<string, Suffix>
      )[file ?? '']
      if (!suffix)
        throw badParam(
          'file',
          'data.csv, data-excel.csv, data.json, data.ndjson or data.csv-metadata.json',
          file
        )
      return streamFile(c, deps, id, suffix, version)
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/datasets/:id/datapackage.json',
      summary:
        'The Frictionless Data Package v2 of a dataset version: one tabular resource (the immutable CSV of the version) with its table schema inline',
      tag: 'downloads',
      query: { version: 'version number (default current)' },
      produces: ['application/json'],
    },
    async (c) => {
      const q = checkQuery(c, ['version'])
      const id = checkId('id', c.req.param('id'))
      const pinned = parseVersionParam(q.version)
      // Its resource is the data: 有条件开放 packages go only to callers who may read the data.
      const d = await readableDataset(deps, c, id)
      const v = await servedVersion(deps, d, pinned)
      const schema = (await deps.datastore.versionSchema(id, v.version)) ?? d.schema
      const pkg = dataPackage({
        descriptor: d.descriptor,
        schema,
        baseUrl: deps.config.baseUrl,
        version: v,
        csvUrl: versionFileUrl(deps, id, v.version, 'data.csv'),
        bytes: v.files.find((f) => f.format === 'csv')?.bytes,
      })
      return sendJson(c, pkg, {
        contentType: 'application/json; charset=utf-8',
        cache: d.openness === 'conditional' ? 'private' : 'list',
      })
    }
  )
}
