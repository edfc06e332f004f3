import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkLinks } from './check-links.js'
import type { CheckLinksOptions } from './check-options.js'
import type { LinkCheckResult } from './link-check-result.js'

const page = (title: string, body = '<p>正文内容。</p>'.repeat(80)): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`

interface TestSite {
  server: Server
  base: string
  hits: Map<string, number>
  methods: Map<string, string[]>
  maxInFlight: number
}

// In-flight requests across every test site, to check the total limit as well as the per-host one.
const all = { inFlight: 0, max: 0 }

const startSite = async (): Promise<TestSite> => {
  const site: TestSite = {
    server: createServer(),
    base: '',
    hits: new Map(),
    methods: new Map(),
    maxInFlight: 0,
  }
  let inFlight = 0
  const handle = (req: IncomingMessage, res: ServerResponse): unknown => {
    const path = (req.url ?? '/').split('?')[0] as string
    const n = (site.hits.get(path) ?? 0) + 1
    site.hits.set(path, n)
    site.methods.set(path, [...(site.methods.get(path) ?? []), req.method ?? ''])
    inFlight++
    all.inFlight++
    site.maxInFlight = Math.max(site.maxInFlight, inFlight)
    all.max = Math.max(all.max, all.inFlight)
    res.on('close', () => {
      inFlight--
      all.inFlight--
    })
    const html = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    const redirect = (to: string, status = 302): void => {
      res.writeHead(status, { location: to })
      res.end()
    }
    if (path === '/' || path === '/index.html') return html(200, page('长宁区人民政府'))
    if (path === '/ok.html')
      return html(200, page('关于印发《2021年长宁区政务公开工作要点》的通知'))
    if (path === '/gbk.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=gbk' })
      // "页面不存在" in GBK bytes, so a soft 404 is only visible when decoded correctly.
      const gbk = Buffer.from([0xd2, 0xb3, 0xc3, 0xe6, 0xb2, 0xbb, 0xb4, 0xe6, 0xd4, 0xda])
      return res.end(
        req.method === 'HEAD'
          ? undefined
          : Buffer.concat([
              Buffer.from('<html><head><title>'),
              gbk,
              Buffer.from('</title></head></html>'),
            ])
      )
    }
    if (path === '/missing.html') return html(404, page('404'))
    if (path === '/gone.html') return html(410, page('Gone'))
    if (path === '/error.html') return html(500, page('Server error'))
    if (path === '/flaky.html') {
      return n === 1 ? html(503, page('busy')) : html(200, page('恢复的页面'))
    }
    if (path === '/rate.html') {
      return n === 1
        ? html(429, page('slow down'), { 'retry-after': '1' })
        : html(200, page('限流后页面'))
    }
    if (path === '/rate-long.html') return html(429, page('slow down'), { 'retry-after': '3600' })
    if (path === '/slow.html') {
      const t = setTimeout(() => html(200, page('slow')), 1000)
      res.on('close', () => clearTimeout(t))
      return
    }
    if (path === '/soft404.html') {
      return html(
        200,
        '<html><head><title>提示</title></head><body>您访问的页面不存在或已被删除！</body></html>'
      )
    }
    if (path === '/old-doc.html') return redirect('/')
    if (path === '/chain-a.html') return redirect('/chain-b.html', 301)
    if (path === '/chain-b.html') return redirect(`${site.base}/chain-c.html`, 307)
    if (path === '/chain-c.html') return html(200, page('链接终点'))
    if (path === '/loop-a.html') return redirect('/loop-b.html')
    if (path === '/loop-b.html') return redirect('/loop-a.html')
    if (path === '/no-head.html') {
      if (req.method === 'HEAD') return html(405, '')
      return html(200, page('不支持HEAD的页面'))
    }
    if (path === '/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' })
      return res.end(req.method === 'HEAD' ? undefined : '%PDF-1.4')
    }
    if (path.startsWith('/busy/')) {
      const t = setTimeout(() => html(200, page(`busy ${path}`)), 40)
      res.on('close', () => clearTimeout(t))
      return
    }
    html(404, page('404 Not Found'))
  }
  site.server.on('request', handle)
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve))
  site.base = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`
  return site
}

const stop = (s: Server): Promise<void> =>
  new Promise((resolve) => {
    s.closeAllConnections()
    s.close(() => resolve())
  })

const fast: CheckLinksOptions = { retryDelayMs: 5, timeoutMs: 2000, concurrency: 8, perHost: 8 }

