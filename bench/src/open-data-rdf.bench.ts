// DCAT-AP catalogue of 10,000 datasets: our JSON-LD (build + stringify) vs JSON.stringify of the
// same prebuilt document, our Turtle vs n3's Writer on the same triples, peak RSS of each (one child
// process per contender), and proof by parsing back that all outputs are the same graph.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { size } from './smoke.js'

const DATASETS = size(10_000, 200, 'BENCH_RDF_DATASETS')
// jsonld.js needs ~30 s to turn the full 10,000-dataset JSON-LD into triples on this machine; it
// is verification only (not timed), and it proves the whole JSON-LD document, not a sample. Set
// BENCH_RDF_JSONLD_VERIFY=1000 for a quicker run that checks the first 1,000 datasets.
const JSONLD_VERIFY = size(DATASETS, DATASETS, 'BENCH_RDF_JSONLD_VERIFY')
// Each contender takes well under a second, so take the best of 5 on this shared machine.
const REPEATS = size(5, 1, 'BENCH_REPEATS')

interface OpenDataRdf {
  catalogToJsonLd(input: unknown): object
  catalogToTurtle(input: unknown): string
  buildCatalogGraph(input: unknown): unknown[]
  nodesToTurtle(nodes: unknown[]): string
}

/** The package's exports. */
async function openData(): Promise<OpenDataRdf> {
  return (await import('@gongkai/open-data')) as unknown as OpenDataRdf
}

// n3 and jsonld ship no types (declared in untyped-modules.d.ts); the bench uses a few calls of each.
interface N3Like {
  Parser: new (o?: { format?: string }) => { parse(text: string): Quad[] }
  Writer: new (o: {
    prefixes: Record<string, string>
  }) => {
    addQuads(q: Quad[]): void
    end(cb: (err: Error | null, result: string) => void): void
  }
}
const loadN3 = async (): Promise<N3Like> => (await import('n3')) as N3Like
const loadJsonLd = async (): Promise<{ toRDF(doc: unknown, o: unknown): Promise<unknown> }> =>
  ((await import('jsonld')) as { default: never }).default

const FIELDS = [
  'compulsory_education',
  'health',
  'employment',
  'social_assistance',
  'elderly_care',
  'public_culture',
]
const FREQ = ['daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular']

/** A deterministic catalogue: 2% closed datasets (which must not appear), 1 version x 2 files each. */
export function makeCatalog(count = DATASETS) {
  const datasets = []
  for (let i = 0; i < count; i++) {
    const org = i % 40
    datasets.push({
      descriptor: {
        id: `ds-${i}`,
        title: `长宁区公共数据集 ${i}：${['招生范围', '社区卫生服务', '养老机构', '公共文化场馆'][i % 4]}`,
        description: `长宁区第 ${i} 号公共数据集，按${['月', '季度', '年'][i % 3]}更新，含 "引号" 与换行\n说明。`,
        publisher: { id: `org-${org}`, name: `长宁区第 ${org} 委办局` },
        field: FIELDS[i % FIELDS.length],
        keywords: ['长宁', `主题${i % 50}`],
        license: 'https://creativecommons.org/licenses/by/4.0/',
        openness: i % 50 === 49 ? 'closed' : i % 5 === 0 ? 'conditional' : 'unconditional',
        updateFrequency: FREQ[i % FREQ.length],
        issued: '2023-01-15',
        modified: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      },
      versions: [
        {
          version: 1,
          publishedAt: '2024-03-01T08:00:00Z',
          rowCount: 100 + i,
          files: [
            { format: 'csv', bytes: 1000 + i, mediaType: 'text/csv' },
            { format: 'json', bytes: 2000 + i, mediaType: 'application/json' },
          ],
        },
      ],
    })
  }
  return {
    baseUrl: 'https://data.example.gov.cn',
    title: '长宁区公共数据开放目录',
    description: '长宁区政务公开与公共数据开放目录',
    publisher: { id: 'cn-gov', name: '长宁区人民政府' },
    modified: '2024-06-01',
    datasets,
  }
}

function best(fn: () => void, repeats = REPEATS): number {
  let ms = Number.POSITIVE_INFINITY
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now()
    fn()
    ms = Math.min(ms, performance.now() - t0)
  }
  return ms
}

