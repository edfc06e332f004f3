import type { Catalogue } from '@gongkai/schema'
import { catalogueGroup } from './catalogue-pages.js'
import { FeeRules } from './fee-rules.js'
import { Empty, Layout, TableRegion } from './layout.js'
import { Markdown } from './markdown.js'
import type { OrganContact, SiteIdentity, XxgkTexts } from './site.js'

// The fixed 政府信息公开 column of a government portal: 指南, 制度, 法定主动公开内容, 年报 and the
// 依申请公开 entry point. Texts a workspace configures (config `xxgk`) come first; where one is
// absent the page is generated from the workspace's data. Facts: 《中华人民共和国政府信息公开条例》
// (国务院令第711号, domain.md §8.1), 国办函〔2020〕109号 (§15.2), 国办公开办函〔2021〕30号 (§15.1).

const XXGK = { label: '政府信息公开', href: '/xxgk' }
const crumbs = (label: string) => [{ label: '首页', href: '/' }, XXGK, { label }]

/** The column's pages, in the order a government portal lists them. */
const XXGK_PAGES = [
  {
    path: '/xxgk/guide',
    title: '政府信息公开指南',
    about: '公开的内容、方式和时限，如何申请，受理机关的地址、时间和电话，收费标准。',
  },
  {
    path: '/xxgk/rules',
    title: '政府信息公开制度',
    about: '本机关政府信息公开工作依据的法规、规定和各领域标准指引。',
  },
  {
    path: '/xxgk/proactive',
    title: '法定主动公开内容',
    about: '按领域标准目录主动公开的事项，每个事项可一键查阅已公开的内容。',
  },
  {
    path: '/xxgk/annual-reports',
    title: '政府信息公开年报',
    about: '各机关每年的政府信息公开工作年度报告（国家统一格式）。',
  },
  {
    path: '/xxgk/apply',
    title: '依申请公开',
    about: '向行政机关申请获取主动公开以外的政府信息：渠道、内容、期限和费用。',
  },
  {
    path: '/zmhd',
    title: '政民互动',
    about: '网站留言、12345热线和信箱来信的公开答复（问题和答复，不公开留言人）。',
  },
  {
    path: '/yjzj',
    title: '意见征集',
    about: '正在征求公众意见的文件草案和提出意见的方式，已印发文件的意见采纳情况。',
  },
] as const

/** `/xxgk`: the column's index. */
export function XxgkIndexPage(props: { site: SiteIdentity }) {
  const owner = props.site.organ?.name ?? props.site.governmentName
  return (
    <Layout
      title="政府信息公开"
      section="xxgk"
      description={`${owner ?? ''}政府信息公开专栏：政府信息公开指南、制度、法定主动公开内容、年度报告和依申请公开。`}
      crumbs={[{ label: '首页', href: '/' }, { label: '政府信息公开' }]}
    >
      <p class="lead">
        {`${owner ? `${owner}的` : ''}政府信息公开专栏，依据《中华人民共和国政府信息公开条例》设置。`}
      </p>
      <ul class="cards">
        {XXGK_PAGES.map((p) => (
          <li>
            <a href={p.path}>{p.title}</a>
            <div class="muted">{p.about}</div>
          </li>
        ))}
      </ul>
    </Layout>
  )
}

/** The catalogues a site works on and shows the public: top layers, templates left out. */
export function cataloguesInForce(all: readonly Catalogue[], top: ReadonlySet<string>) {
  return all.filter((c) => top.has(c.id) && !c.template)
}

