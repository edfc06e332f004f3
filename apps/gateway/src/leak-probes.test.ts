import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AccessFixture,
  accessFixture,
  CSV,
  descriptorOf,
  ORG_A,
  ORG_B,
  SCHEMA,
} from './access-fixture.js'

// Leak probes: every GET route (and the portal's pages) × every principal × a public, a
// 有条件开放 and a 非开放 dataset. Each dataset carries marker strings in its metadata, rows and
// withdrawal reason; a probe fails when a marker reaches someone who may not see it, or when a
// 非开放 dataset answers differently from one that does not exist.

const CLOSED = 'closed-a'
// Same length as CLOSED, so even Content-Length cannot tell them apart.
const ABSENT = 'absent-a'
const CONDITIONAL = 'cond-a'
const PUBLIC = 'pub-a'
/** Strings only the closed dataset holds (title, description, keywords, rows, withdrawal reason). */
const CLOSED_MARK = 'ZQXCLOSED'
/** Strings only the conditional dataset's rows hold. */
const CONDITIONAL_ROW_MARK = 'ZQXCONDROW'

type Principal = {
  name: string
  authorization?: string
  readsConditional: boolean
  /** May know the closed dataset's id (its organisation's managers see it in the audit log). */
  knowsClosed?: boolean
}

async function principals(f: AccessFixture): Promise<Principal[]> {
  const p = async (
    name: string,
    input: Parameters<AccessFixture['token']>[0],
    readsConditional = false,
    knowsClosed = false
  ): Promise<Principal> => ({
    name,
    authorization: `Bearer ${(await f.token(input)).token}`,
    readsConditional,
    knowsClosed,
  })
  return [
    { name: 'none', readsConditional: false },
    await p('operator', { role: 'operator' }, false, true),
    await p('admin', { role: 'admin' }, true, true),
    await p('publisher', { role: 'publisher' }, true, true),
    await p('officer', { role: 'officer', scope: 'a-edu' }),
    await p('committee', { role: 'residents_committee', scope: f.committees.a }),
    await p('reader', { role: 'conditional_reader', grants: [CONDITIONAL] }, true),
    await p('admin B', { role: 'admin', org: ORG_B.id }),
    await p('publisher B', { role: 'publisher', org: ORG_B.id }),
    await p('officer B', { role: 'officer', org: ORG_B.id, scope: 'b-edu' }),
    await p('committee B', { role: 'residents_committee', org: ORG_B.id, scope: f.committees.b }),
    // A reader of B granted an id of A's (the CLI does not check): grants never cross organisations.
    await p('reader B', { role: 'conditional_reader', org: ORG_B.id, grants: [CONDITIONAL] }),
  ]
}

