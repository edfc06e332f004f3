import { describe, expect, it } from 'vitest'
import { toOpenApiPath } from './routes/openapi.js'
import { call, setup } from './test-support.js'

// Portal pages are HTML for people, not API operations: they are documented by the portal itself.
// The OpenAPI document covers every route the API and download modules register.
describe('OpenAPI', () => {
  it('documents every API route the app registers', async () => {
    const { app } = await setup()
    const doc = await (await call(app, 'GET', '/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    const documented = new Set<string>()
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, unknown>>
    )) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`)
    }
    const apiPrefixes = [
      '/api/',
      '/datasets/',
      '/catalog.',
      '/organisations/',
      '/feeds/',
      '/openapi.json',
      '/docs',
      '/healthz',
    ]
    const missing = app.routes
      .filter((r) => r.method !== 'ALL' && r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .filter((r) => r.path === '/catalog' || apiPrefixes.some((p) => r.path.startsWith(p)))
      .map((r) => `${r.method} ${toOpenApiPath(r.path)}`)
      .filter((k) => !documented.has(k))
    expect(missing).toEqual([])
    // The dereferenceable DCAT IRIs are API routes too.
    for (const op of [
      'GET /catalog',
      'GET /api/v1',
      'GET /datasets/{id}/versions/{version}',
      'GET /datasets/{id}/versions/{version}/distributions/{format}',
      'GET /organisations/{id}',
    ])
      expect(documented).toContain(op)
    // The project's JSON Schemas are components.
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['catalogue', 'dataset'])
    )
    expect(documented.size).toBeGreaterThan(20)
    // The catalogue list documents its layers: what each extends, which is the workspace's top.
    const list = doc.paths['/api/v1/catalogues'].get
    expect(list.parameters.map((p: { name: string }) => p.name)).toContain('top')
    const item = list.responses['200'].content['application/json'].schema.properties.items.items
    expect(item.required).toEqual(expect.arrayContaining(['extends', 'top']))
    expect(doc.paths['/api/v1/catalogues/{id}'].get.description).toContain('resolved')
  })

  it('serves a docs page without scripts', async () => {
    const { app } = await setup()
    const r = await call(app, 'GET', '/docs')
    expect(r.headers.get('content-type')).toContain('text/html')
    const html = await r.text()
    expect(html).toContain('lang="zh-CN"')
    expect(html).toContain('/api/v1/catalogues/{id}/entries/{entryId}')
    expect(html).not.toContain('<script')
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })
})