function CataloguesInForce(props: { catalogues: readonly Catalogue[]; id: string }) {
  if (props.catalogues.length === 0) return <Empty>暂无现行的公开目录。</Empty>
  return (
    <TableRegion labelledBy={props.id}>
      <table>
        <caption id={props.id}>{`现行公开目录（${props.catalogues.length} 个）`}</caption>
        <thead>
          <tr>
            <th scope="col">目录</th>
            <th scope="col">领域 / 类型</th>
            <th scope="col">事项数</th>
            <th scope="col">版本</th>
          </tr>
        </thead>
        <tbody>
          {props.catalogues.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/catalogues/${encodeURIComponent(c.id)}`}>{c.title}</a>
              </th>
              <td>{catalogueGroup(c)}</td>
              <td>{c.entries.length}</td>
              <td>{c.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  )
}

/** The organs that receive requests, with what the public needs to reach them. */
function OrganContacts(props: { organs: readonly OrganContact[]; id: string }) {
  if (props.organs.length === 0) return <Empty>受理机关的联系方式尚未公布。</Empty>
  return (
    <TableRegion labelledBy={props.id}>
      <table>
        <caption id={props.id}>受理机关及联系方式</caption>
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">地址</th>
            <th scope="col">受理时间</th>
            <th scope="col">电话</th>
            <th scope="col">电子邮箱</th>
          </tr>
        </thead>
        <tbody>
          {props.organs.map((o) => (
            <tr>
              <th scope="row">{o.name}</th>
              <td>{o.address ?? '未公布'}</td>
              <td>{o.officeHours ?? '未公布'}</td>
              <td>{o.phone ?? '未公布'}</td>
              <td>{o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : '未公布'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  )
}

/** Props of {@link GuidePage}. */
export interface GuidePageProps {
  site: SiteIdentity
  texts: XxgkTexts
  /** Organs that receive requests (the site's organ first). */
  organs: readonly OrganContact[]
  catalogues: readonly Catalogue[]
}

/** `/xxgk/guide`: 政府信息公开指南, generated from the workspace where the config has no text. */
export function GuidePage(props: GuidePageProps) {
  const owner = props.site.organ?.name ?? props.site.governmentName ?? '本机关'
  return (
    <Layout
      title="政府信息公开指南"
      section="xxgk"
      description={`${owner}政府信息公开指南：主动公开的内容、方式和时限，依申请公开的受理机关、地址、时间、电话、申请方式、答复期限和信息处理费标准。`}
      crumbs={crumbs('政府信息公开指南')}
    >
      {props.texts.guide ? (
        <Markdown text={props.texts.guide} />
      ) : (
        <p class="lead">
          {`为便于公民、法人和其他组织获取${owner}的政府信息，根据《中华人民共和国政府信息公开条例》（国务院令第711号），编制本指南。`}
        </p>
      )}
      <h2 id="proactive">一、主动公开</h2>
      <p>
        主动公开的政府信息，自该信息形成或者变更之日起20个工作日内予以公开；法律、法规对期限另有规定的，从其规定（条例第二十六条）。本网站按下列现行公开目录逐项公开，每个事项可“一键查阅”已公开的内容；也可在
        <a href="/documents">政府文件库</a>检索，在<a href="/datasets">开放数据</a>下载数据。
      </p>
      <CataloguesInForce catalogues={props.catalogues} id="guide-catalogues" />
      <h2 id="apply">二、依申请公开</h2>
      <p>
        除主动公开的政府信息外，公民、法人或者其他组织可以向行政机关申请获取相关政府信息（条例第二十七条）。申请可在线提交，也可当面、信函或传真提交。详见
        <a href="/xxgk/apply">依申请公开</a>。
      </p>
      <OrganContacts organs={props.organs} id="guide-organs" />
      <h3>答复期限</h3>
      <p>
        能够当场答复的，当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日。征求第三方或者其他机关意见所需时间不计算在内（条例第三十三条）。
      </p>
      <h3>信息处理费</h3>
      <FeeRules id="guide-fees" />
      <h2 id="remedy">三、监督和救济</h2>
      <p>
        公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。
      </p>
    </Layout>
  )
}

/** `/xxgk/rules`: 政府信息公开制度, the configured text or the rules the site follows. */
export function RulesPage(props: {
  site: SiteIdentity
  texts: XxgkTexts
  catalogues: readonly Catalogue[]
}) {
  const guidelines = new Map<string, string>()
  for (const c of props.catalogues)
    if (c.guideline)
      guidelines.set(
        `${c.guideline.title}${c.guideline.docNo ?? ''}`,
        `${c.guideline.title}${c.guideline.docNo ? `（${c.guideline.docNo}）` : ''}`
      )
  return (
    <Layout
      title="政府信息公开制度"
      section="xxgk"
      description="政府信息公开工作依据的法规和规定：政府信息公开条例、信息处理费管理办法、年度报告格式和各领域标准指引。"
      crumbs={crumbs('政府信息公开制度')}
    >
      {props.texts.rules ? <Markdown text={props.texts.rules} /> : null}
      <h2>法规和规定</h2>
      <ul>
        <li>
          《中华人民共和国政府信息公开条例》（国务院令第711号）：主动公开20个工作日内完成；依申请公开20个工作日内答复，可延长不超过20个工作日。
        </li>
        <li>
          《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：信息处理费按件或按量超额累进计收（标准见
          <a href="/xxgk/guide#apply">指南</a>）。
        </li>
        <li>
          《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）：工作部门于每年1月31日前、县级以上人民政府于3月31日前公布上一年度报告。
        </li>
      </ul>
      <h2>各领域标准指引</h2>
      {guidelines.size === 0 ? (
        <Empty>现行目录未载明依据的标准指引。</Empty>
      ) : (
        <ul>
          {[...guidelines.values()].map((g) => (
            <li>{g}</li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** `/xxgk/proactive`: 法定主动公开内容, the catalogues in force. */
export function ProactivePage(props: { texts: XxgkTexts; catalogues: readonly Catalogue[] }) {
  return (
    <Layout
      title="法定主动公开内容"
      section="xxgk"
      description="法定主动公开内容：按各领域政务公开标准目录主动公开的事项，逐项一键查阅已公开的政府信息。"
      crumbs={crumbs('法定主动公开内容')}
    >
      {props.texts.proactive ? (
        <Markdown text={props.texts.proactive} />
      ) : (
        <p class="lead">
          行政机关应当主动公开的政府信息（条例第十九条、第二十条），按下列现行公开目录逐项公开。打开目录可按公开主体、渠道和关键词筛选，并一键查阅每个事项已公开的内容。
        </p>
      )}
      <CataloguesInForce catalogues={props.catalogues} id="proactive-catalogues" />
    </Layout>
  )
}

/** The annual report's due date (条例第四十九条): departments by 31 January, governments by 31 March. */
function annualReportDue(organ: OrganContact, year: number): string {
  return `${year + 1}-${organ.kind === 'government' ? '03-31' : '01-31'}`
}

/** `/xxgk/annual-reports`: each organ's reports of recent years, printable, with their due dates. */
export function AnnualReportsPage(props: { organs: readonly OrganContact[]; today: string }) {
  const thisYear = Number(props.today.slice(0, 4))
  // A year's report exists once the year is over; the last three are listed.
  const years = [thisYear - 1, thisYear - 2, thisYear - 3]
  return (
    <Layout
      title="政府信息公开年报"
      section="xxgk"
      description="政府信息公开工作年度报告：各机关每年按国家统一格式公布上一年度的主动公开、依申请公开、复议诉讼和收费情况。"
      crumbs={crumbs('政府信息公开年报')}
    >
      <p class="lead">
        工作部门于每年1月31日前、县级以上人民政府于每年3月31日前，公布本机关上一年度政府信息公开工作年度报告（条例第四十九条；格式见国办公开办函〔2021〕30号）。
      </p>
      {props.organs.length === 0 ? (
        <Empty>尚未配置发布年度报告的机关。</Empty>
      ) : (
        props.organs.map((o) => (
          <>
            <h2>{o.name}</h2>
            <ul>
              {years.map((y) => {
                const due = annualReportDue(o, y)
                return (
                  <li>
                    <a href={`/annual-reports/${y}/${encodeURIComponent(o.id)}`}>
                      {`${o.name}${y}年政府信息公开工作年度报告`}
                    </a>
                    <span class="muted">
                      {props.today > due
                        ? `（应于 ${due} 前公布）`
                        : `（将于 ${due} 前公布，当前为年内数据）`}
                    </span>
                  </li>
                )
              })}
            </ul>
          </>
        ))
      )}
    </Layout>
  )
}
