import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { instantiate } from '@gongkai/catalogue'
import { catalogues, layerIdOf } from '@gongkai/catalogues'
import type { Catalogue, ContentItem, Dataset } from '@gongkai/schema'
import { openSqliteStore, type Store } from '@gongkai/store'
import type { Hono } from 'hono'
import {
  FIXTURE_OFFICER_TOKEN,
  type ParticipationIds,
  participationSource,
} from './participation-fixture.js'
import { portalApp } from './portal-app.js'
import type {
  AccessRequestItem,
  BoundContent,
  Committee,
  DepartmentFigures,
  PortalSource,
  PublishedRecord,
} from './portal-source.js'
import { openSessionStore } from './sessions.js'
import { sourceWith } from './test-source.js'

// Test and demo data for the portal: the pages on a source of plain data (the bundled catalogues,
// sample documents bound to one entry, one dataset, one residents' committee) and real sessions in
// a temp store. Not exported from the package; used by the page tests, the browser tests and the
// screenshot script. The gateway tests the same pages on its own services.

/** The seeded committee (its id is its catalogue id). */
export const FIXTURE_COMMITTEE = {
  id: 'rc-shiguang-4-2',
  name: '市光四村第二居委会',
  street: '殷行街道',
}
/** The seeded dataset. */
export const FIXTURE_DATASET = 'elderly-care-institutions'

/** Sample documents: a policy, its interpretation, a repealed notice and two disclosures. */
const FIXTURE_CONTENT: ContentItem[] = [
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
  tableSchema: {
    fields: [
      { name: 'name', title: '机构名称', type: 'string', constraints: { required: true } },
      { name: 'street', title: '街道', type: 'string' },
      { name: 'beds', title: '床位数', type: 'integer', unit: '张', constraints: { minimum: 0 } },
      { name: 'opened', title: '开业日期', type: 'date' },
    ],
  },
}

