import {
  APPLICANT_TYPE_LABELS,
  type OfficerRequestDetail,
  type OfficerRequestSummary,
  type RequestEvent,
} from '@gongkai/cases'
import { FeeRules } from './fee-rules.js'
import { Empty, Layout, TableRegion } from './layout.js'
import { OfficerNav, URGENCY_CSS } from './officer-nav.js'
import type { OrganInfo } from './portal-source.js'
import type { OrganContact } from './site.js'

const CHANNEL_LABELS: Record<string, string> = {
  in_person: '当面提交',
  letter: '信函',
  registered_mail: '挂号信',
  online: '在线申请',
  fax: '传真',
}

const EVENT_LABELS: Record<RequestEvent['type'], string> = {
  received: '收到申请',
  registered: '登记',
  correction_requested: '告知补正',
  correction_received: '收到补正',
  consultation_started: '开始征求意见',
  consultation_ended: '征求意见结束',
  extended: '延期答复',
  fee_notified: '通知缴纳信息处理费',
  fee_paid: '已缴费',
  fee_unpaid: '逾期未缴费',
  replied: '答复',
  withdrawn: '申请人撤回',
  review_filed: '申请行政复议',
  review_decided: '行政复议决定',
  litigation_filed: '提起行政诉讼',
  litigation_decided: '行政诉讼判决',
}

/** How urgent a request is: a colour class and, for those who do not see colour, the words. */
function urgencyOf(s: OfficerRequestSummary): { key: string; label: string } {
  const c = s.clock
  if (c.closedOn) return { key: 'closed', label: `已办结（${c.closedOn}）` }
  if (s.status === 'awaiting_correction') return { key: 'paused', label: '待补正（不计时）' }
  if (c.paused) return { key: 'paused', label: '已暂停（征求意见或待缴费）' }
  if (c.overdue) return { key: 'overdue', label: `已超期 ${-(c.workingDaysLeft ?? 0)} 个工作日` }
  if (c.workingDaysLeft !== null && c.workingDaysLeft <= 5)
    return { key: 'soon', label: `即将到期，剩 ${c.workingDaysLeft} 个工作日` }
  return { key: 'ok', label: `剩 ${c.workingDaysLeft ?? '—'} 个工作日` }
}

