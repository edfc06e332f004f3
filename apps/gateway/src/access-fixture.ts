// A running gateway with two organisations and a token of every role, for the role-matrix and
// leak-probe tests (not part of the package's API). Resources are made through the services, not
// through the routes under test.
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { instantiate } from '@gongkai/catalogue'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { type Organ, openSqliteStore, type Store } from '@gongkai/store'
import { serve } from '@hono/node-server'
import { buildApp, createDeps } from './app.js'
import { addOrganisation } from './auth/organisations.js'
import type { Role } from './auth/roles.js'
import { createAdminToken, revokeToken } from './auth/tokens.js'
import type { GatewayDeps } from './deps.js'

/** The workspace's organisation (A in the README's role table). */
export const ORG_A = { id: 'demo-district', name: '示例区人民政府' }
/** Another organisation (B). */
export const ORG_B = { id: 'other-district', name: '另一区人民政府' }
/** One organ of each organisation, for officer tokens. */
const ORGANS: Organ[] = [
  { id: 'a-edu', name: '示例区教育局', kind: 'department', org: ORG_A.id },
  { id: 'b-edu', name: '另一区教育局', kind: 'department', org: ORG_B.id },
]
/** The entry of the 居务公开 template that takes records. */
const RECORD_ENTRY = 'finance.working_funds'

/** A quarterly 工作经费 statement valid against the entry's record schema. */
export function statement(over: Record<string, unknown> = {}) {
  return {
    committee: '天山一村居委会',
    year: 2024,
    quarter: 1,
    openingBalance: 100,
    income: { lines: [{ item: '区财政拨付居委会工作经费', amount: 50 }], total: 50 },
    expenditure: { lines: [{ item: '办公用品', purpose: '打印纸', amount: 30 }], total: 30 },
    closingBalance: 120,
    handledBy: '张某某',
    reviewedBy: '李某某',
    publishedAt: '2024-04-10',
    ...over,
  }
}

/** Table schema of the fixture datasets. */
export const SCHEMA: TableSchema = {
  fields: [
    { name: 'name', type: 'string' },
    { name: 'beds', type: 'integer' },
  ],
}

/** CSV of {@link SCHEMA}. */
export const CSV = 'name,beds\r\n一号院,10\r\n'

/** A descriptor of organisation `org`. */
export function descriptorOf(
  id: string,
  openness: Dataset['openness'],
  org: { id: string; name: string } = ORG_A,
  over: Partial<Dataset> = {}
): Dataset {
  return {
    id,
    title: `数据集 ${id}`,
    description: `说明 ${id}`,
    publisher: org,
    license: 'https://creativecommons.org/licenses/by/4.0/',
    openness,
    ...over,
  }
}

/** A running fixture. */
export interface AccessFixture {
  url: string
  deps: GatewayDeps
  store: Store
  /** Ids of the committees' catalogues: A's two and B's one. */
  committees: { a: string; otherA: string; b: string }
  /** Publishes a dataset through the datastore. */
  dataset(
    id: string,
    openness: Dataset['openness'],
    org?: { id: string; name: string },
    over?: Partial<Dataset>,
    rows?: Record<string, unknown>[]
  ): Promise<void>
  /** Publishes a record in a committee's catalogue through the record store; its id. */
  record(catalogue: string, data?: unknown): Promise<string>
  /** Records a request of A's organ `a-edu` through the cases service; its id. */
  request(): Promise<string>
  /** Records a message of A's organ `a-edu` (unpublished, with a sender); its id. */
  message(): Promise<string>
  /** Records a consultation of A's organ `a-edu`; its id. */
  consultation(): Promise<string>
  /** Resources made once for the read rows. */
  shared: { request: string; message: string; consultation: string }
  /** Issues a token through the CLI's function. */
  token(input: {
    role: Role
    org?: string
    scope?: string
    grants?: string[]
    expiresAt?: string
  }): Promise<{ token: string; id: string }>
  /** Issues a token and revokes it; its secret. */
  revoked(role: Role): Promise<string>
  close(): Promise<void>
}

async function committee(deps: GatewayDeps, id: string, org: string): Promise<string> {
  const template = await deps.catalogues.get('residents_committee')
  if (!template) throw new Error('fixture: no 居务公开 template')
  const made = instantiate(template.catalogue, {
    name: `${id} 居委会`,
    values: { 街道名称: '天山路街道' },
    id,
  })
  if (!made.ok) throw new Error(`fixture: ${JSON.stringify(made.errors)}`)
  await deps.catalogues.add(deps.store, made.value, {
    name: `${id} 居委会`,
    at: new Date().toISOString(),
    tokenId: null,
    org,
  })
  return id
}

/** Starts the gateway on a free loopback port over a fresh store with A, B and three committees. */
export async function accessFixture(): Promise<AccessFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-access-'))
  const store = openSqliteStore(join(dir, 'store.db'))
  const deps = await createDeps(store, {
    baseUrl: 'http://gk.test',
    organisation: ORG_A,
    filesDir: join(dir, 'files'),
    rateLimit: false,
    organs: ORGANS,
  })
  await addOrganisation(store, ORG_B)
  const committees = {
    a: await committee(deps, 'rc-a-1', ORG_A.id),
    otherA: await committee(deps, 'rc-a-2', ORG_A.id),
    b: await committee(deps, 'rc-b-1', ORG_B.id),
  }
  const app = buildApp(deps)
  const server = await new Promise<{ url: string; close(): Promise<void> }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            s.close(() => done())
            ;(s as { closeAllConnections?: () => void }).closeAllConnections?.()
          }),
      })
    )
  })
  let n = 0
  const request = async () =>
    (
      await deps.cases.add({
        organ: 'a-edu',
        channel: 'online',
        applicant: {
          id: `fixture-${++n}`,
          type: 'natural_person',
          name: '李四',
          contact: '13900000000',
        },
        subject: '学区划分',
        received: '2024-03-01',
      })
    ).id
  const message = async () =>
    (
      await deps.messages.add({
        organ: 'a-edu',
        channel: 'website',
        received: '2024-03-01',
        question: '学区何时公布？',
        sender: '王五',
      })
    ).id
  const consultation = async () =>
    (
      await deps.consultations.add({
        organ: 'a-edu',
        title: '《学区划分办法（征求意见稿）》',
        opened: '2024-03-01',
        closes: '2024-03-31',
      })
    ).id
  const shared = {
    request: await request(),
    message: await message(),
    consultation: await consultation(),
  }
  const token: AccessFixture['token'] = (input) =>
    createAdminToken(store, {
      ...input,
      org: input.org ?? ORG_A.id,
      label: `fixture ${++n}`,
    })
  return {
    url: server.url,
    deps,
    store,
    committees,
    async dataset(id, openness, org = ORG_A, over = {}, rows = [{ name: '一号院', beds: 10 }]) {
      const r = await deps.datastore.publish({
        descriptor: descriptorOf(id, openness, org, over),
        schema: SCHEMA,
        source: { rows },
      })
      if (!r.ok) throw new Error(`fixture: dataset ${id} not published (${r.reason})`)
    },
    async record(catalogue, data = statement()) {
      const r = await deps.records.publish(store, {
        catalogue,
        entry: RECORD_ENTRY,
        data,
        at: new Date().toISOString(),
        tokenId: null,
      })
      return r.id
    },
    request,
    message,
    consultation,
    shared,
    token,
    async revoked(role) {
      const t = await token({ role })
      await revokeToken(store, t.id)
      return t.token
    },
    async close() {
      await server.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
