// Child process of gateway.bench.ts: serves either the gateway on the cached store or a bare Hono
// route returning a constant, and prints its URL. A separate process keeps autocannon's work off
// the server's event loop. Mode `baseline` serves another build of the gateway (the `dist/index.js`
// named by GATEWAY_BENCH_BASELINE), to compare with an earlier commit in the same run.
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as gateway from '@gongkai/gateway'
import { openSqliteStore } from '@gongkai/store'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const [mode = 'bare', dataDir = ''] = process.argv.slice(2)

let fetchHandler: (req: Request, env?: unknown) => Response | Promise<Response>
if (mode === 'bare') {
  const app = new Hono()
  const body = JSON.stringify({ ok: true, catalogue: 'compulsory_education' })
  app.get('/*', (c) => c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' }))
  fetchHandler = app.fetch
} else {
  const store = openSqliteStore(join(dataDir, 'store.db'))
  const baseline = process.env.GATEWAY_BENCH_BASELINE
  const { createApp } = (
    mode === 'baseline' && baseline ? await import(pathToFileURL(resolve(baseline)).href) : gateway
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
serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`READY http://127.0.0.1:${info.port}\n`)
})
// Exit on SIGTERM through process.exit, so --cpu-prof profiles are written when profiling.
process.on('SIGTERM', () => process.exit(0))
