import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BASE, setup, type TestResponse } from './test-support.js'

// The API cases of the adversarial corpus (test-corpus/ingest, `kind: "api"`): one request each.
const corpus = new URL('../../../test-corpus/ingest/', import.meta.url)

interface ApiCase {
  about: string
  kind: string
  request: {
    method: string
    path: string
    auth?: 'publisher'
    headers?: Record<string, string>
    json?: unknown
    /** JSON written as is (lone surrogates as \u escapes, as clients send them). */
    jsonText?: string
    text?: string
  }
  expect: { status: number; code?: string; pointer?: string }
}

const cases = readdirSync(corpus)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({
    name: f.slice(0, -5),
    spec: JSON.parse(readFileSync(new URL(f, corpus), 'utf8')) as ApiCase,
  }))
  .filter((c) => c.spec.kind === 'api')

describe('adversarial API corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5)
  })

  for (const { name, spec } of cases) {
    it(`${name}: ${spec.about.slice(0, 80)}`, async () => {
      const { app, token } = await setup()
      const q = spec.request
      const headers: Record<string, string> = { ...q.headers }
      if (q.auth) headers.authorization = `Bearer ${await token({ role: q.auth })}`
      let body: string | undefined = q.text
      if (q.json !== undefined || q.jsonText !== undefined) {
        headers['content-type'] ??= 'application/json'
        body = q.jsonText ?? JSON.stringify(q.json)
      }
      const r = (await app.request(`${BASE}${q.path}`, {
        method: q.method,
        headers,
        body,
      })) as TestResponse
      const text = await r.text()
      expect(r.status, text.slice(0, 500)).toBe(spec.expect.status)
      // Never an internal error, never a stack trace.
      expect(text).not.toMatch(/\bat .+\.(js|ts):\d+/)
      if (spec.expect.code) expect(JSON.parse(text).error.code).toBe(spec.expect.code)
      if (spec.expect.pointer)
        expect(JSON.parse(text).error.details[0].pointer).toBe(spec.expect.pointer)
    })
  }
})
