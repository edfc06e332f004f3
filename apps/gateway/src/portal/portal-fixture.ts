import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { layerIdOf } from '@gongkai/catalogues'
import { openLinkCheckLog } from '@gongkai/linker'
import type { Binding, ContentItem, Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore, type Store } from '@gongkai/store'
import type { Hono } from 'hono'
import { buildApp, createDeps } from '../app.js'
import { createAdminToken } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'

// The gateway with its portal on a temp store seeded through the real services: content bound to
// one entry (one link dead), an open and a conditional dataset, one residents' committee. Used by
// the gateway's portal tests; the pages themselves are tested in @gongkai/portal.

/** The seeded committee (its id is its catalogue id). */
export const COMMITTEE = { id: 'rc-tianshan-1', name: '天山一村居委会', street: '天山路街道' }
/** The seeded 无条件开放 dataset (45 rows: three preview pages). */
export const OPEN_DATASET = 'care-homes'
/** The seeded 有条件开放 dataset (its rows never reach a page). */
export const CONDITIONAL_DATASET = 'inspections'
/** The entry the content is bound to, in 义务教育's top layer (what `gongkai link` binds to). */
export const ENTRY = {
  catalogue: layerIdOf('compulsory_education'),
  entry: 'policy.education_laws',
}

const doc = (n: number, kind: ContentItem['kind'], formedAt: string, publishedAt: string) => ({
  url: `https://www.example.gov.cn/zwgk/${n}.html`,
  title: `示例区教育局文件第${n}号`,
  docNo: `示教〔2024〕${n}号`,
  issuer: '示例区教育局',
  kind,
  validity: 'current' as const,
  formedAt,
  publishedAt,
})

/** Three documents: on time, on time, late (published after 20 working days). */
export const CONTENT: ContentItem[] = [
  doc(1, 'normative_document', '2024-03-20', '2024-03-22'),
  doc(2, 'notice', '2024-04-01', '2024-04-03'),
  doc(3, 'notice', '2024-04-01', '2024-05-20'),
]

const descriptor = (id: string, openness: Dataset['openness']): Dataset => ({
  id,
  title: id === OPEN_DATASET ? '养老机构名录' : '双随机抽查结果',
  description: '示例数据集',
  publisher: { id: 'demo-district', name: '示例区民政局' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness,
  ...(openness === 'conditional'
    ? { accessConditions: '仅限科研和公共服务用途，不得对外提供原始数据' }
    : {}),
})

const SCHEMA: TableSchema = {
  fields: [
    { name: 'name', title: '机构名称', type: 'string' },
    { name: 'beds', title: '床位数', type: 'integer', unit: '张', constraints: { minimum: 0 } },
  ],
}

/** The site's organ, as config `organs[]` holds it: the footer and the 指南 show its contact data. */
export const SITE_ORGAN = {
  id: 'demo-gov-office',
  name: '示例区人民政府办公室',
  kind: 'government' as const,
  org: 'demo-district',
  address: '示例市示例区示例路100号',
  officeHours: '工作日 9:00-11:30，13:30-17:00',
  phone: '021-12345678',
  email: 'xxgk@example.gov.cn',
}

/** Config `site` of the fixture. */
export const SITE = {
  governmentName: '示例区人民政府',
  organ: SITE_ORGAN.id,
  websiteCode: '3101990001',
  icp: '沪ICP备05099999号',
  psb: '沪公网安备 31019902000001号',
}

/** Config `xxgk`: the rules text is configured (with markup that must stay text), the rest generated. */
const XXGK = {
  rules:
    '## 本区政府信息公开规定\n\n- **第一条** 依法公开。\n- 见[条例](https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm)。\n\n<script>alert(1)</script>',
}

/** A running fixture. */
export interface GatewayPortalFixture {
  app: Hono<Env>
  deps: GatewayDeps
  store: Store
  /** The committee's token (gk_…), for logging in. */
  committeeToken: string
  close(): Promise<void>
}

/** Seeds the content index, the link-check log and the datastore through their packages. */
async function seed(deps: GatewayDeps, store: Store): Promise<void> {
  const bindings: Binding[] = CONTENT.map((c) => ({
    entry: ENTRY,
    content: c.url,
    method: 'doc_no',
    confidence: 1,
  }))
  await deps.contentIndex.upsert(CONTENT, { source: 'portal-fixture' })
  await deps.contentIndex.saveBindings({ bindings, unbound: [], entriesWithoutContent: [] })
  const dead = CONTENT[1]?.url ?? ''
  await (await openLinkCheckLog(store)).save([
    {
      url: dead,
      status: 'dead',
      httpStatus: 404,
      reason: 'HTTP 404',
      redirects: [],
      finalUrl: dead,
      checkedAt: '2024-05-01T08:00:00.000Z',
      elapsedMs: 12,
    },
  ])
  const rows = Array.from({ length: 45 }, (_, i) => ({ name: `第${i + 1}养老院`, beds: 20 + i }))
  for (const [id, openness] of [
    [OPEN_DATASET, 'unconditional'],
    [CONDITIONAL_DATASET, 'conditional'],
  ] as const) {
    const r = await deps.datastore.publish({
      descriptor: descriptor(id, openness),
      schema: SCHEMA,
      source: { rows },
    })
    if (!r.ok) throw new Error(`fixture: dataset ${id} not published (${r.reason})`)
  }
}

/** Builds the gateway on a seeded temp store; the committee is created through the API. */
export async function gatewayPortalFixture(
  baseUrl = 'http://gk.test'
): Promise<GatewayPortalFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-gw-portal-'))
  const store = openSqliteStore(join(dir, 'store.db'))
  const deps = await createDeps(store, {
    baseUrl,
    organisation: { id: 'demo-district', name: '示例区' },
    filesDir: join(dir, 'files'),
    rateLimit: false,
    organs: [SITE_ORGAN],
    site: SITE,
    xxgk: XXGK,
  })
  await seed(deps, store)
  const app = buildApp(deps)
  const admin = await createAdminToken(store, { org: 'demo-district' })
  const res = await app.request('/api/v1/committees', {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(COMMITTEE),
  })
  const made = (await res.json()) as { token?: string }
  if (!made.token)
    throw new Error(`fixture: committee not created (${res.status} ${JSON.stringify(made)})`)
  return {
    app,
    deps,
    store,
    committeeToken: made.token,
    async close() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
