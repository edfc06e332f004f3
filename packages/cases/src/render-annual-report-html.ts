import type { AnnualReport } from './annual-report-types.js'
import { assertAnnualReport } from './check-annual-report.js'
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, OUTCOME_GROUPS } from './vocabulary.js'

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
  )

// Prose is plain text: blank lines separate paragraphs, nothing else is interpreted.
const prose = (text: string | undefined, empty: string): string => {
  const paras = (text ?? '')
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
  return paras.length
    ? paras.map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`).join('\n')
    : `<p class="empty">${empty}</p>`
}

const STYLE = `
body { font-family: "SimSun", "Songti SC", serif; max-width: 210mm; margin: 0 auto; padding: 12mm; color: #000; line-height: 1.6 }
h1 { font-size: 1.5em; text-align: center; font-weight: bold }
h2 { font-size: 1.15em; margin-top: 1.5em }
table { border-collapse: collapse; width: 100%; margin: .5em 0; font-size: .9em; page-break-inside: avoid }
th, td { border: 1px solid #000; padding: .25em .4em; text-align: center; vertical-align: middle }
td.label, th.label { text-align: left }
td.num { text-align: right; font-variant-numeric: tabular-nums }
p.empty { color: #555 }
@media print { body { padding: 0 } a { color: #000; text-decoration: none } }
`

function table2Html(r: AnnualReport): string {
  const t = r.table2
  // A grid of 4 columns: the label, then 3 values; one-value blocks span the 3 value columns.
  const block = (article: string, heads: string[], rows: [string, number[]][]) => {
    const span = heads.length === 1 ? ' colspan="3"' : ''
    const head = heads.map((h) => `<th scope="col"${span}>${h}</th>`).join('')
    const body = rows
      .map(([label, values]) => {
        const tds = values.map((v) => `<td class="num"${span}>${v}</td>`).join('')
        return `<tr><th scope="row" class="label">${label}</th>${tds}</tr>`
      })
      .join('\n')
    return `<tr><th colspan="4" scope="colgroup">${article}</th></tr>
<tr><th scope="col">信息内容</th>${head}</tr>
${body}`
  }
  const docs = ['本年制发件数', '本年废止件数', '现行有效件数']
  const nd = t.normative_document
  return `<table aria-labelledby="part2">
${block('第二十条第（一）项', docs, [
  ['规章', [t.rule.formed, t.rule.repealed, t.rule.in_force]],
  ['行政规范性文件', [nd.formed, nd.repealed, nd.in_force]],
])}
${block('第二十条第（五）项', ['本年处理决定数量'], [['行政许可', [t.permit.decisions]]])}
${block(
  '第二十条第（六）项',
  ['本年处理决定数量'],
  [
    ['行政处罚', [t.penalty.decisions]],
    ['行政强制', [t.coercion.decisions]],
  ]
)}
${block('第二十条第（八）项', ['本年收费金额（单位：万元）'], [['行政事业性收费', [t.fee.amount_wan_yuan]]])}
</table>`
}

function table3Html(r: AnnualReport): string {
  const t = r.table3
  const cells = (row: keyof AnnualReport['table3']) =>
    [...APPLICANT_TYPES, 'total' as const].map((c) => `<td class="num">${t[row][c]}</td>`).join('')
  const lines: string[] = []
  lines.push(
    `<tr><th colspan="3" scope="row" class="label">一、本年新收政府信息公开申请数量</th>${cells('new')}</tr>`
  )
  lines.push(
    `<tr><th colspan="3" scope="row" class="label">二、上年结转政府信息公开申请数量</th>${cells('carried_in')}</tr>`
  )
  const resultRows = OUTCOME_GROUPS.reduce((s, g) => s + g.items.length, 0) + 1
  let firstResult = true
  const head = () => {
    if (!firstResult) return ''
    firstResult = false
    return `<th rowspan="${resultRows}" scope="rowgroup">三、本年度办理结果</th>`
  }
  for (const g of OUTCOME_GROUPS) {
    if (g.items.length === 1 && g.items[0]?.label === '') {
      lines.push(
        `<tr>${head()}<th colspan="2" scope="row" class="label">${g.label}</th>${cells(g.items[0].code)}</tr>`
      )
      continue
    }
    g.items.forEach((item, i) => {
      const group =
        i === 0
          ? `<th rowspan="${g.items.length}" scope="rowgroup" class="label">${g.label}</th>`
          : ''
      lines.push(
        `<tr>${head()}${group}<th scope="row" class="label">${item.label}</th>${cells(item.code)}</tr>`
      )
    })
  }
  lines.push(
    `<tr>${head()}<th colspan="2" scope="row" class="label">（七）总计</th>${cells('total')}</tr>`
  )
  lines.push(
    `<tr><th colspan="3" scope="row" class="label">四、结转下年度继续办理</th>${cells('carried_out')}</tr>`
  )
  return `<table aria-labelledby="part3">
<thead>
<tr><th rowspan="3" colspan="3" scope="col">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="7" scope="colgroup">申请人情况</th></tr>
<tr><th rowspan="2" scope="col">${APPLICANT_TYPE_LABELS.natural_person}</th><th colspan="5" scope="colgroup">法人或其他组织</th><th rowspan="2" scope="col">总计</th></tr>
<tr>${APPLICANT_TYPES.slice(1)
    .map((c) => `<th scope="col">${APPLICANT_TYPE_LABELS[c]}</th>`)
    .join('')}</tr>
</thead>
<tbody>
${lines.join('\n')}
</tbody>
</table>`
}

function table4Html(r: AnnualReport): string {
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
  const cols = ['upheld', 'corrected', 'other', 'pending', 'total'] as const
  const t = r.table4
  const nums = [
    ...cols.map((c) => t.review[c]),
    ...cols.map((c) => t.litigation_direct[c]),
    ...cols.map((c) => t.litigation_after_review[c]),
  ]
  return `<table aria-labelledby="part4">
<thead>
<tr><th colspan="5" scope="colgroup">行政复议</th><th colspan="10" scope="colgroup">行政诉讼</th></tr>
<tr>${results.map((h) => `<th rowspan="2" scope="col">${h}</th>`).join('')}<th colspan="5" scope="colgroup">未经复议直接起诉</th><th colspan="5" scope="colgroup">复议后起诉</th></tr>
<tr>${[...results, ...results].map((h) => `<th scope="col">${h}</th>`).join('')}</tr>
</thead>
<tbody>
<tr>${nums.map((n) => `<td class="num">${n}</td>`).join('')}</tr>
</tbody>
</table>`
}

/**
 * The report as a printable HTML page in the national layout (国办公开办函〔2021〕30号) with its
 * Chinese labels: six parts, tables 二–四 with the printed row and column heads, part 六 stating the
 * 信息处理费. Checked with {@link assertAnnualReport} first.
 */
export function renderAnnualReportHtml(report: AnnualReport): string {
  assertAnnualReport(report)
  const name = report.organ.name ?? report.organ.id
  const title = `${name}${report.year}年政府信息公开工作年度报告`
  const fee =
    report.fees.count === 0
      ? '本年度未收取信息处理费。'
      : `本年度共收取信息处理费${report.fees.totalYuan}元（${report.fees.count}笔）。`
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<h2>一、总体情况</h2>
${prose(report.text.overview, '（待填写）')}
<h2 id="part2">二、主动公开政府信息情况</h2>
${table2Html(report)}
<h2 id="part3">三、收到和处理政府信息公开申请情况</h2>
${table3Html(report)}
<h2 id="part4">四、政府信息公开行政复议、行政诉讼情况</h2>
${table4Html(report)}
<h2>五、存在的主要问题及改进情况</h2>
${prose(report.text.problems, '（待填写）')}
<h2>六、其他需要报告的事项</h2>
<p>${fee}</p>
${report.text.other ? prose(report.text.other, '') : ''}
</main>
</body>
</html>
`
}
