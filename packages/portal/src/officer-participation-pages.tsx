import type { OfficerConsultation, OfficerMessage } from '@gongkai/cases'
import { Empty, Layout } from './layout.js'
import { OfficerNav, URGENCY_CSS } from './officer-nav.js'
import { excerpt, MESSAGE_CHANNEL_LABELS, OPINION_CHANNEL_LABELS } from './participation-labels.js'

/** A state in colour and in words (colour is never the only signal). */
interface Urgency {
  key: 'overdue' | 'soon' | 'ok' | 'paused' | 'closed'
  label: string
}

const daysLeft = (n: number | null): string => (n === 0 ? '今天到期' : `剩 ${n ?? '—'} 个工作日`)

/** A message's state: answered or closed, overdue, due within a working day, or open. */
function messageUrgency(m: OfficerMessage): Urgency {
  const c = m.clock
  if (c.answeredOn)
    return {
      key: 'closed',
      label: `已答复（${c.answeredOn}）${c.overdue ? '，超期答复' : ''}${m.published ? '，已公开' : ''}`,
    }
  if (c.closedOn) return { key: 'closed', label: `已关闭（${c.closedOn}）` }
  if (c.overdue) return { key: 'overdue', label: `已超期 ${-(c.workingDaysLeft ?? 0)} 个工作日` }
  if (c.workingDaysLeft !== null && c.workingDaysLeft <= 1)
    return { key: 'soon', label: `即将到期，${daysLeft(c.workingDaysLeft)}` }
  return { key: 'ok', label: daysLeft(c.workingDaysLeft) }
}

/** A consultation's state: collecting, waiting for the document, feedback due or published. */
function consultationUrgency(v: OfficerConsultation): Urgency {
  const c = v.clock
  if (v.feedback)
    return {
      key: 'closed',
      label: `采纳情况已公布（${v.feedback.published}）${c.overdue ? '，超期公布' : ''}`,
    }
  if (v.status === 'open') return { key: 'ok', label: `正在征集，${v.closes} 截止` }
  if (!c.dueDate) return { key: 'paused', label: '征集已结束，文件尚未印发' }
  if (c.overdue)
    return { key: 'overdue', label: `采纳情况已超期 ${-(c.workingDaysLeft ?? 0)} 个工作日未公布` }
  if (c.workingDaysLeft !== null && c.workingDaysLeft <= 3)
    return { key: 'soon', label: `采纳情况即将到期，${daysLeft(c.workingDaysLeft)}` }
  return { key: 'ok', label: `采纳情况待公布，${daysLeft(c.workingDaysLeft)}` }
}

const RANK: Record<Urgency['key'], number> = { overdue: 0, soon: 1, ok: 2, paused: 3, closed: 4 }