/** The seeded 有条件开放 dataset: conditions, an application form, no downloads. */
export const FIXTURE_CONDITIONAL = 'care-home-inspections'
const CONDITIONAL: Dataset = {
  id: FIXTURE_CONDITIONAL,
  title: '养老机构监督检查记录',
  description: '养老机构日常监督检查的检查项目与整改情况。',
  publisher: { id: 'changning', name: '长宁区民政局' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'conditional',
  accessConditions: '仅限科研和公共服务用途，不得对外提供原始数据',
  tableSchema: {
    fields: [
      { name: 'institution', title: '机构名称', type: 'string' },
      { name: 'finding', title: '检查发现', type: 'string' },
    ],
  },
}

/** The publisher's token, as it types it on `/access-requests`. */
export const FIXTURE_PUBLISHER_TOKEN = 'gk_fixture-publisher-token'

const STREETS = [
  '华阳路街道',
  '江苏路街道',
  '新华路街道',
  '周家桥街道',
  '天山路街道',
  '仙霞新村街道',
]

/** The committee's token, as the committee types it on the login page. */
const FIXTURE_TOKEN = 'gk_fixture-committee-token'
const TOKEN_ID = 'tok-fixture'
const FIXTURE_NOW = () => new Date('2024-05-06T09:00:00.000Z')

/** The seeded rows of {@link FIXTURE_DATASET}, typed as the datastore returns them. */
const ROWS = Array.from({ length: 45 }, (_, i) => ({
  name: `长宁区第${i + 1}养老服务机构`,
  street: STREETS[i % STREETS.length],
  beds: 20 + ((i * 37) % 180),
  opened: `20${10 + (i % 14)}-0${1 + (i % 9)}-15`,
}))

/** The catalogue the sample documents are bound to: 义务教育's top layer (Changning 2021). */
export const FIXTURE_EDUCATION = layerIdOf('compulsory_education')
const EDUCATION = FIXTURE_EDUCATION
const educationEntry = () =>
  catalogues.find((c) => c.id === EDUCATION)?.entries[0]?.id ?? 'policy.education_laws'

// Documents 0, 1 and 3 are bound to the first entry of 义务教育; the last of them is a dead link.
// Due dates are those of its rule (20 working days from 成文日期), as the gateway computes them.
const BOUND: BoundContent[] = [
  { item: FIXTURE_CONTENT[0] as ContentItem, dueDate: '2024-04-18', onTime: true },
  { item: FIXTURE_CONTENT[1] as ContentItem, dueDate: '2024-04-18', onTime: true },
  {
    item: FIXTURE_CONTENT[3] as ContentItem,
    dueDate: '2024-04-29',
    onTime: true,
    linkStatus: 'dead',
  },
]

const committeeOf = (c: Catalogue): Committee => ({
  id: c.id,
  name: c.organisation ?? c.title,
  catalogueId: c.id,
})

/** Instantiates the 居务公开 template for a committee, the committee id as catalogue id. */
function committeeCatalogue(id: string, name: string, street: string) {
  const template = catalogues.find((c) => c.id === 'residents_committee')
  if (!template) throw new Error('fixture: the 居务公开 template is missing')
  return instantiate(template, { name, values: { 街道名称: street }, id })
}

/** Coverage of the one bound entry, counted per responsible department. */
function report(): DepartmentFigures[] {
  const edu = catalogues.find((c) => c.id === EDUCATION)
  const bodies = new Map<string, DepartmentFigures>()
  for (const e of edu?.entries ?? []) {
    for (const name of e.responsibleBodies) {
      const d = bodies.get(name) ?? {
        department: name,
        entries: 0,
        covered: 0,
        onTime: 0,
        due: 0,
        brokenLinks: 0,
      }
      d.entries++
      if (e.id === educationEntry()) {
        d.covered++
        d.due += BOUND.length
        d.onTime += BOUND.filter((b) => b.onTime).length
        d.brokenLinks += BOUND.filter((b) => b.linkStatus === 'dead').length
      }
      bodies.set(name, d)
    }
  }
  return [...bodies.values()].filter((d) => d.covered > 0)
}

/** The fixture's data as a {@link PortalSource}; records published through it are kept in memory. */
function fixtureSource(participation: Partial<PortalSource>): PortalSource {
  const made = committeeCatalogue(
    FIXTURE_COMMITTEE.id,
    FIXTURE_COMMITTEE.name,
    FIXTURE_COMMITTEE.street
  )
  if (!made.ok) throw new Error(`fixture: ${made.errors.map((e) => e.message).join('; ')}`)
  const all: Catalogue[] = [...catalogues, made.value]
  const records: PublishedRecord[] = []
  const isCommittee = (c: Catalogue | undefined): c is Catalogue =>
    !!c && c.kind === 'residents_committee' && !c.template
  // Applications kept in memory, with the secret of each status link.
  const applications: (AccessRequestItem & { key: string; token?: string; shown?: boolean })[] = []
  return sourceWith({
    async applyForAccess(datasetId, application) {
      const id = `ar-${applications.length + 1}`
      const key = `key-${id}-${'x'.repeat(30)}`
      applications.push({
        ...application,
        id,
        key,
        dataset: datasetId,
        status: 'pending',
        createdAt: FIXTURE_NOW().toISOString(),
        dueDate: '2024-05-13',
        overdue: false,
        workingDaysLeft: 5,
        decidedAt: null,
        expiresAt: null,
        reason: null,
        email: null,
      })
      return { ok: true, value: `/access-requests/${id}?key=${key}` }
    },
    async accessStatus(id, key) {
      const a = applications.find((x) => x.id === id && x.key === key)
      if (!a) return undefined
      const token = a.token && !a.shown ? a.token : undefined
      if (token) a.shown = true
      return {
        id: a.id,
        dataset: a.dataset,
        status: a.status,
        dueDate: a.dueDate,
        ...(a.decidedAt ? { decidedAt: a.decidedAt } : {}),
        ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}),
        ...(a.reason ? { reason: a.reason } : {}),
        ...(token ? { token } : {}),
        ...(a.shown && !token ? { tokenIssuedAt: a.decidedAt ?? '' } : {}),
      }
    },
    publisherForToken: async (token) =>
      token === FIXTURE_PUBLISHER_TOKEN
        ? { org: 'changning', tokenId: 'tok-publisher' }
        : undefined,
    accessRequests: async (org) => (org === 'changning' ? applications : []),
    async decideAccess(_org, id, decision) {
      const a = applications.find((x) => x.id === id)
      if (a?.status !== 'pending')
        return { ok: false, errors: [{ pointer: '', message: `申请 ${id} 不能审核` }] }
      a.decidedAt = FIXTURE_NOW().toISOString()
      a.workingDaysLeft = null
      if ('approve' in decision) {
        a.status = 'approved'
        a.expiresAt = `${decision.approve.expiresAt}T15:59:59.999Z`
        a.token = `gk_fixture-reader-${id}`
      } else {
        a.status = 'refused'
        a.reason = decision.refuse.reason
      }
      return { ok: true, value: a }
    },
    catalogues: async () => all,
    catalogue: async (id) => all.find((c) => c.id === id),
    async contentFor(catalogueId, entryIds) {
      const out = new Map<string, BoundContent[]>()
      for (const id of entryIds)
        out.set(id, catalogueId === EDUCATION && id === educationEntry() ? BOUND : [])
      return out
    },
    documents: async () => FIXTURE_CONTENT,
    datasets: async () => [DATASET, CONDITIONAL],
    dataset: async (id) => [DATASET, CONDITIONAL].find((d) => d.id === id),
    async rows(id, offset, limit) {
      if (id !== DATASET.id) return undefined
      const rows = ROWS.slice(offset, offset + limit)
      return { columns: ['name', 'street', 'beds', 'opened'], rows, total: ROWS.length }
    },
    versions: async (id) =>
      id === DATASET.id
        ? [{ version: '1', publishedAt: '2024-04-01T08:00:00.000Z', rows: ROWS.length }]
        : [],
    report: async () => ({ generatedAt: FIXTURE_NOW().toISOString(), departments: report() }),
    records: async (catalogueId, entryId) =>
      records
        .filter((r) => r.catalogueId === catalogueId && (!entryId || r.entryId === entryId))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    record: async (catalogueId, recordId) =>
      records.find((r) => r.catalogueId === catalogueId && r.id === recordId),
    committees: async () => all.filter(isCommittee).map(committeeOf),
    async committee(id) {
      const c = all.find((x) => x.id === id)
      return isCommittee(c) ? committeeOf(c) : undefined
    },
    committeeForToken: async (token) =>
      token === FIXTURE_TOKEN ? { committee: FIXTURE_COMMITTEE.id, tokenId: TOKEN_ID } : undefined,
    async instantiateCommittee(committeeId, name, street) {
      const existing = all.find((c) => c.id === committeeId)
      if (existing) return { ok: true, value: committeeOf(existing) }
      const fresh = committeeCatalogue(committeeId, name, street)
      if (!fresh.ok) return { ok: false, errors: fresh.errors }
      all.push(fresh.value)
      return { ok: true, value: committeeOf(fresh.value) }
    },
    organRequests: async () => ({ items: [], total: 0 }),
    organRequest: async () => undefined,
    annualReport: async () => undefined,
    async publishRecord(catalogueId, entryId, data) {
      const record: PublishedRecord = {
        id: `rec-${records.length + 1}`,
        catalogueId,
        entryId,
        data,
        createdAt: new Date().toISOString(),
        revision: 1,
      }
      records.push(record)
      return record
    },
    ...participation,
  })
}