const run = async (
  urls: string[],
  options: CheckLinksOptions = fast
): Promise<Map<string, LinkCheckResult>> => {
  const out = new Map<string, LinkCheckResult>()
  for await (const r of checkLinks(urls, options)) out.set(r.url, r)
  return out
}

describe('checkLinks against a local site', () => {
  let site: TestSite
  let other: TestSite
  beforeAll(async () => {
    site = await startSite()
    other = await startSite()
  })
  afterAll(async () => {
    await stop(site.server)
    await stop(other.server)
  })

  it('classifies ok pages, 404, 410 and a 500 that stays broken after retries', async () => {
    const u = (p: string) => `${site.base}${p}`
    const r = await run([
      u('/ok.html'),
      u('/missing.html'),
      u('/gone.html'),
      u('/error.html'),
      u('/report.pdf'),
    ])
    expect(r.get(u('/ok.html'))).toMatchObject({ status: 'ok', httpStatus: 200, redirects: [] })
    expect(r.get(u('/ok.html'))?.title).toContain('政务公开工作要点')
    expect(r.get(u('/missing.html'))).toMatchObject({
      status: 'dead',
      httpStatus: 404,
      reason: 'HTTP 404',
    })
    expect(r.get(u('/gone.html'))).toMatchObject({ status: 'dead', httpStatus: 410 })
    expect(r.get(u('/error.html'))).toMatchObject({ status: 'dead', httpStatus: 500 })
    expect(r.get(u('/error.html'))?.reason).toBe('HTTP 500 after 3 attempts')
    expect(site.hits.get('/error.html')).toBe(3)
    // A PDF is not read, so it cannot be a soft 404.
    expect(r.get(u('/report.pdf'))).toMatchObject({ status: 'ok', httpStatus: 200 })
    for (const x of r.values()) {
      expect(Number.isNaN(Date.parse(x.checkedAt))).toBe(false)
      expect(x.elapsedMs).toBeGreaterThanOrEqual(0)
    }
  })

  it('retries a 503 until it succeeds and honours Retry-After on 429', async () => {
    const flaky = `${site.base}/flaky.html`
    const rate = `${site.base}/rate.html`
    const t0 = Date.now()
    const r = await run([flaky, rate])
    expect(r.get(flaky)).toMatchObject({ status: 'ok', httpStatus: 200 })
    expect(r.get(rate)).toMatchObject({ status: 'ok', httpStatus: 200 })
    // Retry-After: 1 means at least a second's wait, far more than our 5 ms backoff.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950)
  })

  it('gives up at once on a Retry-After beyond the cap: unreachable, not dead', async () => {
    const url = `${site.base}/rate-long.html`
    const r = await run([url], { ...fast, maxRetryAfterMs: 5000 })
    expect(r.get(url)).toMatchObject({ status: 'unreachable', httpStatus: 429 })
    expect(r.get(url)?.reason).toContain('Retry-After 3600 s')
  })

  it('times out a slow page: dead after retries, unreachable after a single attempt', async () => {
    const url = `${site.base}/slow.html`
    const retried = await run([url], { ...fast, timeoutMs: 200, retries: 1 })
    expect(retried.get(url)).toMatchObject({ status: 'dead' })
    expect(retried.get(url)?.reason).toBe('timeout (200 ms) after 2 attempts')
    const once = await run([url], { ...fast, timeoutMs: 200, retries: 0 })
    expect(once.get(url)?.status).toBe('unreachable')
  })

  it('finds a soft 404 answering 200, also in a GBK page', async () => {
    const soft = `${site.base}/soft404.html`
    const gbk = `${site.base}/gbk.html`
    const r = await run([soft, gbk])
    expect(r.get(soft)).toMatchObject({ status: 'wrong_target', httpStatus: 200 })
    expect(r.get(soft)?.reason).toContain('soft 404')
    expect(r.get(gbk)).toMatchObject({ status: 'wrong_target', title: '页面不存在' })
  })

  it('flags a deep link redirected to the home page and records redirect chains', async () => {
    const old = `${site.base}/old-doc.html`
    const chain = `${site.base}/chain-a.html`
    const r = await run([old, chain])
    expect(r.get(old)).toMatchObject({
      status: 'wrong_target',
      redirects: [`${site.base}/`],
      finalUrl: `${site.base}/`,
    })
    expect(r.get(chain)).toMatchObject({
      status: 'ok',
      redirects: [`${site.base}/chain-b.html`, `${site.base}/chain-c.html`],
      finalUrl: `${site.base}/chain-c.html`,
    })
  })

  it('reports a redirect loop and an over-long chain as dead', async () => {
    const loop = `${site.base}/loop-a.html`
    const r = await run([loop])
    expect(r.get(loop)?.status).toBe('dead')
    expect(r.get(loop)?.reason).toMatch(/^redirect loop: .*loop-a.*loop-b.*loop-a/)
    const chain = `${site.base}/chain-a.html`
    const short = await run([chain], { ...fast, maxRedirects: 1 })
    expect(short.get(chain)).toMatchObject({ status: 'dead', reason: 'more than 1 redirects' })
  })

  it('falls back from HEAD to GET on 405', async () => {
    const url = `${site.base}/no-head.html`
    site.methods.delete('/no-head.html')
    const r = await run([url], { ...fast, softNotFound: false })
    expect(r.get(url)).toMatchObject({ status: 'ok', httpStatus: 200 })
    expect(site.methods.get('/no-head.html')).toEqual(['HEAD', 'GET'])
  })

  it('asks HEAD only when it does not need the page, one GET when it does', async () => {
    site.methods.delete('/ok.html')
    await run([`${site.base}/ok.html`], { ...fast, softNotFound: false })
    expect(site.methods.get('/ok.html')).toEqual(['HEAD'])
    site.methods.delete('/ok.html')
    await run([`${site.base}/ok.html`])
    expect(site.methods.get('/ok.html')).toEqual(['GET'])
    site.methods.delete('/ok.html')
    await run([`${site.base}/ok.html`], { ...fast, method: 'head-first' })
    expect(site.methods.get('/ok.html')).toEqual(['HEAD', 'GET'])
  })

  it('reports a page whose title does not match the expected content title', async () => {
    const ok = `${site.base}/ok.html`
    const expectedTitles = new Map([[ok, '关于印发《2021年长宁区政务公开工作要点》的通知']])
    const good = await run([ok], { ...fast, expectedTitles })
    expect(good.get(ok)?.status).toBe('ok')
    const wrong = await run([ok], {
      ...fast,
      expectedTitles: new Map([[ok, '区财政局2020年部门决算']]),
    })
    expect(wrong.get(ok)?.status).toBe('wrong_target')
    expect(wrong.get(ok)?.reason).toMatch(
      /does not match "区财政局2020年部门决算" \(similarity 0\.\d\d\)/
    )
  })

  it('classifies refused connections and bad URLs as dead', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const refused = `http://127.0.0.1:${port}/x.html`
    const r = await run([refused, 'not a url', 'ftp://example.org/a'], { ...fast, retries: 1 })
    expect(r.get(refused)).toMatchObject({
      status: 'dead',
      reason: 'connection refused after 2 attempts',
    })
    expect(r.get('not a url')).toMatchObject({ status: 'dead', reason: 'not an absolute URL' })
    expect(r.get('ftp://example.org/a')?.status).toBe('dead')
  })

  it('never exceeds the per-host or total limit, and checks every URL once', async () => {
    site.maxInFlight = 0
    other.maxInFlight = 0
    all.max = 0
    const urls: string[] = []
    for (let i = 0; i < 24; i++) {
      urls.push(`${site.base}/busy/${i}`, `${other.base}/busy/${i}`)
    }
    let seen = 0
    const results = await run(urls, {
      ...fast,
      method: 'get',
      concurrency: 3,
      perHost: 2,
      onResult: () => {
        seen++
      },
    })
    expect(results.size).toBe(48)
    expect(seen).toBe(48)
    expect([...results.values()].every((r) => r.status === 'ok')).toBe(true)
    expect(site.maxInFlight).toBe(2)
    expect(other.maxInFlight).toBe(2)
    expect(all.max).toBe(3)
  })

  it('reads its input lazily from an async iterable', async () => {
    let pulled = 0
    async function* source() {
      for (let i = 0; i < 200; i++) {
        pulled++
        yield `${site.base}/ok.html?i=${i}`
      }
    }
    const it = checkLinks(source(), { ...fast, concurrency: 2, perHost: 2 })
    const first = await it.next()
    expect(first.done).toBe(false)
    // Only the window (in flight + bounded wait list) has been read, not all 200.
    expect(pulled).toBeLessThan(100)
    await it.return(undefined)
  })
})
