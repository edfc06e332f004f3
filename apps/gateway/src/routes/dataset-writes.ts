import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatasetDetail, PublishExpectation } from '@gongkai/open-data'
import type { Dataset, TableSchema } from '@gongkai/schema'
import type { Context, Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, personalInformation } from '../http/api-error.js'
import { onlyKeys, readJsonObject, requiredString } from '../http/body.js'
import { pathId } from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { clientFileName, scrubPaths } from '../http/scrub-paths.js'
import { checkBodyText } from '../http/text-bounds.js'
import { streamUpload } from '../http/upload-stream.js'
import { requireToken } from '../middleware/auth.js'
import { authorise, organisationAbsent } from '../middleware/authorise.js'
import { CLOSED_SEEN_BY } from '../services/dataset-access.js'
import { datasetLinks } from '../services/dataset-views.js'
import { idUnavailable, RESERVED_DATASET_IDS } from '../services/reserved-ids.js'
import { parseVersion } from './dataset-rows.js'

interface Upload {
  descriptor: Dataset
  schema: TableSchema
  /** Server-side temporary file: never shown to the client. */
  csvFile: string
  /** The name errors show for the CSV: the client's file name, else `upload.csv`. */
  csvName: string
}

/** A multipart field that carries JSON text (or a JSON body's value, passed through). */
function jsonField(name: string, v: unknown): unknown {
  if (v === undefined || typeof v !== 'string') return v
  try {
    const value = JSON.parse(v) as unknown
    checkBodyText(value, `/${name}`)
    return value
  } catch (err) {
    if (err instanceof ApiError) throw err
    throw new ApiError('validation_failed', `"${name}" is not valid JSON`, [
      {
        pointer: `/${name}`,
        keyword: 'json',
        message: (err as Error).message,
        expected: 'JSON',
        actual: v.slice(0, 80),
      },
    ])
  }
}

/** The request's fields as sent: `descriptor` and `schema` not yet checked, the CSV in a file. */
async function readUploadFields(
  c: Context<Env>,
  deps: GatewayDeps,
  dir: string
): Promise<{ descriptor: unknown; schema: unknown; csvFile: string; csvName: string }> {
  const type = c.req.header('content-type') ?? ''
  if (!type.startsWith('multipart/form-data')) {
    const body = await readJsonObject(c)
    onlyKeys(body, ['descriptor', 'schema', 'csv'])
    const csv = requiredString(body, 'csv', Number.MAX_SAFE_INTEGER)
    // The datastore reads sources from files (encoding and delimiter detection).
    await mkdir(dir, { recursive: true })
    const csvFile = join(dir, `${randomBytes(12).toString('hex')}.csv`)
    await writeFile(csvFile, csv)
    return {
      descriptor: body.descriptor,
      schema: body.schema,
      csvFile,
      csvName: clientFileName(undefined),
    }
  }
  // Multipart bodies stream to the staging file: a 1M-row CSV never sits in memory.
  const form = await streamUpload(c, {
    dir,
    maxBytes: deps.config.upload.maxBytes,
    idleMs: deps.config.bodyTimeoutMs,
  })
  if (!form.file)
    throw new ApiError('validation_failed', 'multipart field "csv" (a file) is required', [
      {
        pointer: '/csv',
        keyword: 'required',
        message: 'missing',
        expected: 'file',
        actual: 'null',
      },
    ])
  try {
    return {
      descriptor: jsonField('descriptor', form.fields.descriptor),
      schema: jsonField('schema', form.fields.schema),
      csvFile: form.file,
      csvName: clientFileName(form.fileName),
    }
  } catch (err) {
    await rm(form.file, { force: true })
    throw err
  }
}

/** `value` as an object, or a 422 naming the field that is missing. */
function requiredObject<T>(name: string, what: string, value: unknown): T {
  if (typeof value === 'object' && value !== null) return value as T
  throw new ApiError('validation_failed', `"${name}" (${what}) is required`, [
    {
      pointer: `/${name}`,
      keyword: 'required',
      message: 'missing',
      expected: 'object',
      actual: JSON.stringify(value ?? null),
    },
  ])
}

/**
 * Reads `{ descriptor, schema, csv }` (JSON, within the body limit) or multipart fields
 * `descriptor`, `schema`, `csv` (file or text; streamed, up to `upload.maxBytes`); descriptor and
 * schema default to `fallback`'s (a new version of a dataset). The CSV is in a staging file that
 * the caller removes.
 */
