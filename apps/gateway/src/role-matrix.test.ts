import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AccessFixture,
  accessFixture,
  CSV,
  descriptorOf,
  ORG_A,
  ORG_B,
  SCHEMA,
  statement,
} from './access-fixture.js'

// The expectations are the README's role table, parsed here: never derived from the code under
// test. Each cell is one request over a real socket, on fresh resources where a success would
// change what the next cell sees.

interface Row {
  action: string
  method: string
  path: string
  /** The request cell's words after the path, e.g. "for A". */
  note: string
  expected: Record<string, number>
}

/** The role table of the gateway README. */
function readRoleTable(): { columns: string[]; rows: Row[] } {
  const text = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const lines = text.split('\n')
  const start = lines.findIndex((l) => l.startsWith('| action | request |'))
  if (start < 0) throw new Error('README: no role table ("| action | request | …")')
  const cells = (l: string) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
  const header = cells(lines[start] ?? '')
  const columns = header.slice(2)
  const rows: Row[] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    const [action = '', request = '', ...statuses] = cells(line)
    const m = /^`(GET|POST|DELETE) ([^`]+)`\s*(.*)$/.exec(request)
    if (!m) throw new Error(`README role table: cannot read the request "${request}"`)
    if (statuses.length !== columns.length)
      throw new Error(`README role table: row "${request}" has ${statuses.length} statuses`)
    rows.push({
      action: action.replace(/`/g, ''),
      method: m[1] ?? '',
      path: m[2] ?? '',
      note: m[3] ?? '',
      expected: Object.fromEntries(columns.map((c, i) => [c, Number(statuses[i])])),
    })
  }
  return { columns, rows }
}

const table = readRoleTable()

/** Authorization headers of each column (expired and revoked: an admin's and a publisher's). */
type Principals = Record<string, (string | undefined)[]>

async function principals(f: AccessFixture): Promise<Principals> {
  const { committees } = f
  const secret = async (input: Parameters<AccessFixture['token']>[0]) =>
    `Bearer ${(await f.token(input)).token}`
  const past = '2000-01-01T00:00:00Z'
  return {
    none: [undefined],
    malformed: ['Bearer not-a-token'],
    expired: [
      await secret({ role: 'admin', expiresAt: past }),
      await secret({ role: 'publisher', expiresAt: past }),
    ],
    revoked: [`Bearer ${await f.revoked('admin')}`, `Bearer ${await f.revoked('publisher')}`],
    operator: [await secret({ role: 'operator' })],
    admin: [await secret({ role: 'admin' })],
    publisher: [await secret({ role: 'publisher' })],
    officer: [await secret({ role: 'officer', scope: 'a-edu' })],
    committee: [await secret({ role: 'residents_committee', scope: committees.a })],
    'other committee': [await secret({ role: 'residents_committee', scope: committees.otherA })],
    reader: [await secret({ role: 'conditional_reader', grants: ['cond-a'] })],
    'admin B': [await secret({ role: 'admin', org: ORG_B.id })],
    'publisher B': [await secret({ role: 'publisher', org: ORG_B.id })],
    'officer B': [await secret({ role: 'officer', org: ORG_B.id, scope: 'b-edu' })],
    'committee B': [
      await secret({ role: 'residents_committee', org: ORG_B.id, scope: committees.b }),
    ],
    'reader B': [await secret({ role: 'conditional_reader', org: ORG_B.id, grants: ['pub-b'] })],
  }
}

let cellNo = 0

/** The path with its placeholders filled, on fresh resources for writes. */
async function fill(f: AccessFixture, row: Row): Promise<string> {
  const n = ++cellNo
  const write = row.method !== 'GET'
  let path = row.path.replace('{committee}', f.committees.a)
  for (const openness of ['public', 'conditional', 'closed'] as const) {
    const key = `{${openness}}`
    if (!path.includes(key)) continue
    const shared = { public: 'pub-a', conditional: 'cond-a', closed: 'closed-a' }[openness]
    let id = shared
    if (write) {
      id = `m${n}-${openness}`
      await f.dataset(id, openness === 'public' ? 'unconditional' : openness)
    }
    path = path.replace(key, id)
  }
  if (path.includes('{record}')) path = path.replace('{record}', await f.record(f.committees.a))
  if (path.includes('{request}'))
    path = path.replace('{request}', write ? await f.request() : f.shared.request)
  if (path.includes('{application}')) path = path.replace('{application}', await application(f))
  if (path.includes('{message}'))
    path = path.replace('{message}', write ? await f.message() : f.shared.message)
  if (path.includes('{consultation}'))
    path = path.replace('{consultation}', write ? await f.consultation() : f.shared.consultation)
  if (path.includes('{token}'))
    path = path.replace('{token}', (await f.token({ role: 'publisher' })).id)
  return path
}

/** An application for the conditional dataset of A, as anyone files it (no token). */
const APPLICATION = {
  applicant: { name: '王五', org: '某研究所', contact: 'wangwu@example.org' },
  purpose: '研究',
  scenario: '统计分析',
  securityMeasures: '内网存放',
}