interface Term {
  termType: string
  value: string
  language?: string
  datatype?: { value: string }
}
interface Quad {
  subject: Term
  predicate: Term
  object: Term
}

function nt(t: Term): string {
  if (t.termType === 'NamedNode') return `<${t.value}>`
  if (t.termType === 'BlankNode') return `_:${t.value}`
  const v = JSON.stringify(t.value)
  if (t.language) return `${v}@${t.language.toLowerCase()}`
  const dt = t.datatype?.value
  return dt && dt !== 'http://www.w3.org/2001/XMLSchema#string' && !dt.endsWith('#langString')
    ? `${v}^^<${dt}>`
    : v
}

/** Triple count and a hash of the sorted, de-duplicated N-Triples lines. */
function graphHash(quads: Quad[]): { triples: number; hash: string } {
  const lines = [
    ...new Set(quads.map((q) => `${nt(q.subject)} ${nt(q.predicate)} ${nt(q.object)} .`)),
  ].sort()
  return {
    triples: lines.length,
    hash: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16),
  }
}

const PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  gk: 'https://gongkai.dev/ns#',
}

const report = (r: Record<string, unknown>): void => {
  console.log(`RESULT ${JSON.stringify({ ...r, maxRssMb: process.resourceUsage().maxRSS / 1024 })}`)
}

async function child(name: string): Promise<void> {
  const od = await openData()
  const input = makeCatalog()
  if (name === 'jsonld-ours') {
    let bytes = 0
    const ms = best(() => {
      bytes = JSON.stringify(od.catalogToJsonLd(input)).length
    })
    report({ name: 'ours: catalogToJsonLd + JSON.stringify', ms, chars: bytes })
  } else if (name === 'jsonld-stringify') {
    const doc = od.catalogToJsonLd(input)
    let bytes = 0
    const ms = best(() => {
      bytes = JSON.stringify(doc).length
    })
    report({ name: 'JSON.stringify(prebuilt document)', ms, chars: bytes })
  } else if (name === 'turtle-ours') {
    let bytes = 0
    const ms = best(() => {
      bytes = od.catalogToTurtle(input).length
    })
    const nodes = od.buildCatalogGraph(input)
    const serialiseMs = best(() => {
      bytes = od.nodesToTurtle(nodes).length
    })
    report({ name: 'ours: catalogToTurtle (build model + write)', ms, serialiseMs, chars: bytes })
  } else if (name === 'turtle-n3') {
    const { Parser, Writer } = await loadN3()
    // The same triples, as n3 quads (obtained by parsing our Turtle; not timed).
    const quads = new Parser().parse(od.catalogToTurtle(input))
    let ms = Number.POSITIVE_INFINITY
    let bytes = 0
    for (let k = 0; k < Math.max(1, REPEATS - 1); k++) {
      const t0 = performance.now()
      const w = new Writer({ prefixes: PREFIXES })
      w.addQuads(quads)
      const out = await new Promise<string>((resolve, reject) =>
        w.end((err: Error | null, result: string) => (err ? reject(err) : resolve(result)))
      )
      ms = Math.min(ms, performance.now() - t0)
      bytes = out.length
    }
    report({ name: 'n3 Writer (same triples)', ms, chars: bytes, triples: quads.length })
  } else if (name === 'verify') {
    const { Parser, Writer } = await loadN3()
    const jsonld = await loadJsonLd()
    const ttl = od.catalogToTurtle(input)
    const fromTurtle = graphHash(new Parser().parse(ttl) as unknown as Quad[])
    const w = new Writer({ prefixes: PREFIXES })
    w.addQuads(new Parser().parse(ttl))
    const n3Out = await new Promise<string>((resolve, reject) =>
      w.end((err: Error | null, result: string) => (err ? reject(err) : resolve(result)))
    )
    const fromN3 = graphHash(new Parser().parse(n3Out) as unknown as Quad[])
    const part = makeCatalog(Math.min(JSONLD_VERIFY, DATASETS))
    const partTurtle = graphHash(new Parser().parse(od.catalogToTurtle(part)) as unknown as Quad[])
    const t0 = performance.now()
    const nquads = (await jsonld.toRDF(
      od.catalogToJsonLd(part) as never,
      {
        format: 'application/n-quads',
        safe: true,
      } as never
    )) as unknown as string
    const jsonldMs = performance.now() - t0
    const fromJsonLd = graphHash(
      new Parser({ format: 'N-Quads' }).parse(nquads) as unknown as Quad[]
    )
    const closedLeaked = ttl.includes('/datasets/ds-49>')
    report({
      name: 'verify',
      fromTurtle,
      fromN3,
      fromJsonLd,
      partTurtle,
      jsonldToRdfMs: jsonldMs,
      closedLeaked,
    })
  }
}

