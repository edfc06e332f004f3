// A running gateway with a few datasets, for the CKAN client sequences (test-only).
import { ensureOrganisation } from '../../auth/organisations.js'
import { startServer } from '../../server.js'
import {
  descriptor,
  ORG,
  schoolCsv,
  schoolSchema,
  setup,
  type TestResponse,
} from '../../test-support.js'

/** Another organisation that publishes. */
export const ORG_B = { id: 'district-b', name: '另一区人民政府' }

/** Datasets of {@link ckanServer}: public ones by id, then the conditional and the closed one. */
export const PUBLIC_IDS = ['cond', 'parks', 'roads', 'schools'] as const

/**
 * Starts a real server on a loopback port with: `schools` (教育, field compulsory_education),
 * `roads` (交通), `parks` of another organisation, `cond` (有条件开放: metadata public) and
 * `hidden` (非开放: never shown).
 */
export async function ckanServer() {
  const s = await setup()
  const server = await startServer({
    store: s.store,
    config: {
      baseUrl: 'http://127.0.0.1',
      organisation: ORG,
      filesDir: `${s.dir}/files`,
      rateLimit: false,
    },
    port: 0,
  })
  const publisher = await s.token({ role: 'publisher' })
  await ensureOrganisation(s.store, ORG_B)
  const publisherB = await s.token({ role: 'publisher', org: ORG_B.id })
  const publish = async (token: string, over: Parameters<typeof descriptor>[0]) => {
    const r = await fetch(`${server.url}/api/v1/datasets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ descriptor: descriptor(over), schema: schoolSchema, csv: schoolCsv }),
    })
    if (r.status !== 201) throw new Error(`publish ${over?.id}: ${r.status} ${await r.text()}`)
  }
  await publish(publisher, {})
  await publish(publisher, { id: 'roads', title: '道路名录', keywords: ['交通'], field: undefined })
  await publish(publisherB, {
    id: 'parks',
    title: '公园名录',
    keywords: ['绿化', '公园'],
    field: undefined,
    publisher: { id: ORG_B.id, name: ORG_B.name },
  })
  await publish(publisher, { id: 'cond', title: '有条件开放的学校数据', openness: 'conditional' })
  await publish(publisher, { id: 'hidden', title: '非开放数据 ZQX', openness: 'closed' })
  return { ...s, server, url: server.url, publisher, publisherB }
}

/** A GET whose JSON is loosely typed for field-by-field assertions. */
export async function fetchJson(url: string, init?: RequestInit) {
  return ((await fetch(url, init)) as unknown as TestResponse).json()
}
