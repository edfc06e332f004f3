import { percent } from './labels'
import { Empty, Layout, TableRegion } from './layout'
import type { DepartmentFigures, ReportFigures } from './portal-source'

/**
 * A horizontal bar chart (two bars per department: coverage and on-time rate) as inline SVG.
 * It is decorative for screen readers (aria-hidden): the same figures are in the table below it.
 */
export function BarChart(props: { rows: DepartmentFigures[] }) {
  const labelW = 150
  const barW = 300
  const rowH = 44
  const height = props.rows.length * rowH + 30
  const width = labelW + barW + 70
  const rate = (a: number, b: number) => (b > 0 ? a / b : 0)
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      aria-hidden="true"
      focusable="false"
    >
      <rect x={labelW} y={4} width={12} height={12} fill="#0b4f9c" />
      <text x={labelW + 16} y={15} font-size="13" fill="#1b1b1b">
        覆盖率
      </text>
      <rect x={labelW + 80} y={4} width={12} height={12} fill="#00703c" />
      <text x={labelW + 96} y={15} font-size="13" fill="#1b1b1b">
        及时率
      </text>
      {props.rows.map((r, i) => {
        const y = 30 + i * rowH
        const cov = rate(r.covered, r.entries)
        const time = rate(r.onTime, r.due)
        const name = r.department.length > 10 ? `${r.department.slice(0, 10)}…` : r.department
        return (
          <g>
            <text x={0} y={y + 20} font-size="13" fill="#1b1b1b">
              {name}
            </text>
            <rect x={labelW} y={y} width={Math.max(1, cov * barW)} height={16} fill="#0b4f9c" />
            <text x={labelW + cov * barW + 6} y={y + 13} font-size="12" fill="#1b1b1b">
              {percent(r.covered, r.entries)}
            </text>
            <rect
              x={labelW}
              y={y + 19}
              width={Math.max(1, time * barW)}
              height={16}
              fill="#00703c"
            />
            <text x={labelW + time * barW + 6} y={y + 32} font-size="12" fill="#1b1b1b">
              {percent(r.onTime, r.due)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/** `/reports`: coverage and timeliness per department, as a chart and a data table. */
export function ReportsPage(props: { report?: ReportFigures }) {
  const r = props.report
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
          <h2>图表</h2>
          <figure>
            <BarChart rows={r.departments} />
            <figcaption>各公开主体的覆盖率与及时率（图中数据与下表相同）。</figcaption>
          </figure>
          <h2 id="report-caption">数据表</h2>
          <TableRegion labelledBy="report-caption">
            <table>
              <thead>
                <tr>
                  <th scope="col">公开主体</th>
                  <th scope="col">事项数</th>
                  <th scope="col">已覆盖</th>
                  <th scope="col">覆盖率</th>
                  <th scope="col">可判断时效的内容</th>
                  <th scope="col">按时</th>
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