/** The public page: how to apply for 依申请公开 (条例 Art. 27–33; 国办函〔2020〕109号). */
export function ApplyPage(props: { organs: readonly OrganContact[]; inColumn?: boolean }) {
  return (
    <Layout
      title="依申请公开指南"
      section={props.inColumn ? 'xxgk' : 'requests'}
      description="依申请公开指南：向行政机关申请获取政府信息的渠道、申请内容、受理机关联系方式、答复期限和信息处理费标准。"
      crumbs={
        props.inColumn
          ? [
              { label: '首页', href: '/' },
              { label: '政府信息公开', href: '/xxgk' },
              { label: '依申请公开' },
            ]
          : [{ label: '首页', href: '/' }, { label: '依申请公开' }]
      }
    >
      <p>
        除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向行政机关申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。
      </p>
      <h2 id="channels">申请渠道</h2>
      <ul>
        <li>在线申请：通过本网站或政务服务平台提交，以双方确认之日为收到申请之日。</li>
        <li>当面提交：到受理机关的受理点填写申请表，提交之日为收到申请之日。</li>
        <li>信函、挂号信：邮寄至受理机关，以签收之日为收到申请之日。</li>
        <li>传真：以双方确认之日为收到申请之日（第三十一条）。</li>
      </ul>
      {props.organs.length ? (
        <TableRegion labelledBy="organs-caption">
          <table>
            <caption id="organs-caption">受理机关及联系方式</caption>
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
                  <td>{o.address ?? '—'}</td>
                  <td>{o.officeHours ?? '—'}</td>
                  <td>{o.phone ?? '—'}</td>
                  <td>{o.email ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <Empty>受理机关的联系方式尚未公布。</Empty>
      )}
      <h2 id="contents">申请内容</h2>
      <p>申请应当包括（第二十九条）：</p>
      <ol>
        <li>申请人的姓名或者名称、身份证明、联系方式；</li>
        <li>申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；</li>
        <li>申请公开的政府信息的形式要求，包括获取信息的方式、途径。</li>
      </ol>
      <p>
        申请内容不明确的，行政机关自收到申请之日起7个工作日内一次性告知补正；补正的答复期限自收到补正的申请之日起计算（第三十条）。
      </p>
      <h2 id="deadline">答复期限</h2>
      <p>
        行政机关能够当场答复的，当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日（第三十三条）。征求第三方或者其他机关意见所需时间不计算在内。
      </p>
      <h2 id="fees">信息处理费</h2>
      {/* The tariff comes from @gongkai/cases, the functions requests are charged with. */}
      <FeeRules id="apply-fees" />
      <p>收费期间不计算在答复期限内；申请人逾期未缴纳的，视为放弃申请。</p>
    </Layout>
  )
}

/** The officer's list: open requests by due date (overdue first), a page at a time, colour and words for urgency. */
export function OfficerRequestsPage(props: {
  organ: OrganInfo | { id: string; name: string }
  /** The page's requests. */
  items: OfficerRequestSummary[]
  /** Open requests in all. */
  total: number
  /** Page number, from 1. */
  page: number
  pageSize: number
  /** The as-of date asked for (kept in the pager's links); absent means today. */
  asOf?: string
  today: string
  csrf: string
}) {
  const from = (props.page - 1) * props.pageSize
  const pages = Math.ceil(props.total / props.pageSize)
  const href = (n: number) =>
    `/officer/requests?page=${n}${props.asOf ? `&asOf=${encodeURIComponent(props.asOf)}` : ''}`
  return (
    <Layout
      title={`${props.organ.name}依申请公开办理`}
      crumbs={[{ label: '首页', href: '/' }, { label: '依申请公开办理' }]}
      head={<style>{URGENCY_CSS}</style>}
    >
      <p>
        {`截至 ${props.asOf ?? props.today}，未办结的申请 ${props.total} 件，按答复期限排列（逾期的在前）`}
        {props.items.length && pages > 1
          ? `；本页第 ${from + 1}–${from + props.items.length} 件。`
          : '。'}
      </p>
      <OfficerNav csrf={props.csrf} />
      {props.items.length ? (
        <TableRegion labelledBy="requests-caption">
          <table>
            <caption id="requests-caption">办理中的申请</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">申请人类型</th>
                <th scope="col">渠道</th>
                <th scope="col">收到日期</th>
                <th scope="col">答复期限</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((s) => {
                const u = urgencyOf(s)
                return (
                  <tr>
                    <th scope="row">
                      <a href={`/officer/requests/${encodeURIComponent(s.id)}`}>{s.id}</a>
                    </th>
                    <td>{APPLICANT_TYPE_LABELS[s.applicant.type]}</td>
                    <td>{CHANNEL_LABELS[s.channel] ?? s.channel}</td>
                    <td>{s.received}</td>
                    <td>
                      {s.clock.dueDate ?? '暂停计时'}
                      {s.clock.provisional ? '（暂定）' : ''}
                    </td>
                    <td>
                      <span class={`urgency urgency-${u.key}`}>{u.label}</span>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <Empty>{props.total ? '本页没有申请。' : '没有办理中的申请。'}</Empty>
      )}
      {pages > 1 ? (
        <nav aria-label="分页">
          <ul class="pager">
            {props.page > 1 ? (
              <li>
                <a href={href(Math.min(props.page - 1, pages))}>上一页</a>
              </li>
            ) : null}
            {props.page < pages ? (
              <li>
                <a href={href(props.page + 1)}>下一页</a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  )
}

/** One case: the clock and the timeline of its events. */
export function CasePage(props: { request: OfficerRequestDetail; asOf: string }) {
  const r = props.request
  const u = urgencyOf(r)
  return (
    <Layout
      title={`申请 ${r.id}`}
      crumbs={[
        { label: '首页', href: '/' },
        { label: '依申请公开办理', href: '/officer/requests' },
        { label: r.id },
      ]}
      head={<style>{URGENCY_CSS}</style>}
    >
      <dl>
        <dt>申请人</dt>
        <dd>{`${r.applicant.name ?? r.applicant.id}（${APPLICANT_TYPE_LABELS[r.applicant.type]}）`}</dd>
        {r.applicant.contact ? (
          <>
            <dt>联系方式</dt>
            <dd>{r.applicant.contact}</dd>
          </>
        ) : null}
        <dt>申请内容</dt>
        <dd>{r.subject ?? '—'}</dd>
        <dt>答复期限</dt>
        <dd>{r.clock.dueDate ?? '暂停计时'}</dd>
        {r.clock.registrationDue ? (
          <>
            <dt>登记期限</dt>
            <dd>{r.clock.registrationDue}</dd>
          </>
        ) : null}
        <dt>状态</dt>
        <dd>
          <span class={`urgency urgency-${u.key}`}>{u.label}</span>
          {` （截至 ${props.asOf}）`}
        </dd>
        {r.fee ? (
          <>
            <dt>信息处理费</dt>
            <dd>{`${r.fee.totalYuan} 元`}</dd>
          </>
        ) : null}
      </dl>
      <h2 id="timeline">办理经过</h2>
      <ol class="timeline" aria-labelledby="timeline">
        {r.events.map((e) => {
          const rest = e as unknown as Record<string, unknown>
          const detail = ['outcome', 'workingDays', 'party', 'mode', 'pages', 'result', 'reason']
            .filter((k) => rest[k] !== undefined)
            .map((k) => `${k}: ${String(rest[k])}`)
            .join('，')
          return (
            <li>
              <time datetime={e.date}>{e.date}</time> {EVENT_LABELS[e.type] ?? e.type}
              {detail ? `（${detail}）` : ''}
            </li>
          )
        })}
      </ol>
    </Layout>
  )
}

/** The officer's login form (the token of an officer of the organ). */
export function OfficerLoginPage(props: { csrf: string; error?: string }) {
  return (
    <Layout
      title="依申请公开办理登录"
      crumbs={[{ label: '首页', href: '/' }, { label: '办理登录' }]}
    >
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/officer/login">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <p>
          <label for="officer-token">工作人员令牌</label>{' '}
          <input id="officer-token" name="token" type="password" autocomplete="off" required />
        </p>
        <button type="submit">登录</button>
      </form>
    </Layout>
  )
}
