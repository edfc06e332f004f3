// Regenerates the coverage table of README.md between <!-- coverage:start --> and
// <!-- coverage:end -->. `--stdout` prints the README it would write (the staleness test).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const vocab = (name) => require(`@gongkai/schemas/vocabularies/${name}.json`).items
const fields = vocab('fields')
const sectors = vocab('sectors')
const START = '<!-- coverage:start -->'
const END = '<!-- coverage:end -->'

const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')

export function renderTable() {
  const catalogues = readdirSync(join(root, 'data'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(root, 'data', f), 'utf8')))
  const rank = (c) => {
    const i = fields.findIndex((t) => t.code === c.field)
    return c.kind === 'standard' && i >= 0 ? i : 1000 + (c.kind === 'residents_committee' ? 0 : 1)
  }
  catalogues.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))
  const rows = [
    '| 领域 / 行业 | 目录 (id) | 一级事项 | 二级事项 / 条目 | 标准指引（文号） |',
    '|---|---|---:|---:|---|',
  ]
  let l1Total = 0
  let entryTotal = 0
  for (const c of catalogues) {
    const l1 = new Set(c.entries.map((e) => e.item.level1)).size
    const l2 = c.entries.filter((e) => e.item.level2).length
    l1Total += l1
    entryTotal += c.entries.length
    const area = c.field
      ? `${fields.find((t) => t.code === c.field)?.label ?? c.field} \`${c.field}\``
      : c.sector
        ? `${sectors.find((t) => t.code === c.sector)?.label ?? c.sector} \`${c.sector}\``
        : c.kind === 'residents_committee'
          ? '居务公开'
          : c.kind
    const g = c.guideline
    const guideline = g ? `${g.title}${g.docNo ? `（${g.docNo}）` : ''}` : ''
    rows.push(
      `| ${cell(area)} | ${cell(c.title)} (\`${c.id}\`)${c.template ? ' 模板' : ''} | ${l1} | ${l2} / ${c.entries.length} | ${cell(guideline)} |`
    )
  }
  rows.push(`| **${catalogues.length} 个目录** | | **${l1Total}** | **${entryTotal}** 条 | |`)
  return rows.join('\n')
}

export function renderReadme() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const a = readme.indexOf(START)
  const b = readme.indexOf(END)
  if (a < 0 || b < a) throw new Error('README.md lacks the coverage markers')
  return `${readme.slice(0, a + START.length)}\n${renderTable()}\n${readme.slice(b)}`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderReadme()
  if (process.argv.includes('--stdout')) process.stdout.write(text)
  else writeFileSync(join(root, 'README.md'), text)
}
