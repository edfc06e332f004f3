// Regenerates the tables of README.md between <!-- coverage:start --> and <!-- coverage:end -->
// (entries per catalogue and its layers) and between <!-- provenance:start --> and
// <!-- provenance:end --> (where each field's rows come from). `--stdout` prints the README it
// would write (the staleness test).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { countCopies, resolveCatalogues } from '@gongkai/catalogue'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const vocab = (name) => require(`@gongkai/schemas/vocabularies/${name}.json`).items
const fields = vocab('fields')
const sectors = vocab('sectors')
const sites = JSON.parse(readFileSync(join(root, 'data/sites/government-sites.json'), 'utf8')).sites
// The level a workspace uses by default (LayerLevel in src/catalogues.ts).
const TOP_LEVEL = 'changning-2021'

const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')

function load() {
  const layers = readdirSync(join(root, 'data'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(root, 'data', f), 'utf8')))
  const resolved = resolveCatalogues(layers, { validate: false })
  if (resolved.errors.length) throw new Error(JSON.stringify(resolved.errors[0]))
  const byId = new Map(resolved.catalogues.map((c) => [c.id, c]))
  const rank = (c) => {
    const i = fields.findIndex((t) => t.code === c.field)
    return c.kind === 'standard' && i >= 0 ? i : 1000 + (c.kind === 'residents_committee' ? 0 : 1)
  }
  const bottoms = layers
    .filter((c) => !c.extends)
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))
  // A bottom catalogue's layers, bottom first (each extends the one before).
  const chainOf = (c) => {
    const chain = [c]
    for (;;) {
      const next = layers.find((l) => l.extends?.id === chain[chain.length - 1].id)
      if (!next) return chain
      chain.push(next)
    }
  }
  const topOf = (c) => {
    const id = `${c.id}.${TOP_LEVEL}`
    return byId.get(byId.has(id) ? id : c.id)
  }
  return { bottoms, chainOf, topOf }
}

const areaOf = (c) =>
  c.field
    ? `${fields.find((t) => t.code === c.field)?.label ?? c.field} \`${c.field}\``
    : c.sector
      ? `${sectors.find((t) => t.code === c.sector)?.label ?? c.sector} \`${c.sector}\``
      : c.kind === 'residents_committee'
        ? '居务公开'
        : c.kind

export function renderTable() {
  const { bottoms, chainOf } = load()
  const rows = [
    '| 领域 / 行业 | 目录 (id) | 一级事项 | 二级事项 / 条目 | 上层（操作数） | 标准指引（文号） |',
    '|---|---|---:|---:|---|---|',
  ]
  let l1Total = 0
  let entryTotal = 0
  let layerTotal = 0
  for (const c of bottoms) {
    const l1 = new Set(c.entries.map((e) => e.item.level1)).size
    const l2 = c.entries.filter((e) => e.item.level2).length
    l1Total += l1
    entryTotal += c.entries.length
    const above = chainOf(c).slice(1)
    layerTotal += 1 + above.length
    const layers = above.map((l) => `\`${l.id}\` (${l.operations?.length ?? 0})`).join(' ← ')
    const g = c.guideline
    const guideline = g ? `${g.title}${g.docNo ? `（${g.docNo}）` : ''}` : ''
    rows.push(
      `| ${cell(areaOf(c))} | ${cell(c.title)} (\`${c.id}\`)${c.template ? ' 模板' : ''} | ${l1} | ${l2} / ${c.entries.length} | ${layers} | ${cell(guideline)} |`
    )
  }
  rows.push(
    `| **${bottoms.length} 个目录，${layerTotal} 层** | | **${l1Total}** | **${entryTotal}** 条 | | |`
  )
  return rows.join('\n')
}

/** `found / stated` for one number; `—` when the document states none. */
const vs = (found, stated) => (stated === undefined ? `${found} / —` : `${found} / ${stated}`)

export function renderProvenance() {
  const { bottoms, chainOf, topOf } = load()
  const rows = [
    '| 领域 / 行业 | 全国层 | 行 | N | 两个以上政府网站副本 | 待核对 ? | 一级：已找到 / 官方 | 二级：已找到 / 官方 | 上海层 SH | 长宁层：增 / 改 / 删 | 顶层条目（N / SH / L / ?） |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ]
  const sum = { rows: 0, N: 0, two: 0, q: 0, sh: 0, add: 0, over: 0, del: 0, top: 0 }
  for (const c of bottoms) {
    const top = topOf(c)
    const layered = chainOf(c).length > 1
    const status = (entries) => {
      const n = { N: 0, SH: 0, L: 0, '?': 0 }
      for (const e of entries) n[e.source.status]++
      return n
    }
    const t = status(top.entries)
    sum.top += top.entries.length
    const topCell = `${top.entries.length}（${t.N} / ${t.SH} / ${t.L} / ${t['?']}）`
    if (!layered) {
      rows.push(`| ${cell(areaOf(c))} | — | | | | | | | | | \`${top.id}\` ${topCell} |`)
      continue
    }
    const n = status(c.entries)
    const two = c.entries.filter(
      (e) => countCopies(e.source.copies, sites).domains.length >= 2
    ).length
    const [, sh, cn] = chainOf(c)
    const shAdds = (sh?.operations ?? []).filter((o) => o.op === 'add').length
    const ops = (kind) => (cn?.operations ?? []).filter((o) => o.op === kind).length
    const level1 = new Set(c.entries.map((e) => e.item.level1)).size
    const level2 = c.entries.filter((e) => e.item.level2).length
    const stated = c.guideline?.officialTotals
    sum.rows += c.entries.length
    sum.N += n.N
    sum.two += two
    sum.q += n['?']
    sum.sh += shAdds
    sum.add += ops('add')
    sum.over += ops('override')
    sum.del += ops('remove')
    rows.push(
      `| ${cell(areaOf(c))} | \`${c.id}\` | ${c.entries.length} | ${n.N} | ${two} | ${n['?']} | ${vs(level1, stated?.level1)} | ${vs(level2, stated?.level2)} | ${shAdds} | ${ops('add')} / ${ops('override')} / ${ops('remove')} | \`${top.id}\` ${topCell} |`
    )
  }
  rows.push(
    `| **合计** | | **${sum.rows}** | **${sum.N}** | **${sum.two}** | **${sum.q}** | | | **${sum.sh}** | **${sum.add} / ${sum.over} / ${sum.del}** | **${sum.top}** |`
  )
  return rows.join('\n')
}

function replaceBetween(text, name, body) {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${name} markers`)
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`
}

export function renderReadme() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  return replaceBetween(
    replaceBetween(readme, 'coverage', renderTable()),
    'provenance',
    renderProvenance()
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderReadme()
  if (process.argv.includes('--stdout')) process.stdout.write(text)
  else writeFileSync(join(root, 'README.md'), text)
}
