import { escapeXml } from '@gongkai/text'
import type { DepartmentReport, GroupSummary, Report } from './report-types.js'

const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`)

const table = (caption: string, head: string[], rows: unknown[][]): string => {
  if (rows.length === 0) return `<p>${escapeXml(caption)}：无</p>`
  const th = head.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join('')
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeXml(c)}</th>` : `<td>${escapeXml(c)}</td>`)).join('')}</tr>`
    )
    .join('\n')
  return `<table>\n<caption>${escapeXml(caption)}</caption>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`
}

const summaryRow = (label: string, s: GroupSummary): unknown[] => [
  label,
  s.entries,
  s.covered,
  pct(s.coverage),
  s.counted,
  s.late,
  pct(s.onTimeRate),
  s.freshEntries,
  s.dead,
  s.wrongTarget,
  s.dueSoon,
]
const SUMMARY_HEAD = [
  '',
  '事项数',
  '已关联',
  '覆盖率',
  '已计时条目',
  '逾期',
  '按时率',
  '更新及时事项',
  '断链',
  '错链',
  '即将到期',
]

// Two bars per department: coverage and on-time rate, 0–100 %. Colours pass WCAG contrast on white.
const chart = (departments: readonly DepartmentReport[]): string => {
  const label = 160
  const width = 320
  const row = 34
  const top = 28
  const height = top + departments.length * row + 10
  const bars = departments
    .map((d, i) => {
      const y = top + i * row
      const bar = (v: number | null, dy: number, cls: string, name: string) => {
        const w = v === null ? 0 : Math.round(v * width)
        return `<rect class="${cls}" x="${label}" y="${y + dy}" width="${w}" height="12"><title>${escapeXml(`${d.name} ${name} ${pct(v)}`)}</title></rect><text x="${label + w + 4}" y="${y + dy + 10}">${escapeXml(pct(v))}</text>`
      }
      return `<text x="${label - 6}" y="${y + 16}" text-anchor="end">${escapeXml(d.name)}</text>${bar(d.summary.coverage, 2, 'cov', '覆盖率')}${bar(d.summary.onTimeRate, 16, 'ontime', '按时率')}`
    })
    .join('\n')
  const total = label + width + 60
  return `<figure>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${total} ${height}" width="${total}" height="${height}">
<title id="chart-title">各公开主体覆盖率与按时率</title>
<desc id="chart-desc">每个公开主体两条横条：上为覆盖率，下为按时率，均为 0–100%。数据同下表。</desc>
<rect class="cov" x="${label}" y="4" width="12" height="12"/><text x="${label + 16}" y="14">覆盖率</text>
<rect class="ontime" x="${label + 80}" y="4" width="12" height="12"/><text x="${label + 96}" y="14">按时率</text>
${bars}
</svg>
<figcaption>各公开主体覆盖率与按时率</figcaption>
</figure>`
}

/**
 * The report as one standalone, accessible HTML page (`lang="zh-CN"`): summary, an inline SVG bar
 * chart of coverage and on-time rate per department, and captioned tables. No external assets;
 * every text is escaped.
 */
export function reportToHtml(report: Report, options: { title?: string } = {}): string {
  const title = options.title ?? `政务公开目录覆盖与时效报告（${report.today}）`
  const entries = report.catalogues.flatMap((c) => c.entries)
  const lateRows = entries.flatMap((e) =>
    e.lateItems.map((l) => [
      l.title,
      e.name,
      l.formedAt ?? '',
      l.publishedAt,
      l.due + (l.provisional ? '（暂定）' : ''),
      l.workingDaysLate,
      l.url,
    ])
  )
  const brokenRows = entries.flatMap((e) =>
    e.brokenLinks.map((b) => [
      b.url,
      e.name,
      b.status === 'dead' ? '断链' : b.status === 'wrong_target' ? '错链' : '暂不可达',
      b.httpStatus ?? '',
      b.reason,
      b.checkedAt,
    ])
  )
  const entryRows = report.catalogues.flatMap((c) =>
    c.entries.map((e) => [
      `${c.title} · ${e.name}`,
      e.responsibleBodies.join('、'),
      e.timeLimit.text,
      e.items,
      e.timeliness.applicable ? pct(e.timeliness.onTimeRate) : 'n/a',
      e.timeliness.late,
      e.freshness.fresh ? '是' : `否（${e.freshness.failures.join('、')}）`,
      e.links.dead,
      e.links.wrongTarget,
      e.nextDeadline ? `${e.nextDeadline.date}${e.nextDeadline.provisional ? '（暂定）' : ''}` : '',
    ])
  )
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem;color:#1a1a1a;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0 2rem;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.4rem 0}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
svg text{font-size:12px;fill:#1a1a1a}
.cov{fill:#1f5fa8}.ontime{fill:#1e7b34}
</style>
</head>
<body>
<main>
<h1>${escapeXml(title)}</h1>
<p>统计日期 ${escapeXml(report.today)}；更新及时：最新信息不超过 ${report.params.freshness.maxAgeDays} 天、不少于 ${report.params.freshness.minItems} 条、相邻间隔不超过 ${report.params.freshness.maxGapDays} 天；即将到期：${report.params.dueSoonWorkingDays} 个工作日内。</p>
<section aria-labelledby="s-summary">
<h2 id="s-summary">总体</h2>
${table('总体与各目录', SUMMARY_HEAD, [summaryRow('合计', report.summary), ...report.catalogues.map((c) => summaryRow(c.title, c.summary))])}
<p>链接检查：已检查 ${report.links.checked}，正常 ${report.links.ok}，断链 ${report.links.dead}，错链 ${report.links.wrongTarget}，暂不可达 ${report.links.unreachable}。</p>
</section>
<section aria-labelledby="s-dept">
<h2 id="s-dept">各公开主体</h2>
${report.departments.length ? chart(report.departments) : ''}
${table(
  '各公开主体覆盖率与按时率',
  SUMMARY_HEAD,
  report.departments.map((d) => summaryRow(d.name, d.summary))
)}
</section>
<section aria-labelledby="s-entries">
<h2 id="s-entries">各事项</h2>
${table('各事项情况', ['事项', '公开主体', '公开时限', '关联信息', '按时率', '逾期', '更新及时', '断链', '错链', '下一截止日'], entryRows)}
</section>
<section aria-labelledby="s-late">
<h2 id="s-late">逾期公开</h2>
${table('逾期公开的信息', ['标题', '事项', '成文日期', '发布日期', '应公开日期', '逾期工作日', '链接'], lateRows)}
</section>
<section aria-labelledby="s-links">
<h2 id="s-links">断链与错链</h2>
${table('断链、错链与暂不可达链接', ['链接', '事项', '类型', 'HTTP', '原因', '检查时间'], brokenRows)}
</section>
<section aria-labelledby="s-due">
<h2 id="s-due">即将到期</h2>
${table(
  '即将到期的事项',
  ['事项', '目录', '公开主体', '截止日', '剩余工作日'],
  report.dueSoon.map((d) => [
    d.name,
    d.catalogue,
    d.responsibleBodies.join('、'),
    d.due + (d.provisional ? '（暂定）' : ''),
    d.workingDaysLeft,
  ])
)}
</section>
${report.problems.length ? `<section aria-labelledby="s-problems"><h2 id="s-problems">数据问题</h2><ul>${report.problems.map((p) => `<li>${escapeXml(p)}</li>`).join('')}</ul></section>` : ''}
</main>
</body>
</html>
`
}
