import type { Catalogue } from '@gongkai/schema'
import { catalogueGroup, TemplateBadge } from './catalogue-pages.js'
import { Empty, Layout } from './layout.js'

/** `/`: search box and the fields as a grid. */
export function HomePage(props: { catalogues: Catalogue[]; documents: number; datasets: number }) {
  const standard = props.catalogues.filter((c) => c.kind === 'standard')
  const others = props.catalogues.filter((c) => c.kind !== 'standard' && !c.template)
  const templates = props.catalogues.filter((c) => c.kind !== 'standard' && c.template)
  return (
    <Layout
      title="政务公开标准目录与开放数据"
      section="home"
      description="按领域查阅政务公开标准目录，从目录事项一键查阅已公开的政策文件、公示公告和开放数据；政府信息公开指南、年报和依申请公开。"
    >
      <p class="lead">
        按领域查阅政务公开标准目录，从目录事项一键查阅已公开的政策文件、公示公告和开放数据。
      </p>
      <form method="get" action="/search" class="filters" aria-label="搜索目录、文件和数据">
        <div class="field">
          <label for="home-q">搜索目录事项、政府文件和开放数据</label>
          <input
            id="home-q"
            name="q"
            type="search"
            size={28}
            placeholder="例如：低保、工作经费、预算"
          />
        </div>
        <button type="submit">搜索</button>
      </form>
      <h2>按领域查阅</h2>
      {standard.length === 0 ? (
        <Empty>标准目录暂未加载，暂无数据。</Empty>
      ) : (
        <ul class="grid">
          {standard.map((c) => (
            <li>
              <a href={`/catalogues/${encodeURIComponent(c.id)}`}>{catalogueGroup(c)}</a>
              <div class="muted">{`${c.entries.length} 个公开事项`}</div>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 ? (
        <>
          <h2>居务公开与公共企事业单位</h2>
          <ul class="grid">
            {others.map((c) => (
              <li>
                <a href={`/catalogues/${encodeURIComponent(c.id)}`}>{c.title}</a>
                <div class="muted">{`${catalogueGroup(c)}，${c.entries.length} 个事项`}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {templates.length > 0 ? (
        <>
          <h2>目录模板</h2>
          <ul class="grid">
            {templates.map((c) => (
              <li>
                <a href={`/catalogues/${encodeURIComponent(c.id)}`}>{c.title}</a> <TemplateBadge />
                <div class="muted">{`${catalogueGroup(c)}，${c.entries.length} 个事项`}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>更多</h2>
      <ul>
        <li>
          <a href="/xxgk">政府信息公开</a>（指南、制度、法定主动公开内容、年报、依申请公开）
        </li>
        <li>
          <a href="/zmhd">政民互动</a>（留言答复）、<a href="/yjzj">意见征集</a>
          （正在征求意见的文件草案和采纳情况）
        </li>
        <li>
          <a href="/documents">政府文件库</a>
          {`（${props.documents} 份文件）`}
        </li>
        <li>
          <a href="/datasets">开放数据</a>
          {`（${props.datasets} 个数据集）`}
        </li>
        <li>
          <a href="/reports">公开情况报告（覆盖率与及时率）</a>
        </li>
        <li>
          <a href="/committees">居务公开（居委会登录与公示）</a>
        </li>
      </ul>
    </Layout>
  )
}