/** A running fixture: the portal app on {@link fixtureSource}, sessions in a temp store. */
export interface PortalFixture {
  app: Hono
  source: PortalSource
  store: Store
  /** The committee's token, for logging in. */
  committeeToken: string
  /** The officer's token (长宁区教育局), for `/officer/login`. */
  officerToken: string
  /** The seeded messages and consultations. */
  participation: ParticipationIds
  /** What the audit hooks were told: the token behind each page write, and what each created. */
  audit: { writers: (string | null)[]; targets: string[] }
  close(): Promise<void>
}

/** Builds the portal on the fixture's data. */
/** The fixture's site identity (config `site` with its organ resolved). */
export const FIXTURE_SITE = {
  governmentName: '上海市长宁区人民政府',
  organ: {
    id: 'changning-gov-office',
    name: '上海市长宁区人民政府办公室',
    kind: 'government' as const,
    address: '上海市长宁区愚园路1320号',
    officeHours: '工作日 9:00-11:30，13:30-17:00',
    phone: '021-22050000',
    email: 'xxgk@shcn.gov.cn',
  },
  websiteCode: '3101050001',
  icp: '沪ICP备05023437号',
  psb: '沪公网安备 31010502000001号',
}

export async function portalFixture(options: { baseUrl?: string } = {}): Promise<PortalFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-portal-'))
  const store = openSqliteStore(join(dir, 'store.db'))
  const participation = await participationSource(store, FIXTURE_CONTENT)
  const source = fixtureSource(participation.source)
  const audit: PortalFixture['audit'] = { writers: [], targets: [] }
  const app = portalApp(source, {
    sessions: openSessionStore(store),
    baseUrl: options.baseUrl ?? 'http://localhost',
    now: FIXTURE_NOW,
    site: FIXTURE_SITE,
    audit: {
      writer: (_c, tokenId) => {
        audit.writers.push(tokenId)
      },
      target: (_c, id) => {
        audit.targets.push(id)
      },
    },
  })
  return {
    app,
    source,
    store,
    committeeToken: FIXTURE_TOKEN,
    officerToken: FIXTURE_OFFICER_TOKEN,
    participation: participation.ids,
    audit,
    async close() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
