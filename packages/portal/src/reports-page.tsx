import { percent } from './labels.js'
import { Empty, Layout, TableRegion } from './layout.js'
import type { DepartmentFigures, ReportFigures } from './portal-source.js'

// Every bar colour reaches at least 3:1 against white and the #f3f2f1 track (WCAG 1.4.11), and each
// bar has its label and its value printed as text above it, so colour never carries meaning alone.
const COLOURS = {
  coverage: '#0b4f9c',
  onTime: '#00703c',
  late: '#9b1c1c',
  broken: '#5a2d82',
} as const

/** Late items of a department: every item that could be judged and was not on time. */
const lateItems = (d: DepartmentFigures): number => Math.max(0, d.due - d.onTime)

/** The largest late or broken-link count over all departments (at least 1): the shared count scale. */
function countScale(rows: readonly DepartmentFigures[]): number {
  return Math.max(1, ...rows.map((d) => Math.max(lateItems(d), d.brokenLinks)))
}

/** What the chart of one department says, as a sentence for its `aria-label`. */
function chartLabel(d: DepartmentFigures): string {
  const coverage = `覆盖率 ${percent(d.covered, d.entries)}，${d.entries} 项事项中 ${d.covered} 项已关联内容`
  const onTime =
    d.due > 0
      ? `及时率 ${percent(d.onTime, d.due)}，${d.due} 条可判断时效的内容中 ${d.onTime} 条按时公开`
      : '及时率：暂无可判断时效的内容'
  return `${coverage}；${onTime}；逾期 ${lateItems(d)} 条；断链或错链 ${d.brokenLinks} 个`
}

interface Bar {
  label: string
  /** Share of the bar area, 0..1. */
  share: number
  value: string
  colour: string
  /** Percentage bars show a track for the full 100 %; count bars do not. */
  track: boolean
}

/**
 * One department's small chart as inline SVG: coverage and on-time rate on a 0–100 % scale, late
 * items and broken links on `countMax`, shared by every department so the charts compare.
 * `role="img"` with the figures in `aria-label`: the text drawn inside is for sighted readers.
 */
function DepartmentChart(props: { figures: DepartmentFigures; countMax: number }) {
  const d = props.figures
  const share = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : 0)
  const late = lateItems(d)
  const bars: Bar[] = [
    {
      label: '覆盖率',
      share: share(d.covered, d.entries),
      value: `${percent(d.covered, d.entries)} (${d.covered}/${d.entries})`,
      colour: COLOURS.coverage,
      track: true,
    },
    {
      label: '及时率',
      share: share(d.onTime, d.due),
      value: d.due > 0 ? `${percent(d.onTime, d.due)} (${d.onTime}/${d.due})` : '无可判断内容',
      colour: COLOURS.onTime,
      track: true,
    },
    {
      label: '逾期',
      share: share(late, props.countMax),
      value: `${late} 条`,
      colour: COLOURS.late,
      track: false,
    },
    {
      label: '断链/错链',
      share: share(d.brokenLinks, props.countMax),
      value: `${d.brokenLinks} 个`,
      colour: COLOURS.broken,
      track: false,
    },
  ]
  // Label and value share a line above each bar, so the text stays near body size even when the
  // chart shrinks to a 320 px screen (a side-by-side layout would scale it below 12 px).
  const width = 280
  const rowH = 50
  const height = bars.length * rowH
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={chartLabel(d)}
      focusable="false"
    >
      {bars.map((b, i) => {
        const y = i * rowH
        return (
          <g>
            <text x={0} y={y + 17} font-size="16" fill="#1b1b1b">
              {b.label}
            </text>
            <text x={width} y={y + 17} font-size="16" fill="#1b1b1b" text-anchor="end">
              {b.value}
            </text>
            {b.track && (
              <rect
                x={0.5}
                y={y + 24.5}
                width={width - 1}
                height={15}
                fill="#f3f2f1"
                stroke="#505a5f"
                stroke-width="1"
              />
            )}
            {b.share > 0 && (
              <rect
                x={0}
                y={y + 24}
                width={Math.max(2, Math.round(b.share * width * 10) / 10)}
                height={16}
                fill={b.colour}
              />
            )}
          </g>
        )
      })}
    </svg>
  )
}

/** `/reports`: coverage and timeliness per department, one small chart each plus a data table. */
export function ReportsPage(props: { report?: ReportFigures }) {
  const r = props.report
  const countMax = r ? countScale(r.departments) : 1
  return (
    <Layout
      title="公开情况报告"
      section="reports"
      crumbs={[{ label: '首页', href: '/' }, { label: '公开情况报告' }]}
    >
      <p class="lead">
        按公开主体统计标准目录事项的覆盖率（已有关联内容的事项占比）和及时率（按时公开的内容占比）。
      </p>
      {!r || r.departments.length === 0 ? (
        <Empty>尚未关联内容，暂无数据。</Empty>
      ) : (
        <>
          <p class="muted">{`统计时间：${r.generatedAt.slice(0, 16).replace('T', ' ')}`}</p>
          <h2>各公开主体图表</h2>
          <p>
            {`每个公开主体一幅小图。覆盖率与及时率按 0–100% 绘制；逾期条数与断链/错链个数在各图中使用同一比例（最大 ${countMax}），可相互比较。图中数据与下方数据表相同。`}
          </p>
          <div class="chart-grid">
            {r.departments.map((d) => (
              <figure class="dept-chart">
                <figcaption>{d.department}</figcaption>
                <DepartmentChart figures={d} countMax={countMax} />
              </figure>
            ))}
          </div>
          <h2 id="report-caption">数据表</h2>
          <TableRegion labelledBy="report-caption">
            <table class="report-table">
              <thead>
                <tr>
                  <th scope="col">公开主体</th>
                  <th scope="col">事项数</th>
                  <th scope="col">已覆盖</th>
                  <th scope="col">覆盖率</th>
                  <th scope="col">可判断时效的内容</th>
                  <th scope="col">按时</th>
                  <th scope="col">逾期</th>
                  <th scope="col">及时率</th>
                  <th scope="col">断链/错链</th>
                </tr>
              </thead>
              <tbody>
                {r.departments.map((d) => (
                  <tr>
                    <th scope="row">{d.department}</th>
                    <td>{d.entries}</td>
                    <td>{d.covered}</td>
                    <td>{percent(d.covered, d.entries)}</td>
                    <td>{d.due}</td>
                    <td>{d.onTime}</td>
                    <td>{lateItems(d)}</td>
                    <td>{percent(d.onTime, d.due)}</td>
                    <td>{d.brokenLinks}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </Layout>
  )
}