async function readUpload(
  c: Context<Env>,
  deps: GatewayDeps,
  fallback?: DatasetDetail
): Promise<Upload> {
  const fields = await readUploadFields(c, deps, join(deps.config.filesDir, '.uploads'))
  try {
    const descriptor = requiredObject<Dataset>(
      'descriptor',
      'a dataset descriptor object',
      fields.descriptor ?? fallback?.descriptor
    )
    const schema = requiredObject<TableSchema>(
      'schema',
      'a table schema object',
      fields.schema ?? fallback?.schema
    )
    return { descriptor, schema, csvFile: fields.csvFile, csvName: fields.csvName }
  } catch (err) {
    await rm(fields.csvFile, { force: true })
    throw err
  }
}

/** The 404 of a dataset that does not exist (or that the caller may not see). */
const datasetAbsent = (id: string) => () =>
  new ApiError('not_found', `dataset "${id}" does not exist`, { dataset: id })

/**
 * The dataset a version write goes to, with the caller authorised by the role table: absent
 * datasets, another organisation's, and 非开放 ones to a role of the owning organisation that does
 * not manage datasets all answer the same 404.
 */
async function writableDataset(
  c: Context<Env>,
  deps: GatewayDeps,
  id: string,
  action: 'dataset.version' | 'dataset.withdraw'
): Promise<DatasetDetail> {
  const d = await deps.datastore.getDataset(id)
  authorise(c, action, {
    org: d?.descriptor.publisher.id,
    absent: datasetAbsent(id),
    seenBy: d?.openness === 'closed' ? CLOSED_SEEN_BY : undefined,
  })
  return d as DatasetDetail
}

/** A descriptor names the publisher writing it: the caller's organisation (404 for any other). */
function assertOwnPublisher(c: Context<Env>, org: unknown): void {
  const token = requireToken(c)
  if (org !== token.org) {
    const id = typeof org === 'string' ? org : '(none)'
    throw organisationAbsent(id)()
  }
}

/**
 * Publishes the upload. `expect` is checked again inside the datastore's staging transaction:
 * a concurrent create of the same id, or a dataset that changed hands meanwhile, is refused there
 * with `refused()` (the answer the route gives for that case before publishing).
 */
async function publish(
  c: Context<Env>,
  deps: GatewayDeps,
  upload: Upload,
  expect: PublishExpectation,
  refused: () => ApiError
) {
  const ds = deps.datastore
  try {
    const r = await ds.publish({
      descriptor: upload.descriptor,
      schema: upload.schema,
      source: upload.csvFile,
      expect,
    })
    if (!r.ok && r.reason === 'expectation') throw refused()
    if (!r.ok && r.reason === 'in_progress')
      throw new ApiError('publish_in_progress', r.errors[0]?.message ?? 'a publish is running', {
        id: upload.descriptor.id,
      })
    // Row errors and findings name the temporary file; the client knows its upload by its name.
    const hide = [
      [upload.csvFile, upload.csvName],
      [deps.config.filesDir, '…'],
    ] as const
    if (!r.ok && r.reason === 'privacy') {
      throw personalInformation(
        `dataset "${upload.descriptor.id}" not published (unconditional)`,
        scrubPaths(
          r.findings.filter((f) => !f.allowed),
          hide
        )
      )
    }
    if (!r.ok) {
      throw new ApiError(
        'validation_failed',
        scrubPaths(`dataset not published: ${r.reason}`, hide),
        scrubPaths(
          {
            reason: r.reason,
            errors: r.errors,
            errorCount: r.errorCount ?? r.errors.length,
            findings: r.findings,
          },
          hide
        )
      )
    }
    const id = upload.descriptor.id
    const at = deps.config.now().toISOString()
    await deps.events.add({
      at,
      kind: 'dataset.published',
      target: `datasets/${id}/versions/${r.version}`,
      title: `${upload.descriptor.title}（第 ${r.version} 版）`,
      link: `${deps.config.baseUrl}/api/v1/datasets/${id}`,
      summary: `${r.rowCount} 行`,
    })
    await deps.search.afterWrite(['dataset'])
    return sendJson(
      c,
      {
        id,
        version: r.version,
        rowCount: r.rowCount,
        skipped: scrubPaths(r.skipped, hide),
        findings: scrubPaths(r.findings, hide),
        links: datasetLinks(deps, id),
      },
      { status: 201, headers: { location: `${deps.config.baseUrl}/api/v1/datasets/${id}` } }
    )
  } finally {
    await rm(upload.csvFile, { force: true })
  }
}