/** Every GET the gateway answers, with its parameters filled; `{ds}` stands for a dataset id. */
function probePaths(f: AccessFixture, record: string): { path: string; accept?: string }[] {
  const docs = f.deps.routes.docs.filter((d) => d.method === 'get')
  const out: { path: string; accept?: string }[] = []
  const cat = `/api/v1/catalogues/${f.committees.a}`
  const entry = `${cat}/entries/finance.working_funds`
  for (const d of docs) {
    const p = d.path
    if (p === '/datasets/:id') {
      for (const suffix of ['.csv', '.json', '.ndjson', '.jsonld', '.ttl', '.csv-metadata.json'])
        out.push({ path: `/datasets/{ds}${suffix}` }, { path: `/datasets/{ds}${suffix}?version=1` })
      out.push({ path: '/datasets/{ds}', accept: 'application/json' })
      out.push({ path: '/datasets/{ds}', accept: 'text/turtle' })
    } else if (p === '/datasets/:id/versions/:version/:file') {
      for (const v of [1, 2])
        for (const file of ['data.csv', 'data.json', 'data.ndjson', 'data.csv-metadata.json'])
          out.push({ path: `/datasets/{ds}/versions/${v}/${file}` })
    } else if (p.startsWith('/api/v1/datasets/:id')) {
      out.push({ path: p.replace(':id', '{ds}') })
      if (p.endsWith('/rows')) out.push({ path: `${p.replace(':id', '{ds}')}?q=${CLOSED_MARK}` })
    } else if (p === '/api/v1/datasets') {
      out.push({ path: p }, { path: `${p}?q=ZQX` }, { path: `${p}?q=数据集&limit=500` })
      out.push({ path: `${p}?publisher=${ORG_A.id}` }, { path: `${p}?openness=conditional` })
    } else if (/^\/api\/(3\/)?action\/:action$/.test(p)) {
      // Unknown CKAN actions: a constant answer.
    } else if (/^\/api\/(3\/)?action\//.test(p)) {
      const action = p.split('/').pop()
      if (action === 'package_show') out.push({ path: `${p}?id={ds}` })
      else if (action === 'datastore_search')
        out.push({ path: `${p}?resource_id={ds}` }, { path: `${p}?resource_id={ds}&q=ZQX` })
      else if (action === 'package_search')
        out.push({ path: p }, { path: `${p}?q=ZQX` }, { path: `${p}?fq=organization:${ORG_A.id}` })
      else if (action === 'organization_list') out.push({ path: `${p}?all_fields=true` })
      else if (action === 'resource_show')
        out.push({ path: `${p}?id={ds}` }, { path: `${p}?id={ds}.json` })
      else if (action === 'organization_show' || action === 'group_show')
        out.push({ path: `${p}?id=${ORG_A.id}&include_datasets=true` })
      else if (action === 'tag_list') out.push({ path: p }, { path: `${p}?all_fields=true` })
      else out.push({ path: p })
    } else if (p.includes(':entryId/records/:recordId'))
      out.push({ path: p.replace(/^.*records\/:recordId/, `${entry}/records/${record}`) })
    else if (p.includes(':entryId/records')) out.push({ path: `${entry}/records` })
    else if (p.includes(':entryId')) out.push({ path: entry })
    else if (p.includes(':id')) out.push({ path: cat })
    else out.push({ path: p })
  }
  // The portal's pages (HTML), search and feeds included.
  for (const page of [
    '/',
    '/search?q=ZQX',
    '/search?q=数据集',
    '/datasets',
    '/datasets?q=ZQX',
    '/datasets/{ds}',
    '/documents',
    '/catalogues',
    '/committees',
    `/committees/${f.committees.a}`,
    '/reports',
  ])
    out.push({ path: page, accept: 'text/html' })
  return out
}

async function get(f: AccessFixture, path: string, who: Principal, accept?: string) {
  const headers: Record<string, string> = {}
  if (who.authorization) headers.authorization = who.authorization
  if (accept) headers.accept = accept
  const res = await fetch(`${f.url}${encodeURI(path)}`, { headers })
  return { status: res.status, text: await res.text() }
}

