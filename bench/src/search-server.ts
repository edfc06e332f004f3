// Child process of search.bench.ts: serves one contender on a free loopback port, prints its URL
// and how long the start took (the search index loaded from the store into memory).
// - `gateway`: the gateway on the workspace store; the bench calls GET /api/v1/search;
// - `fts`: the reference, SQLite FTS5 with the trigram tokenizer over the same documents' titles
//   (substring match, no synonyms, ranked by bm25), answering GET /ref?q= with the first 20.
import { join } from 'node:path'
import { createApp } from '@gongkai/gateway'
import { openSqliteStore } from '@gongkai/store'
import { serve } from '@hono/node-server'
import Database from 'better-sqlite3'
import { Hono } from 'hono'

const [mode = 'gateway', dir = ''] = process.argv.slice(2)
const storePath = join(dir, '.gongkai', 'store.db')
const t0 = performance.now()
let fetchHandler: (req: Request) => Response | Promise<Response>

if (mode === 'fts') {
  const db = new Database(':memory:')
  db.exec("CREATE VIRTUAL TABLE docs USING fts5(url UNINDEXED, title, tokenize = 'trigram')")
  const source = new Database(storePath, { readonly: true })
  const insert = db.prepare('INSERT INTO docs (url, title) VALUES (?, ?)')
  db.transaction(() => {
    for (const row of source.prepare('SELECT url, title FROM content_items').iterate())
      insert.run((row as { url: string }).url, (row as { title: string }).title)
  })()
  source.close()
  // Trigram MATCH needs 3 characters; shorter queries fall back to LIKE (a scan), as FTS5 allows.
  const match = db.prepare(
    'SELECT url, title FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 20'
  )
  const countMatch = db.prepare('SELECT count(*) AS n FROM docs WHERE docs MATCH ?')
  const like = db.prepare('SELECT url, title FROM docs WHERE title LIKE ? LIMIT 20')
  const countLike = db.prepare('SELECT count(*) AS n FROM docs WHERE title LIKE ?')
  const app = new Hono()
  app.get('/ref', (c) => {
    const q = (c.req.query('q') ?? '').trim()
    const long = [...q].length >= 3
    const phrase = `"${q.replace(/"/g, '""')}"`
    const items = long ? match.all(phrase) : like.all(`%${q}%`)
    const total = (long ? countMatch.get(phrase) : countLike.get(`%${q}%`)) as { n: number }
    return c.json({ items, total: total.n })
  })
  fetchHandler = app.fetch
} else {
  const store = openSqliteStore(storePath)
  const app = await createApp(store, {
    baseUrl: 'http://127.0.0.1',
    organisation: { id: 'demo-district', name: '示例区人民政府' },
    filesDir: join(dir, '.gongkai', 'files'),
    rateLimit: false,
  })
  // The first search loads the index; do it before taking requests, as a warm replica would be.
  await app.request('/api/v1/search?q=%E4%BD%8E%E4%BF%9D')
  // CPU time the process used so far (µs): the bench's figure that a loaded machine does not
  // inflate as much as wall time.
  fetchHandler = (req) =>
    new URL(req.url).pathname === '/cpu' ? Response.json(process.cpuUsage()) : app.fetch(req)
}
const startMs = performance.now() - t0
// The bench ends its children with SIGTERM: exit normally, so a --cpu-prof profile is written.
process.on('SIGTERM', () => process.exit(0))
serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info) =>
  process.stdout.write(`READY http://127.0.0.1:${info.port} ${startMs.toFixed(0)}\n`)
)
