import { schemas } from '@gongkai/schema'
import { escapeXml } from '@gongkai/text'
import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { checkQuery, ID_PATTERN } from '../http/params.js'
import { sendText } from '../http/respond.js'
import type { RouteDoc } from '../route-table.js'

/** Hono path (`/a/:id`) → OpenAPI path (`/a/{id}`). */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')
}

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
}

function schemaRef(s: string | Record<string, unknown>) {
  return typeof s === 'string' ? { $ref: `#/components/schemas/${s}` } : s
}

function operation(doc: RouteDoc) {
  const params: Record<string, unknown>[] = []
  for (const m of doc.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    params.push({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: ID_PATTERN.source },
    })
  }
  for (const [name, description] of Object.entries(doc.query ?? {})) {
    params.push({ name, in: 'query', required: false, description, schema: { type: 'string' } })
  }
  const ok = String(doc.status ?? 200)
  const produces = doc.produces ?? ['application/json']
  const responses: Record<string, unknown> = {
    [ok]: {
      description: 'success',
      content: Object.fromEntries(
        produces.map((t) => [
          t,
          t === 'application/json' && doc.response ? { schema: schemaRef(doc.response) } : {},
        ])
      ),
    },
    '400': { $ref: '#/components/responses/Error' },
    '404': { $ref: '#/components/responses/Error' },
    '429': { $ref: '#/components/responses/Error' },
  }
  if (doc.access && doc.access !== 'public') {
    responses['401'] = { $ref: '#/components/responses/Error' }
    responses['403'] = { $ref: '#/components/responses/Error' }
  }
  if (doc.method === 'post') {
    responses['413'] = { $ref: '#/components/responses/Error' }
    responses['422'] = { $ref: '#/components/responses/Error' }
  }
  return {
    operationId: `${doc.method}${doc.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    ...(params.length ? { parameters: params } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaRef(doc.body) } },
          },
        }
      : {}),
    responses,
    ...(doc.access && doc.access !== 'public' ? { security: [{ bearer: [] }] } : {}),
  }
}

/** The OpenAPI 3.1 document of every documented route, with the project's JSON Schemas as components. */
export function buildOpenApi(deps: GatewayDeps): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const doc of deps.routes.docs) {
    const p = toOpenApiPath(doc.path)
    paths[p] ??= {}
    ;(paths[p] as Record<string, unknown>)[doc.method] = operation(doc)
  }
  const components: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(schemas)) components[name] = schema
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: `${deps.config.organisation.name} 政务公开 API (gongkai)`,
      version: '1',
      description:
        'Catalogues of 政务公开 with bound content, structured records, open datasets (REST, CKAN-compatible, DCAT-AP 3) and feeds. Errors are { error: { code, message, details } }; lists are { items, total, next }.',
    },
    servers: [{ url: deps.config.baseUrl }],
    paths,
    components: {
      schemas: components,
      responses: {
        Error: { description: 'refused', content: { 'application/json': { schema: ERROR } } },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'gk_…' } },
    },
  }
}

/** `/openapi.json` and the `/docs` page (plain HTML, no scripts). */
export function openApiRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  let cached: string | undefined
  deps.routes.add(
    app,
    { method: 'get', path: '/openapi.json', summary: 'This API as OpenAPI 3.1', tag: 'meta' },
    async (c) => {
      checkQuery(c, [])
      cached ??= JSON.stringify(buildOpenApi(deps))
      return sendText(c, cached, { cache: 'item' })
    }
  )
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/docs',
      summary: 'Human-readable list of operations',
      tag: 'meta',
      produces: ['text/html'],
    },
    async (c) => {
      checkQuery(c, [])
      const byTag = new Map<string, RouteDoc[]>()
      for (const d of deps.routes.docs) byTag.set(d.tag, [...(byTag.get(d.tag) ?? []), d])
      const sections = [...byTag]
        .map(
          ([tag, docs]) =>
            `<section><h2>${escapeXml(tag)}</h2><table><thead><tr><th scope="col">方法</th><th scope="col">路径</th><th scope="col">说明</th><th scope="col">权限</th></tr></thead><tbody>${docs
              .map(
                (d) =>
                  `<tr><td><code>${d.method.toUpperCase()}</code></td><td><code>${escapeXml(toOpenApiPath(d.path))}</code></td><td>${escapeXml(d.summary)}${
                    d.query
                      ? `<br><small>${escapeXml(Object.keys(d.query).join(', '))}</small>`
                      : ''
                  }</td><td>${d.access ?? 'public'}</td></tr>`
              )
              .join('')}</tbody></table></section>`
        )
        .join('')
      const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API 文档 — gongkai</title><style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}code{font-size:.95em}</style></head><body><main><h1>API 文档</h1><p>机器可读版本：<a href="/openapi.json">/openapi.json</a>（OpenAPI 3.1）。写操作需要 <code>Authorization: Bearer &lt;token&gt;</code>。</p>${sections}</main></body></html>`
      return sendText(c, html, { contentType: 'text/html; charset=utf-8', cache: 'item' })
    }
  )
}