describe('leak probes: every route × every principal × public, conditional and closed data', () => {
  let f: AccessFixture
  let who: Principal[]
  let record: string
  const publishAs = async (authorization: string, payload: unknown, path = '/api/v1/datasets') => {
    const r = await fetch(`${f.url}${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    })
    return { status: r.status, text: await r.text() }
  }

  beforeAll(async () => {
    f = await accessFixture()
    who = await principals(f)
    const publisher = `Bearer ${(await f.token({ role: 'publisher' })).token}`
    const rows = (mark: string) => `name,beds\r\n${mark} 一号院,10\r\n`
    // Through the API, so the feed gets its events as in production.
    const closed = descriptorOf(CLOSED, 'closed', ORG_A, {
      title: `数据集 ${CLOSED_MARK} 标题`,
      description: `${CLOSED_MARK} 说明`,
      keywords: [`${CLOSED_MARK}词`],
    })
    for (const [d, csv] of [
      [closed, rows(`${CLOSED_MARK}行`)],
      [descriptorOf(CONDITIONAL, 'conditional'), rows(CONDITIONAL_ROW_MARK)],
      [descriptorOf(PUBLIC, 'unconditional'), rows('公开')],
    ] as const) {
      const r = await publishAs(publisher, { descriptor: d, schema: SCHEMA, csv })
      expect(r.status, r.text).toBe(201)
    }
    const v2 = await publishAs(
      publisher,
      { csv: rows(`${CLOSED_MARK}行2`) },
      `/api/v1/datasets/${CLOSED}/versions`
    )
    expect(v2.status, v2.text).toBe(201)
    const w = await publishAs(
      publisher,
      { reason: `${CLOSED_MARK} 撤回原因` },
      `/api/v1/datasets/${CLOSED}/versions/1/withdrawal`
    )
    expect(w.status, w.text).toBe(200)
    record = await f.record(f.committees.a)
  }, 60_000)
  afterAll(() => f?.close())

  it('finds no closed marker anywhere, and a closed dataset answers exactly as an absent one', async () => {
    const failures: string[] = []
    const paths = probePaths(f, record)
    expect(paths.length).toBeGreaterThan(60)
    for (const principal of who) {
      for (const { path, accept } of paths) {
        const ids = path.includes('{ds}') ? [PUBLIC, CONDITIONAL, CLOSED] : [undefined]
        for (const id of ids) {
          const url = id ? path.replaceAll('{ds}', id) : path
          const r = await get(f, url, principal, accept)
          const where = `${principal.name} GET ${url} (${accept ?? 'default'})`
          if (r.text.includes(CLOSED_MARK)) failures.push(`${where}: closed marker`)
          if (id !== CLOSED && r.text.includes(CLOSED) && !principal.knowsClosed)
            failures.push(`${where}: names the closed dataset`)
          if (r.text.includes(CONDITIONAL_ROW_MARK) && !principal.readsConditional)
            failures.push(`${where}: conditional rows`)
          if (id === CLOSED) {
            const absent = await get(f, path.replaceAll('{ds}', ABSENT), principal, accept)
            const same =
              r.status === absent.status && r.text === absent.text.replaceAll(ABSENT, CLOSED)
            if (!same)
              failures.push(
                `${where}: ${r.status} differs from an absent dataset's ${absent.status}`
              )
          }
        }
      }
    }
    expect(failures).toEqual([])
  }, 120_000)

  it('shows the conditional rows to the callers who may read them', async () => {
    for (const principal of who.filter((p) => p.readsConditional)) {
      const r = await get(f, `/api/v1/datasets/${CONDITIONAL}/rows`, principal)
      expect(r.status, principal.name).toBe(200)
      expect(r.text).toContain(CONDITIONAL_ROW_MARK)
    }
  })

  it("lists to an admin only its own organisation's tokens and audit entries", async () => {
    const adminB = who.find((p) => p.name === 'admin B')
    if (!adminB?.authorization) throw new Error('no admin B')
    const tokens = JSON.parse((await get(f, '/api/v1/tokens', adminB)).text)
    expect(tokens.items.length).toBeGreaterThan(0)
    expect(new Set(tokens.items.map((t: { org: string }) => t.org))).toEqual(new Set([ORG_B.id]))
    const audit = JSON.parse((await get(f, '/api/v1/audit', adminB)).text)
    expect(audit.total).toBe(0)
  })

  it('answers a create under a taken or reserved id with one 409, whoever holds it', async () => {
    const publisherB = `Bearer ${(await f.token({ role: 'publisher', org: ORG_B.id })).token}`
    const publisherA = `Bearer ${(await f.token({ role: 'publisher' })).token}`
    const answers = []
    for (const [authorization, org] of [
      [publisherB, ORG_B],
      [publisherA, ORG_A],
    ] as const) {
      for (const id of [CLOSED, PUBLIC, 'new']) {
        const r = await publishAs(authorization, {
          descriptor: descriptorOf(id, 'unconditional', org),
          schema: SCHEMA,
          csv: CSV,
        })
        expect(r.status).toBe(409)
        answers.push(r.text.replaceAll(id, '<id>'))
      }
    }
    expect(new Set(answers).size).toBe(1)
    expect(JSON.parse(answers[0] ?? '{}').error.code).toBe('id_unavailable')
  })

  it('answers writes to a dataset the caller may not see exactly like writes to an absent one', async () => {
    const callers = [
      `Bearer ${(await f.token({ role: 'publisher', org: ORG_B.id })).token}`,
      `Bearer ${(await f.token({ role: 'residents_committee', scope: f.committees.a })).token}`,
      `Bearer ${(await f.token({ role: 'conditional_reader', grants: [CLOSED] })).token}`,
    ]
    for (const authorization of callers) {
      for (const [suffix, payload] of [
        ['/versions', { csv: CSV }],
        ['/versions/2/withdrawal', { reason: 'x' }],
      ] as const) {
        const closed = await publishAs(
          authorization,
          payload,
          `/api/v1/datasets/${CLOSED}${suffix}`
        )
        const absent = await publishAs(
          authorization,
          payload,
          `/api/v1/datasets/${ABSENT}${suffix}`
        )
        expect(closed.status).toBe(404)
        expect(closed.text).toBe(absent.text.replaceAll(ABSENT, CLOSED))
      }
    }
  })
})
