// Shared set-up of the gateway tests (not part of the package's API).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore, type Store } from '@gongkai/store'
import type { Hono } from 'hono'
import { createApp } from './app.js'
import { ensureOrganisation } from './auth/organisations.js'
import type { Role } from './auth/roles.js'
import { createAdminToken } from './auth/tokens.js'
import type { GatewayConfig } from './config.js'
import type { Env } from './deps.js'

/** Base URL of test apps. */
export const BASE = 'http://gk.test'

/** Organisation of test apps. */
export const ORG = { id: 'demo-district', name: '示例区人民政府' }

/** A test app on a fresh store file, with an admin token. */
export async function setup(
  config: Partial<GatewayConfig> = {},
  dir = mkdtempSync(join(tmpdir(), 'gk-gw-'))
) {
  const store = openSqliteStore(join(dir, 'store.db'))
  const app = await createApp(store, {
    baseUrl: BASE,
    organisation: ORG,
    filesDir: join(dir, 'files'),
    rateLimit: false,
    ...config,
  })
  const admin = (await createAdminToken(store, { org: ORG.id })).token
  // Another organisation named by a test is registered on first use, as `gongkai org add` would.
  const token = async (input: {
    role: Role
    org?: string
    scope?: string
    grants?: string[]
    expiresAt?: string
  }) => {
    const org = input.org ?? ORG.id
    await ensureOrganisation(store, { id: org, name: org })
    return (await createAdminToken(store, { ...input, org })).token
  }
  return { app, store, dir, admin, token }
}

// Test bodies are checked field by field with expect(), so they are typed loosely on purpose.
// biome-ignore lint/suspicious/noExplicitAny: test-only JSON access
type Json = any

/** A response whose `json()` is loosely typed for assertions. */
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<Json> }

/** `app.request` with a bearer token and a JSON body. */
export async function call(
  app: Hono<Env>,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; headers?: Record<string, string> } = {}
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let body: string | undefined
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  return (await app.request(`${BASE}${path}`, { method, headers, body })) as TestResponse
}

/** A small valid dataset descriptor. */
export function descriptor(over: Partial<Dataset> = {}): Dataset {
  return {
    id: 'schools',
    title: '学校名录',
    description: '示例区中小学名录，含招生范围',
    publisher: { id: ORG.id, name: ORG.name },
    license: 'https://creativecommons.org/licenses/by/4.0/',
    openness: 'unconditional',
    keywords: ['教育', '学校'],
    field: 'compulsory_education',
    ...over,
  }
}

/** Table schema of {@link descriptor}. */
export const schoolSchema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '名称', type: 'string', constraints: { required: true } },
    { name: '区', type: 'string' },
    { name: '学生数', type: 'integer' },
  ],
  primaryKey: '编号',
}

/** CSV of {@link schoolSchema}. */
export const schoolCsv =
  '编号,名称,区,学生数\r\n1,愚园路小学,长宁,800\r\n2,"复旦""附中""",徐汇,1200\r\n3,天山中学,长宁,950\r\n'

/** Publishes a dataset through the API as a publisher. */
export async function publishDataset(
  app: Hono<Env>,
  token: string,
  over: Partial<Dataset> = {},
  csv = schoolCsv
) {
  return call(app, 'POST', '/api/v1/datasets', {
    token,
    json: { descriptor: descriptor(over), schema: schoolSchema, csv },
  })
}

/** Closes a store after a test. */
export async function done(store: Store) {
  await store.close()
}

/**
 * A rate-limit window no test run can cross (window boundaries fall every ~317 years), so a
 * test that counts answers against a limit never sees its counter reset halfway through.
 */
export const STEADY_WINDOW_MS = 1e13