/** A fresh pending application (its id), filed over the socket like any applicant's. */
async function application(f: AccessFixture): Promise<string> {
  const res = await fetch(`${f.url}/api/v1/datasets/cond-a/access-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(APPLICATION),
  })
  if (res.status !== 201) throw new Error(`filing an application answered ${res.status}`)
  return ((await res.json()) as { id: string }).id
}

/** The body each request of the table sends: valid, so a permitted caller succeeds. */
function body(row: Row, n: number): unknown {
  const key = `${row.method} ${row.path} ${row.note}`.trim()
  if (key === 'POST /api/v1/tokens publisher of A') return { org: ORG_A.id, role: 'publisher' }
  if (key === 'POST /api/v1/tokens operator of A') return { org: ORG_A.id, role: 'operator' }
  if (key === 'POST /api/v1/committees for A')
    return { name: `矩阵居委会${n}`, id: `rc-matrix-${n}`, org: ORG_A.id }
  if (key === 'POST /api/v1/datasets for A')
    return {
      descriptor: descriptorOf(`new-${n}`, 'unconditional'),
      schema: SCHEMA,
      csv: CSV,
    }
  if (key === 'POST /api/v1/requests for an organ of A')
    return {
      organ: 'a-edu',
      channel: 'online',
      applicant: { id: `p-${n}`, type: 'natural_person', name: '张三', contact: '13800000000' },
      subject: '学区划分',
      received: '2024-03-01',
    }
  if (key === 'POST /api/v1/messages for an organ of A')
    return { organ: 'a-edu', channel: 'website', received: '2024-03-01', sender: '赵六' }
  if (key === 'POST /api/v1/consultations for an organ of A')
    return {
      organ: 'a-edu',
      title: '《学区划分办法（征求意见稿）》',
      opened: '2024-03-01',
      closes: '2024-03-31',
    }
  if (row.method !== 'POST') return undefined
  if (row.path === '/api/v1/messages/{message}/events')
    return { type: 'answered', date: '2024-03-05', text: '已答复。', publish: false }
  if (row.path === '/api/v1/consultations/{consultation}/events')
    return { type: 'opinions_received', date: '2024-03-05', channel: 'website', count: 2 }
  if (row.path.endsWith('/events'))
    return { type: 'extended', date: '2024-03-05', approver: '王主任' }
  if (row.path.endsWith('/access-requests')) return APPLICATION
  if (row.path.endsWith('/decision')) return { approve: { expiresAt: '2999-12-31' } }
  if (row.path.endsWith('/versions')) return { csv: CSV }
  if (row.path.endsWith('/records')) return statement()
  if (row.path.endsWith('/corrections')) return { data: statement(), reason: '金额更正' }
  if (row.path.endsWith('/withdrawal')) return { reason: '数据有误' }
  throw new Error(`no request body known for "${key}"`)
}

describe('the README role table, cell by cell over a real socket', () => {
  let f: AccessFixture
  let who: Principals

  beforeAll(async () => {
    f = await accessFixture()
    await f.dataset('pub-a', 'unconditional')
    await f.dataset('cond-a', 'conditional')
    await f.dataset('closed-a', 'closed')
    await f.dataset('pub-b', 'unconditional', ORG_B)
    who = await principals(f)
  }, 60_000)
  afterAll(() => f?.close())

  it('has a column for every principal the issue names and a row for every write route', () => {
    expect(table.columns).toEqual(Object.keys(who))
    const writes = new Set(
      f.deps.routes.docs
        // CKAN's POST actions are reads in another envelope (no role involved).
        .filter((d) => d.method !== 'get' && !/^\/api\/(3\/)?action\//.test(d.path))
        .map((d) => `${d.method.toUpperCase()} ${d.path}`)
    )
    const covered = new Set(
      table.rows.map(
        (r) =>
          `${r.method} ${r.path
            .replace(/\{committee\}/, ':id')
            .replace(/\{(public|conditional|closed)\}/, ':id')
            .replace('{record}', ':recordId')
            .replace('{token}', ':id')
            .replace('{request}', ':id')
            .replace('{application}', ':id')
            .replace('{message}', ':id')
            .replace('{consultation}', ':id')
            .replace('/entries/finance.working_funds', '/entries/:entryId')
            .replace('/versions/1/', '/versions/:version/')}`
      )
    )
    for (const w of writes) expect(covered, `README role table lacks ${w}`).toContain(w)
  })

  for (const row of table.rows) {
    it(`${row.action}: ${row.method} ${row.path} ${row.note}`.trim(), async () => {
      const got: Record<string, number[]> = {}
      const want: Record<string, number[]> = {}
      for (const column of table.columns) {
        const headers = who[column]
        if (!headers) throw new Error(`no principal for column "${column}"`)
        for (const authorization of headers) {
          const path = await fill(f, row)
          const payload = body(row, cellNo)
          const h: Record<string, string> = {}
          if (authorization) h.authorization = authorization
          if (payload !== undefined) h['content-type'] = 'application/json'
          const res = await fetch(`${f.url}${path}`, {
            method: row.method,
            headers: h,
            body: payload === undefined ? undefined : JSON.stringify(payload),
          })
          await res.arrayBuffer()
          got[column] = [...(got[column] ?? []), res.status]
          want[column] = [...(want[column] ?? []), row.expected[column] ?? 0]
        }
      }
      expect(got).toEqual(want)
    })
  }
})