/** Consultations as an officer works through them: overdue first, then by feedback due date. */
function sortConsultations(items: OfficerConsultation[]): OfficerConsultation[] {
  const key = (v: OfficerConsultation) =>
    `${RANK[consultationUrgency(v).key]}${v.clock.dueDate ?? v.closes}`
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

function State(props: { u: Urgency }) {
  return <span class={`urgency urgency-${props.u.key}`}>{props.u.label}</span>
}

/** A form's refusals, announced and listed above it. */
function Problems(props: { errors: string[] }) {
  if (props.errors.length === 0) return null
  return (
    <div class="error-summary" role="alert" aria-labelledby="problems-title" tabindex={-1}>
      <h2 id="problems-title">{`提交未成功：有 ${props.errors.length} 处需要修改`}</h2>
      <ul>
        {props.errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  )
}

const officerCrumbs = (label: string, parent?: { label: string; href: string }) => [
  { label: '首页', href: '/' },
  ...(parent ? [parent] : []),
  { label },
]

/** `/officer/messages`: the organ's messages, open ones by due date (overdue first), then the ended. */
export function OfficerMessagesPage(props: {
  organName: string
  items: OfficerMessage[]
  asOf: string
  csrf: string
}) {
  const open = props.items.filter((m) => m.status === 'open').length
  return (
    <Layout
      title={`${props.organName}政民互动办理`}
      crumbs={officerCrumbs('政民互动办理')}
      head={<style>{URGENCY_CSS}</style>}
    >
      <OfficerNav csrf={props.csrf} />
      <p>{`截至 ${props.asOf}，待答复的留言 ${open} 条，按答复期限排列（已超期的在前）。`}</p>
      {props.items.length === 0 ? (
        <Empty>没有留言。</Empty>
      ) : (
        <ul class="cards">
          {props.items.map((m) => (
            <li>
              <h2>
                <a href={`/officer/messages/${encodeURIComponent(m.id)}`}>
                  {`${m.id}${m.question ? `：${excerpt(m.question, 30)}` : ''}`}
                </a>
              </h2>
              <dl class="props">
                <dt>渠道</dt>
                <dd>{`${MESSAGE_CHANNEL_LABELS[m.channel]}${m.simple ? '（简单咨询）' : ''}`}</dd>
                <dt>收到日期</dt>
                <dd>{m.received}</dd>
                <dt>答复期限</dt>
                <dd>{`${m.clock.dueDate}${m.clock.provisional ? '（暂定）' : ''}`}</dd>
                <dt>状态</dt>
                <dd>
                  <State u={messageUrgency(m)} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** What the answer form shows again after a refusal. */
export interface AnswerFormState {
  text: string
  date: string
  publish: boolean
  errors: string[]
}

/** `/officer/messages/:id`: the message (sender included: officers see everything) and the answer form. */
export function OfficerMessagePage(props: {
  message: OfficerMessage
  asOf: string
  csrf: string
  form: AnswerFormState
  saved?: boolean
}) {
  const m = props.message
  const answer = m.events.find((e) => e.type === 'answered')
  return (
    <Layout
      title={`留言 ${m.id}`}
      crumbs={officerCrumbs(m.id, { label: '政民互动办理', href: '/officer/messages' })}
      head={<style>{URGENCY_CSS}</style>}
    >
      {props.saved ? (
        <p class="notice success" role="status">
          {m.published ? (
            <>
              答复已保存并公开：<a href={`/zmhd/${encodeURIComponent(m.id)}`}>查看公开的答复</a>
            </>
          ) : (
            '答复已保存（未公开）。'
          )}
        </p>
      ) : null}
      <dl class="props">
        <dt>渠道</dt>
        <dd>{`${MESSAGE_CHANNEL_LABELS[m.channel]}${m.simple ? '（简单咨询）' : ''}`}</dd>
        <dt>收到日期</dt>
        <dd>{m.received}</dd>
        <dt>留言人</dt>
        <dd>{m.sender ?? '—'}</dd>
        <dt>答复期限</dt>
        <dd>{m.clock.dueDate}</dd>
        <dt>状态</dt>
        <dd>
          <State u={messageUrgency(m)} />
          {` （截至 ${props.asOf}）`}
        </dd>
      </dl>
      <h2>问题</h2>
      <p class="pre-line">{m.question ?? '（未登记问题文字）'}</p>
      {answer && answer.type === 'answered' ? (
        <>
          <h2>答复</h2>
          <p class="pre-line">{answer.text}</p>
          <p class="muted">{`${answer.date} 答复，${answer.publish ? '已公开' : '未公开'}`}</p>
        </>
      ) : m.status === 'open' ? (
        <AnswerForm id={m.id} csrf={props.csrf} form={props.form} />
      ) : null}
    </Layout>
  )
}

function AnswerForm(props: { id: string; csrf: string; form: AnswerFormState }) {
  const f = props.form
  return (
    <form method="post" action={`/officer/messages/${encodeURIComponent(props.id)}/answer`}>
      <h2>答复</h2>
      <Problems errors={f.errors} />
      <input type="hidden" name="_csrf" value={props.csrf} />
      <div class="field">
        <label for="answer-text">答复内容</label>
        <span class="hint" id="answer-text-hint">
          公开时问题和答复都会经过个人信息检查：不要写入留言人的姓名、电话、证件号码或住址。
        </span>
        <textarea
          id="answer-text"
          name="text"
          rows={8}
          required
          aria-describedby="answer-text-hint"
          aria-invalid={f.errors.length > 0 ? 'true' : undefined}
        >
          {f.text}
        </textarea>
      </div>
      <div class="field">
        <label for="answer-date">答复日期</label>
        <input id="answer-date" name="date" type="date" value={f.date} required />
      </div>
      <div class="field">
        <input id="answer-publish" name="publish" type="checkbox" value="yes" checked={f.publish} />{' '}
        <label for="answer-publish">在网站公开问题和答复（不公开留言人）</label>
      </div>
      <button type="submit">提交答复</button>
    </form>
  )
}

/** `/officer/consultations`: the organ's consultations with their feedback clocks, overdue first. */
export function OfficerConsultationsPage(props: {
  organName: string
  items: OfficerConsultation[]
  asOf: string
  csrf: string
}) {
  return (
    <Layout
      title={`${props.organName}意见征集办理`}
      crumbs={officerCrumbs('意见征集办理')}
      head={<style>{URGENCY_CSS}</style>}
    >
      <OfficerNav csrf={props.csrf} />
      <p>{`截至 ${props.asOf}，共 ${props.items.length} 项意见征集；文件印发后10个工作日内公布意见采纳情况。`}</p>
      {props.items.length === 0 ? (
        <Empty>没有意见征集。</Empty>
      ) : (
        <ul class="cards">
          {sortConsultations(props.items).map((v) => (
            <li>
              <h2>
                <a href={`/officer/consultations/${encodeURIComponent(v.id)}`}>{v.title}</a>
              </h2>
              <dl class="props">
                <dt>征集期</dt>
                <dd>{`${v.opened} 至 ${v.closes}`}</dd>
                <dt>收到意见</dt>
                <dd>{`${v.opinions.total} 条`}</dd>
                <dt>公布期限</dt>
                <dd>{v.clock.dueDate ?? '文件印发后计算'}</dd>
                <dt>状态</dt>
                <dd>
                  <State u={consultationUrgency(v)} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** What the feedback form shows again after a refusal. */
export interface FeedbackFormState {
  collected: string
  adopted: string
  reasons: string
  date: string
  errors: string[]
}

/** `/officer/consultations/:id`: the consultation, its history, and the feedback form once issued. */
export function OfficerConsultationPage(props: {
  consultation: OfficerConsultation
  asOf: string
  csrf: string
  form: FeedbackFormState
  saved?: boolean
}) {
  const v = props.consultation
  return (
    <Layout
      title={v.title}
      crumbs={officerCrumbs(v.id, { label: '意见征集办理', href: '/officer/consultations' })}
      head={<style>{URGENCY_CSS}</style>}
    >
      {props.saved ? (
        <p class="notice success" role="status">
          采纳情况已公布：<a href={`/yjzj/${encodeURIComponent(v.id)}`}>查看公开的页面</a>
        </p>
      ) : null}
      <dl class="props">
        <dt>征集期</dt>
        <dd>{`${v.opened} 至 ${v.closes}`}</dd>
        <dt>文件印发</dt>
        <dd>{v.document ? `${v.document.issued}（${v.document.contentId}）` : '尚未印发'}</dd>
        <dt>公布期限</dt>
        <dd>{v.clock.dueDate ?? '文件印发后计算'}</dd>
        <dt>状态</dt>
        <dd>
          <State u={consultationUrgency(v)} />
          {` （截至 ${props.asOf}）`}
        </dd>
      </dl>
      <h2>收到的意见</h2>
      <ul>
        {(
          Object.entries(v.opinions.byChannel) as [keyof typeof OPINION_CHANNEL_LABELS, number][]
        ).map(([ch, n]) => (
          <li>{`${OPINION_CHANNEL_LABELS[ch]}：${n} 条`}</li>
        ))}
        <li>{`合计 ${v.opinions.total} 条`}</li>
      </ul>
      {v.feedback ? (
        <>
          <h2>已公布的采纳情况</h2>
          <p>{`${v.feedback.published} 公布：收集 ${v.feedback.collected} 条，采纳 ${v.feedback.adopted} 条。`}</p>
        </>
      ) : v.document ? (
        <FeedbackForm id={v.id} csrf={props.csrf} form={props.form} />
      ) : (
        <p>文件印发并登记后，在此公布意见采纳情况。</p>
      )}
    </Layout>
  )
}

function FeedbackForm(props: { id: string; csrf: string; form: FeedbackFormState }) {
  const f = props.form
  return (
    <form method="post" action={`/officer/consultations/${encodeURIComponent(props.id)}/feedback`}>
      <h2>公布意见采纳情况</h2>
      <Problems errors={f.errors} />
      <input type="hidden" name="_csrf" value={props.csrf} />
      <div class="field">
        <label for="fb-collected">收集意见（条）</label>
        <input
          id="fb-collected"
          name="collected"
          type="number"
          min="0"
          value={f.collected}
          required
        />
      </div>
      <div class="field">
        <label for="fb-adopted">采纳意见（条）</label>
        <input id="fb-adopted" name="adopted" type="number" min="0" value={f.adopted} required />
      </div>
      <div class="field">
        <label for="fb-reasons">未采纳的理由（每行一条）</label>
        <span class="hint" id="fb-reasons-hint">
          未全部采纳时必填；理由会公开，不要写入提意见人的个人信息。
        </span>
        <textarea id="fb-reasons" name="reasons" rows={5} aria-describedby="fb-reasons-hint">
          {f.reasons}
        </textarea>
      </div>
      <div class="field">
        <label for="fb-date">公布日期</label>
        <input id="fb-date" name="date" type="date" value={f.date} required />
      </div>
      <button type="submit">公布采纳情况</button>
    </form>
  )
}