/** `POST /api/v1/datasets`: publishes a new dataset (its first version). */
function createDatasetRoute(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/datasets',
      summary: 'Publish a new dataset: descriptor + table schema + CSV (JSON or multipart)',
      tag: 'datasets',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['descriptor', 'schema', 'csv'],
        properties: {
          descriptor: { $ref: '#/components/schemas/dataset' },
          schema: { $ref: '#/components/schemas/table-schema' },
          csv: { type: 'string', description: 'the CSV text' },
        },
      },
    },
    async (c) => {
      const caller = requireToken(c)
      const upload = await readUpload(c, deps)
      try {
        const id = upload.descriptor.id
        if (typeof id === 'string') c.set('auditTarget', id)
        const owner = upload.descriptor.publisher?.id
        // A descriptor without a publisher id is refused by validation (422) after the role check.
        const org = typeof owner === 'string' ? owner : caller.org
        authorise(c, 'dataset.create', { org, absent: organisationAbsent(org) })
        if (
          typeof id === 'string' &&
          (RESERVED_DATASET_IDS.has(id) || (await deps.datastore.getDataset(id)))
        )
          throw idUnavailable('dataset', id)
        return await publish(c, deps, upload, 'new', () => idUnavailable('dataset', String(id)))
      } finally {
        await rm(upload.csvFile, { force: true })
      }
    }
  )
}

/** `POST /api/v1/datasets/:id/versions`: publishes a new version of a dataset. */
function addVersionRoute(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/datasets/:id/versions',
      summary: 'Publish a new version (CSV; descriptor and schema default to the current ones)',
      tag: 'datasets',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['csv'],
        properties: {
          descriptor: { $ref: '#/components/schemas/dataset' },
          schema: { $ref: '#/components/schemas/table-schema' },
          csv: { type: 'string' },
        },
      },
    },
    async (c) => {
      requireToken(c)
      const id = pathId(c, 'id')
      c.set('auditTarget', id)
      const existing = await writableDataset(c, deps, id, 'dataset.version')
      const upload = await readUpload(c, deps, existing)
      if (upload.descriptor.id !== id) {
        await rm(upload.csvFile, { force: true })
        throw new ApiError(
          'validation_failed',
          `descriptor id "${upload.descriptor.id}" differs from "${id}"`,
          [
            {
              pointer: '/descriptor/id',
              keyword: 'const',
              message: 'must equal the id in the path',
              expected: id,
              actual: JSON.stringify(upload.descriptor.id),
            },
          ]
        )
      }
      try {
        assertOwnPublisher(c, upload.descriptor.publisher?.id)
      } catch (err) {
        await rm(upload.csvFile, { force: true })
        throw err
      }
      return publish(c, deps, upload, { publisher: existing.descriptor.publisher.id }, () =>
        datasetAbsent(id)()
      )
    }
  )
}

/** `POST /api/v1/datasets/:id/versions/:version/withdrawal`: withdraws a version with a reason. */
function withdrawVersionRoute(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/datasets/:id/versions/:version/withdrawal',
      summary: 'Withdraw a version with a reason (kept and listed as withdrawn, never deleted)',
      tag: 'datasets',
      access: 'token',
      body: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
    },
    async (c) => {
      requireToken(c)
      const id = pathId(c, 'id')
      const version = parseVersion(c.req.param('version'))
      c.set('auditTarget', `${id}@${version}`)
      const ds = deps.datastore
      const existing = await writableDataset(c, deps, id, 'dataset.withdraw')
      const body = await readJsonObject(c)
      onlyKeys(body, ['reason'])
      const reason = requiredString(body, 'reason')
      const r = await ds.withdraw(id, version as number, reason)
      if (!r.ok) throw new ApiError('conflict', r.message, { dataset: id, version })
      await deps.events.add({
        at: deps.config.now().toISOString(),
        kind: 'dataset.withdrawn',
        target: `datasets/${id}/versions/${version}/withdrawn`,
        title: `撤回：${existing.title}（第 ${version} 版）`,
        link: `${deps.config.baseUrl}/api/v1/datasets/${id}`,
        summary: reason,
      })
      await deps.search.afterWrite(['dataset'])
      return sendJson(c, { id, version, withdrawn: true, reason, currentVersion: r.currentVersion })
    }
  )
}

/** The publisher's dataset writes: new datasets, new versions, withdrawals. */
export function datasetWriteRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  createDatasetRoute(app, deps)
  addVersionRoute(app, deps)
  withdrawVersionRoute(app, deps)
}