function runChild(name: string): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    }
  )
  const line = out.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`child ${name} printed no result:\n${out}`)
  return JSON.parse(line.slice(7)) as Record<string, unknown>
}

/** Runs each contender in its own process, prints times, ratios, peak RSS and the graph check. */
export async function run(): Promise<void> {
  const load = async () =>
    (await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')
  console.log(`load average before: ${await load()}`)
  const names = ['jsonld-ours', 'jsonld-stringify', 'turtle-ours', 'turtle-n3']
  const r = Object.fromEntries(names.map((n) => [n, runChild(n)])) as Record<
    string,
    Record<string, number | string>
  >
  const v = runChild('verify') as Record<
    string,
    { triples: number; hash: string } | number | boolean
  >
  console.log(`load average after: ${await load()}`)
  const triples = (v.fromTurtle as { triples: number }).triples
  console.log(
    `${DATASETS.toLocaleString('en')} datasets (2% closed, filtered), ${triples.toLocaleString('en')} triples\n`
  )
  console.log('| contender | time ms | output MB (chars) | peak RSS MB |')
  console.log('|---|---:|---:|---:|')
  for (const n of names) {
    const x = r[n] as Record<string, number | string>
    console.log(
      `| ${x.name} | ${(x.ms as number).toFixed(0)} | ${((x.chars as number) / 1e6).toFixed(1)} | ${(x.maxRssMb as number).toFixed(0)} |`
    )
  }
  const ms = (n: string) => (r[n] as Record<string, number>).ms as number
  const jsonRatio = ms('jsonld-ours') / ms('jsonld-stringify')
  const ttlRatio = ms('turtle-n3') / ms('turtle-ours')
  const serialiseMs = (r['turtle-ours'] as Record<string, number>).serialiseMs as number
  const ttlRatio2 = ms('turtle-n3') / serialiseMs
  console.log(
    `\nJSON-LD: ours (build + stringify) / JSON.stringify(prebuilt) = ${jsonRatio.toFixed(2)}x (target <= 2) ${jsonRatio <= 2 ? 'PASS' : 'FAIL'}`
  )
  console.log(
    `Turtle: n3 Writer time / ours end-to-end (incl. building the model) = ${ttlRatio.toFixed(2)}x (target >= 1) ${ttlRatio >= 1 ? 'PASS' : 'FAIL'}`
  )
  console.log(
    `Turtle: n3 Writer time / ours serialising the prebuilt model (${serialiseMs.toFixed(0)} ms) = ${ttlRatio2.toFixed(2)}x (like for like: n3 also starts from prebuilt triples)`
  )
  const a = v.fromTurtle as { triples: number; hash: string }
  const b = v.fromN3 as { triples: number; hash: string }
  const c = v.fromJsonLd as { triples: number; hash: string }
  const p = v.partTurtle as { triples: number; hash: string }
  const same = a.hash === b.hash && p.hash === c.hash && p.triples === c.triples
  console.log(
    `graphs (n3 parse-back; count + sorted N-Triples sha256): our Turtle ${a.triples}/${a.hash} = n3 Writer ${b.triples}/${b.hash}; first ${Math.min(JSONLD_VERIFY, DATASETS)} datasets: our Turtle ${p.triples}/${p.hash} = our JSON-LD via jsonld.toRDF ${c.triples}/${c.hash} -> ${same ? 'IDENTICAL' : 'DIFFERENT'}; closed dataset leaked: ${v.closedLeaked}`
  )
  console.log(
    `(jsonld.js toRDF of the JSON-LD took ${((v.jsonldToRdfMs as number) / 1000).toFixed(1)} s; verification only)`
  )
  if (!same) throw new Error('graphs differ')
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0 && process.argv[1] === fileURLToPath(import.meta.url)) {
  child(process.argv[childAt + 1] as string).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
