// Child process of gateway.bench.ts: serves one contender on a free loopback port and prints its
// URL. A separate process keeps the load generator's work off the server's event loop.
// - `gateway`: the gateway on the cached store;
// - `bare`: a bare Hono route returning a constant (the ceiling for a JSON answer);
// - `file`: node:http streaming the dataset's published CSV with fs.createReadStream (the ceiling
//   for a download of the same bytes);
// - `baseline`: another build of the gateway (the `dist/index.js` named by GATEWAY_BENCH_BASELINE),
//   to compare with an earlier commit in the same run;
// - `inline`: the gateway with `query.workers: 0`, heavy queries on the request thread (the
//   reference of heavy.bench.ts).
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as gateway from '@gongkai/gateway'
import { openDatastore } from '@gongkai/open-data'
import { openSqliteStore } from '@gongkai/store'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const [mode = 'bare', dataDir = ''] = process.argv.slice(2)
const ready = (port: number) => process.stdout.write(`READY http://127.0.0.1:${port}\n`)

if (mode === 'file') {
  const store = openSqliteStore(join(dataDir, 'store.db'))
  const ds = await openDatastore(store, { filesDir: join(dataDir, 'files') })
  const version = (await ds.versions('big')).find((v) => v.current)?.version
  if (version === undefined) throw new Error('no current version of "big" in the cached store')
  const path = ds.filePath('big', version, 'csv')
  const bytes = statSync(path).size
  await store.close()
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': bytes })
    createReadStream(path).pipe(res)
  })
  server.listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port))
} else {
  let fetchHandler: (req: Request, env?: unknown) => Response | Promise<Response>
  if (mode === 'bare') {
    const app = new Hono()
    const body = JSON.stringify({ ok: true, catalogue: 'compulsory_education' })
    app.get('/*', (c) => c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' }))
    fetchHandler = app.fetch
  } else {
    const store = openSqliteStore(
      join(dataDir, 'store.db'),
      mode === 'inline' ? { queryWorkers: 0 } : {}
    )
    const baseline = process.env.GATEWAY_BENCH_BASELINE
    const { createApp } = (
      mode === 'baseline' && baseline
        ? await import(pathToFileURL(resolve(baseline)).href)
        : gateway
    ) as typeof gateway
    const app = await createApp(store, {
      baseUrl: 'http://127.0.0.1',
      organisation: { id: 'bench-district', name: '基准区人民政府' },
      filesDir: join(dataDir, 'files'),
      // Rate limiting stays on (as in production) with a limit the benchmark never reaches.
      rateLimit: { windowMs: 60_000, max: 1e12, writeMax: 1e12 },
    })
    fetchHandler = app.fetch
  }
  serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info) => ready(info.port))
}
// Exit on SIGTERM through process.exit, so --cpu-prof profiles are written when profiling.
process.on('SIGTERM', () => process.exit(0))
