import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLinkCheckLog } from '@gongkai/linker'
import type { Binding, ContentItem, Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore, type Store } from '@gongkai/store'
import type { Hono } from 'hono'
import { buildApp, createDeps } from '../app.js'
import { createAdminToken } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'

// Test and demo data for the portal: a temp store seeded with sample content, one dataset and one
// residents' committee. Not exported from the package; used by page tests, browser tests, the
// screenshot script and the benchmark.

/** The seeded committee (its id is its catalogue id). */
export const FIXTURE_COMMITTEE = {
  id: 'rc-shiguang-4-2',
  name: '市光四村第二居委会',
  street: '殷行街道',
}
/** The seeded dataset. */
export const FIXTURE_DATASET = 'elderly-care-institutions'

/** Sample documents: a policy, its interpretation, a repealed notice and two disclosures. */
export const FIXTURE_CONTENT: ContentItem[] = [
  {
    url: 'https://www.shcn.gov.cn/zwgk/2024/policy-001.html',
    title: '长宁区关于做好2024年义务教育阶段学校招生入学工作的实施意见',
    docNo: '长教〔2024〕3号',
    issuer: '长宁区教育局',
    topic: '教育',
    kind: 'normative_document',
    validity: 'current',
    formedAt: '2024-03-20',
    publishedAt: '2024-03-22',
  },
  {
    url: 'https://www.shcn.gov.cn/zwgk/2024/interpretation-001.html',
    title: '《长宁区关于做好2024年义务教育阶段学校招生入学工作的实施意见》政策解读',
    issuer: '长宁区教育局',
    topic: '教育',
    kind: 'interpretation',
    interpretationForm: 'text',
    interprets: ['长教〔2024〕3号'],
    validity: 'current',
    formedAt: '2024-03-20',
    publishedAt: '2024-03-22',
  },
  {
    url: 'https://www.shcn.gov.cn/zwgk/2021/notice-007.html',
    title: '长宁区2021年义务教育阶段学校招生入学工作的通知',
    docNo: '长教〔2021〕5号',
    issuer: '长宁区教育局',
    topic: '教育',
    kind: 'policy',
    validity: 'repealed',
    formedAt: '2021-03-10',
    publishedAt: '2021-04-30',
  },
  {
    url: 'https://www.shcn.gov.cn/zwgk/2024/enrolment-plan.html',
    title: '2024年长宁区公办小学招生计划',
    issuer: '长宁区教育局',
    topic: '教育',
    kind: 'notice',
    validity: 'current',
    formedAt: '2024-04-01',
    publishedAt: '2024-04-03',
  },
  {
    url: 'https://www.shcn.gov.cn/zwgk/2024/assistance-list.html',
    title: '2024年第一季度最低生活保障对象名单公示',
    issuer: '长宁区民政局',
    topic: '社会救助',
    kind: 'publicity',
    validity: 'current',
    formedAt: '2024-04-01',
    publishedAt: '2024-05-20',
  },
]

const DATASET: Dataset = {
  id: FIXTURE_DATASET,
  title: '长宁区养老服务机构名录',
  description:
    '长宁区内养老机构、长者照护之家和社区综合为老服务中心的名称、地址、床位数和联系电话。',
  publisher: { id: 'changning', name: '长宁区民政局' },
  field: 'elderly_care',
  keywords: ['养老', '为老服务'],
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'unconditional',
  updateFrequency: 'quarterly',
  modified: '2024-04-01',
}

const SCHEMA: TableSchema = {
  fields: [
    { name: 'name', title: '机构名称', type: 'string', constraints: { required: true } },
    { name: 'street', title: '所属街道', type: 'string' },
    { name: 'beds', title: '床位数', type: 'integer', constraints: { minimum: 0 } },
    { name: 'opened', title: '开业日期', type: 'date' },
  ],
}

const STREETS = [
  '华阳路街道',
  '江苏路街道',
  '新华路街道',
  '周家桥街道',
  '天山路街道',
  '仙霞新村街道',
]

/** A running fixture: the app on a seeded temp store. */
export interface PortalFixture {
  app: Hono<Env>
  deps: GatewayDeps
  store: Store
  /** The committee's token (gk_…), for logging in. */
  committeeToken: string
  adminToken: string
  close(): Promise<void>
}

/** Builds the gateway on a temp store seeded with sample content, a dataset and a committee. */
export async function portalFixture(options: { baseUrl?: string } = {}): Promise<PortalFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-portal-'))
  const store = openSqliteStore(join(dir, 'store.db'))
  const baseUrl = options.baseUrl ?? 'http://localhost'
  const deps = await createDeps(store, {
    baseUrl,
    organisation: { id: 'changning', name: '长宁区' },
    filesDir: join(dir, 'files'),
    rateLimit: false,
  })
  const edu = await deps.catalogues.get('compulsory_education')
  const first = edu?.catalogue.entries[0]?.id ?? 'x'
  const bind = (n: number, method: Binding['method'], confidence: number): Binding => ({
    entry: { catalogue: 'compulsory_education', entry: first },
    content: FIXTURE_CONTENT[n]?.url ?? '',
    method,
    confidence,
  })
  const bindings = [bind(0, 'doc_no', 1), bind(1, 'title', 0.9), bind(3, 'column', 0.8)]
  const index = deps.contentIndex
  await index.upsert(FIXTURE_CONTENT, { source: 'portal-fixture' })
  await index.saveBindings({ bindings, unbound: [], entriesWithoutContent: [] })
  // One dead link, so the catalogue and entry pages have a 断链 to mark.
  const log = await openLinkCheckLog(store)
  const url = FIXTURE_CONTENT[3]?.url ?? ''
  await log.save([
    {
      url,
      status: 'dead',
      httpStatus: 404,
      reason: 'HTTP 404',
      redirects: [],
      finalUrl: url,
      checkedAt: '2024-05-01T08:00:00.000Z',
      elapsedMs: 12,
    },
  ])
  const app = buildApp(deps)
  const admin = await createAdminToken(store, { org: 'changning' })
  const res = await app.request('/api/v1/committees', {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(FIXTURE_COMMITTEE),
  })
  const made = (await res.json()) as { token?: string }
  if (!made.token)
    throw new Error(`fixture: committee not created (${res.status} ${JSON.stringify(made)})`)
  if (deps.datastore) {
    const rows = Array.from({ length: 45 }, (_, i) => ({
      name: `长宁区第${i + 1}养老服务机构`,
      street: STREETS[i % STREETS.length],
      beds: 20 + ((i * 37) % 180),
      opened: `20${10 + (i % 14)}-0${1 + (i % 9)}-15`,
    }))
    const r = await deps.datastore.publish({
      descriptor: DATASET,
      schema: SCHEMA,
      source: { rows },
    })
    if (!r.ok) throw new Error(`fixture: dataset not published (${r.reason})`)
  }
  return {
    app,
    deps,
    store,
    committeeToken: made.token,
    adminToken: admin.token,
    async close() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
