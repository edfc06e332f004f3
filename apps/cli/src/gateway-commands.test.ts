import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli" first`)

function gongkai(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const servers: ChildProcess[] = []

/** Starts `gongkai serve` and resolves with its URL once it prints it (or with the exit code). */
function serve(
  args: string[],
  cwd: string
): Promise<{ url?: string; code?: number | null; stderr: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { cwd })
  servers.push(child)
  let stdout = ''
  let stderr = ''
  return new Promise((resolve) => {
    child.stdout?.on('data', (d) => {
      stdout += d
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]
      if (url) resolve({ url, stderr, child })
    })
    child.stderr?.on('data', (d) => {
      stderr += d
    })
    child.on('exit', (code) => resolve({ code, stderr, child }))
  })
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.on('exit', (code) => resolve(code))
  })

/** Every file under `dir`, relative, with `/` separators. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
}

let ws = ''
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-gw-'))
  const init = gongkai(['init', 'ws', '--json'], dir)
  expect(init.code).toBe(0)
  ws = join(dir, 'ws')
  // init published the samples, the conditional one among them; add a closed one.
  expect(JSON.parse(init.stdout).datasets.published.length).toBe(4)
  writeFileSync(join(ws, 'secret.csv'), '编号,内容\n1,内部名单甲\n2,内部名单乙\n')
  const closed = gongkai(
    [
      'dataset',
      'add',
      'secret.csv',
      '--id',
      'internal-list',
      '--title',
      '内部名单',
      '--openness',
      'closed',
    ],
    ws
  )
  expect(closed.code).toBe(0)
}, 60_000)

afterAll(() => {
  for (const s of servers) if (s.exitCode === null) s.kill('SIGTERM')
})

describe('gongkai export', () => {
  it('writes downloads, the DCAT catalogue and the JSON API pages, never closed or conditional data', async () => {
    const out = join(ws, '..', 'site')
    const r = gongkai(
      ['export', '--out', out, '--base-url', 'https://data.example.gov.cn', '--json'],
      ws
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.stdout)
    const files = tree(out)
    expect(summary.files).toBe(files.length)
    expect(summary.bytes).toBeGreaterThan(0)

    // catalog.ttl parses and holds the public datasets, not the closed one.
    const n3 = (await import('n3')) as {
      Parser: new () => { parse(text: string): { subject: { value: string } }[] }
    }
    const ttl = readFileSync(join(out, 'catalog.ttl'), 'utf8')
    const subjects = new Set(new n3.Parser().parse(ttl).map((q) => q.subject.value))
    expect(subjects.has('https://data.example.gov.cn/datasets/compulsory-schools')).toBe(true)
    expect(subjects.has('https://data.example.gov.cn/datasets/market-inspection-results')).toBe(
      true
    )
    expect(JSON.parse(readFileSync(join(out, 'catalog.jsonld'), 'utf8'))).toBeTypeOf('object')

    // Nothing anywhere names the closed dataset.
    for (const f of files) {
      expect(f).not.toContain('internal-list')
      expect(readFileSync(join(out, f), 'utf8')).not.toContain('internal-list')
    }
    // Public downloads are there; the conditional dataset's rows are not.
    expect(files).toContain('datasets/compulsory-schools/versions/1/data.csv')
    expect(files).toContain('datasets/compulsory-schools.csv')
    // The current version's files are written once: the aliases are links to them, not copies.
    for (const [alias, file] of [
      ['compulsory-schools.csv', 'data.csv'],
      ['compulsory-schools.excel.csv', 'data-excel.csv'],
      ['compulsory-schools.json', 'data.json'],
    ]) {
      const a = statSync(join(out, 'datasets', alias as string))
      const v = statSync(join(out, 'datasets/compulsory-schools/versions/1', file as string))
      expect(a.ino, alias).toBe(v.ino)
    }
    expect(summary.bytes).toBeLessThan(summary.apparentBytes)
    const pkg = JSON.parse(
      readFileSync(join(out, 'datasets/compulsory-schools/datapackage.json'), 'utf8')
    )
    expect(pkg.resources[0].path).toBe(
      'https://data.example.gov.cn/datasets/compulsory-schools/versions/1/data.csv'
    )
    const csvw = JSON.parse(
      readFileSync(join(out, 'datasets/compulsory-schools.csv-metadata.json'), 'utf8')
    )
    expect(csvw.url).toBe('https://data.example.gov.cn/datasets/compulsory-schools.csv')
    const conditional = files.filter((f) => f.includes('market-inspection-results'))
    expect(conditional.sort()).toEqual([
      'api/v1/datasets/market-inspection-results.json',
      'datasets/market-inspection-results.jsonld',
      'datasets/market-inspection-results.ttl',
    ])

    // JSON API pages, the entry one with its bound content as the gateway serves it.
    const list = JSON.parse(readFileSync(join(out, 'api/v1/catalogues.json'), 'utf8'))
    expect(list.total).toBe(list.items.length)
    expect(list.next).toBeNull()
    const entry = JSON.parse(
      readFileSync(
        join(out, 'api/v1/catalogues/compulsory_education/entries/enrolment.enrolment_policy.json'),
        'utf8'
      )
    )
    expect(entry.catalogue.id).toBe('compulsory_education')
    expect(entry.entry.id).toBe('enrolment.enrolment_policy')
    expect(entry.content.length).toBeGreaterThan(0)
    expect(entry.content[0].binding.method).toBeTypeOf('string')
    const entryPages = files.filter((f) => /^api\/v1\/catalogues\/[^/]+\/entries\//.test(f))
    expect(entryPages.length).toBe(
      list.items.reduce((n: number, c: { entryCount: number }) => n + c.entryCount, 0)
    )
    const datasets = JSON.parse(readFileSync(join(out, 'api/v1/datasets.json'), 'utf8'))
    expect(datasets.items.map((d: { id: string }) => d.id).sort()).toEqual([
      'compulsory-schools',
      'elderly-care-institutions',
      'market-inspection-results',
      'minimum-living-allowance-stats',
    ])
    expect(datasets.items[0].links.self).toMatch(/^https:\/\/data\.example\.gov\.cn\/api\/v1\//)
    expect(existsSync(join(out, 'api/v1/datasets/compulsory-schools.json'))).toBe(true)
  }, 60_000)

  it('needs --out', () => {
    expect(gongkai(['export'], ws).code).toBe(2)
  })
})

describe('gongkai token + serve', () => {
  it('a created token works against a running server until it is revoked', async () => {
    const created = gongkai(
      ['token', 'create', '--org', 'demo-district', '--role', 'admin', '--json'],
      ws
    )
    expect(created.code).toBe(0)
    const { token, id } = JSON.parse(created.stdout)
    expect(Object.keys(JSON.parse(created.stdout)).sort()).toEqual(['id', 'token'])
    expect(token).toMatch(/^gk_/)

    const listed = gongkai(['token', 'list', '--json'], ws)
    expect(listed.stdout).toContain(id)
    expect(listed.stdout).not.toContain(token)

    const s = await serve(['--port', '0'], ws)
    expect(s.url).toBeDefined()
    const auth = { authorization: `Bearer ${token}` }
    expect((await fetch(`${s.url}/api/v1/tokens`)).status).toBe(401)
    const ok = await fetch(`${s.url}/api/v1/tokens`, { headers: auth })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { items: { id: string }[] }).items.map((t) => t.id)).toContain(id)
    // The workspace's datasets are served, with links on the address it listens on.
    const ds = (await (await fetch(`${s.url}/api/v1/datasets`)).json()) as {
      items: { links: { self: string } }[]
    }
    expect(ds.items[0]?.links.self.startsWith(s.url as string)).toBe(true)

    // A second server on the same port is refused with a clear message.
    const port = new URL(s.url as string).port
    const busy = await serve(['--port', port], ws)
    expect(busy.code).toBe(1)
    expect(busy.stderr).toContain('already in use')

    expect(gongkai(['token', 'revoke', id], ws).code).toBe(0)
    expect((await fetch(`${s.url}/api/v1/tokens`, { headers: auth })).status).toBe(401)
    expect(gongkai(['token', 'revoke', id], ws).code).toBe(1)

    s.child.kill('SIGTERM')
    expect(await exited(s.child)).toBe(0)
  }, 60_000)

  it('refuses wrong token calls with exit 2', () => {
    expect(gongkai(['token', 'create', '--org', 'demo-district', '--role', 'king'], ws).code).toBe(
      2
    )
    expect(gongkai(['token', 'create', '--role', 'admin'], ws).code).toBe(2)
    const args = ['token', 'create', '--org', 'demo-district']
    expect(gongkai([...args, '--role', 'residents_committee'], ws).code).toBe(2)
    expect(gongkai([...args, '--role', 'conditional_reader'], ws).code).toBe(2)
    expect(gongkai([...args, '--role', 'admin', '--expires', '2001-01-01'], ws).code).toBe(2)
    const reader = gongkai(
      [
        ...args,
        '--role',
        'conditional_reader',
        '--grant',
        'market-inspection-results',
        '--expires',
        '30d',
        '--json',
      ],
      ws
    )
    expect(reader.code).toBe(0)
    const info = (
      JSON.parse(gongkai(['token', 'list', '--json'], ws).stdout) as {
        id: string
        grants: string[]
        expiresAt: string
      }[]
    ).find((t) => t.id === JSON.parse(reader.stdout).id)
    expect(info?.grants).toEqual(['market-inspection-results'])
    const days = (Date.parse(info?.expiresAt ?? '') - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29)
    expect(days).toBeLessThan(31)
  })
})

describe('gongkai org + operator tokens + serve flags', () => {
  it('registers organisations; an operator issues tokens of any, an admin of its own only', async () => {
    const list = JSON.parse(gongkai(['org', 'list', '--json'], ws).stdout) as { id: string }[]
    expect(list[0]?.id).toBe('demo-district')
    expect(gongkai(['org', 'add', 'xuhui', '--name', '徐汇区人民政府'], ws).code).toBe(0)
    const again = gongkai(['org', 'add', 'xuhui', '--name', '徐汇区'], ws)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already registered')
    expect(gongkai(['org', 'add', 'Bad Id', '--name', 'x'], ws).code).toBe(2)
    expect(gongkai(['org', 'add', 'jingan'], ws).code).toBe(2)
    const unknown = gongkai(['token', 'create', '--org', 'nowhere', '--role', 'admin'], ws)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('gongkai org add nowhere')

    const operator = JSON.parse(
      gongkai(['token', 'create', '--role', 'operator', '--json'], ws).stdout
    ).token as string
    const admin = JSON.parse(
      gongkai(['token', 'create', '--org', 'demo-district', '--role', 'admin', '--json'], ws).stdout
    ).token as string
    const s = await serve(['--port', '0'], ws)
    const issue = (token: string, body: unknown) =>
      fetch(`${s.url}/api/v1/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await issue(operator, { org: 'xuhui', role: 'admin' })).status).toBe(201)
    expect((await issue(admin, { org: 'xuhui', role: 'admin' })).status).toBe(404)
    expect((await issue(admin, { org: 'demo-district', role: 'operator' })).status).toBe(403)
    s.child.kill('SIGTERM')
    expect(await exited(s.child)).toBe(0)
  }, 60_000)

  it('takes --rate-limit <max>/<writeMax> and --trust-proxy', async () => {
    expect((await serve(['--port', '0', '--rate-limit', '600'], ws)).code).toBe(2)
    expect((await serve(['--port', '0', '--rate-limit', '0/1'], ws)).code).toBe(2)
    const s = await serve(['--port', '0', '--rate-limit', '3/2', '--trust-proxy'], ws)
    // Behind the proxy, each client address (the last hop) has its own bucket.
    const from = (ip: string) =>
      fetch(`${s.url}/healthz`, { headers: { 'x-forwarded-for': `198.51.100.1, ${ip}` } })
    const a = []
    for (let i = 0; i < 4; i++) a.push((await from('203.0.113.1')).status)
    expect(a).toEqual([200, 200, 200, 429])
    expect((await from('203.0.113.2')).status).toBe(200)
    s.child.kill('SIGTERM')
    expect(await exited(s.child)).toBe(0)
  }, 60_000)
})

describe('gongkai serve request log', () => {
  it('writes one JSON line per request on stderr, none with --quiet', async () => {
    for (const quiet of [false, true]) {
      const child = spawn(
        process.execPath,
        [bin, 'serve', '--port', '0', ...(quiet ? ['--quiet'] : [])],
        { cwd: ws }
      )
      servers.push(child)
      let out = ''
      let err = ''
      child.stderr?.on('data', (d) => {
        err += d
      })
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout?.on('data', (d) => {
          out += d
          const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)
          if (m?.[1]) resolve(m[1])
        })
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)))
      })
      const r = await fetch(`${url}/api/v1/datasets?q=${encodeURIComponent('张三')}`, {
        headers: { 'accept-encoding': 'identity' },
      })
      const body = await r.arrayBuffer()
      child.kill('SIGTERM')
      expect(await exited(child)).toBe(0)
      const lines = err.split('\n').filter((l) => l.startsWith('{'))
      if (quiet) expect(lines).toEqual([])
      else {
        expect(lines.map((l) => JSON.parse(l))).toContainEqual(
          expect.objectContaining({
            method: 'GET',
            route: '/api/v1/datasets',
            status: r.status,
            bytes: body.byteLength,
          })
        )
        expect(err).not.toContain('张三')
        expect(err).not.toContain(encodeURIComponent('张三'))
      }
    }
  }, 60_000)
})

describe('gongkai backup and restore', () => {
  it('round-trips a workspace: the restored one serves the same downloads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bk-'))
    const out = join(dir, 'backup')
    const r = gongkai(['backup', '--out', out, '--json'], ws)
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).counts.datasets).toBe(5)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({ format: 'gongkai-backup', version: 1 })
    expect(manifest.files[0]).toMatchObject({
      path: 'store.db',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(
      manifest.files.some((f: { path: string }) => /^files\/[^/]+\/\d+\/data\.csv$/.test(f.path))
    ).toBe(true)
    // A backup folder is not overwritten without --force; a usage error without --out.
    expect(gongkai(['backup', '--out', out], ws).code).toBe(1)
    expect(gongkai(['backup'], ws).code).toBe(2)

    const target = join(dir, 'restored')
    const restored = gongkai(['restore', '--from', out, '--workspace', target], dir)
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stdout).toContain('5 datasets')
    // A non-empty workspace is refused without --force.
    const again = gongkai(['restore', '--from', out, '--workspace', target], dir)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('--force')
    expect(gongkai(['restore', '--from', out, '--workspace', target, '--force'], dir).code).toBe(0)

    const original = await serve(['--port', '0'], ws)
    const copy = await serve(['--port', '0'], target)
    if (!original.url || !copy.url)
      throw new Error(`serve failed: ${original.stderr}${copy.stderr}`)
    const listed = async (url: string) =>
      ((await (await fetch(`${url}/api/v1/datasets`)).json()) as { items: { id: string }[] }).items
    const list = { items: await listed(copy.url) }
    expect(list.items.length).toBeGreaterThan(0)
    // Links differ (each server names its own address); ids, versions and dates do not.
    const strip = (items: { id: string }[]) =>
      items.map((d) => JSON.stringify(d).replaceAll(/http:\/\/127\.0\.0\.1:\d+/g, ''))
    expect(strip(list.items)).toEqual(strip(await listed(original.url)))
    for (const { id } of list.items) {
      const a = await fetch(`${original.url}/datasets/${id}.csv`)
      const b = await fetch(`${copy.url}/datasets/${id}.csv`)
      expect(b.status, id).toBe(a.status)
      expect(await b.text()).toBe(await a.text())
    }
    original.child.kill('SIGTERM')
    copy.child.kill('SIGTERM')
    await Promise.all([exited(original.child), exited(copy.child)])
  }, 120_000)

  it('refuses a corrupt or tampered backup, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bk-'))
    const out = join(dir, 'backup')
    expect(gongkai(['backup', '--out', out], ws).code).toBe(0)
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    const csv = manifest.files.find((f: { path: string }) => f.path.endsWith('/data.csv')).path
    const file = join(out, ...csv.split('/'))
    writeFileSync(file, `${readFileSync(file, 'utf8')}9,tampered\n`)
    const r = gongkai(['restore', '--from', out, '--workspace', join(dir, 'a')], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(csv.split('/').pop())
    expect(r.stderr).toMatch(/bytes|SHA-256/)
    expect(existsSync(join(dir, 'a'))).toBe(false)
    // An extra file, a path escaping the folder, a wrong version: each refused with its place.
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, version: 2 }))
    const v = gongkai(['restore', '--from', out, '--workspace', join(dir, 'b')], dir)
    expect(v.stderr).toContain('manifest.json#/version')
    const escaping = {
      ...manifest,
      files: [...manifest.files, { path: '../x', bytes: 1, sha256: 'a' }],
    }
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(escaping))
    const e = gongkai(['restore', '--from', out, '--workspace', join(dir, 'c')], dir)
    expect(e.code).toBe(1)
    expect(e.stderr).toMatch(/manifest\.json#\/files\/\d+\/path/)
  })
})
