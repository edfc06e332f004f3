import { Empty, Layout, TableRegion } from './layout.js'
import type { AccessRequestItem, AccessStatus } from './portal-source.js'

/** Values and errors of the 有条件开放 application form after a refused submission. */
export interface ApplicationFormState {
  values: Record<string, string>
  errors: { field: string; message: string }[]
}

/** The form's fields: name, label, and whether it is a paragraph. */
export const APPLICATION_FIELDS = [
  { name: 'name', label: '申请人姓名', long: false, pointer: '/applicant/name' },
  { name: 'org', label: '申请单位', long: false, pointer: '/applicant/org' },
  {
    name: 'contact',
    label: '联系方式（电话或电子邮箱）',
    long: false,
    pointer: '/applicant/contact',
  },
  { name: 'purpose', label: '使用目的', long: true, pointer: '/purpose' },
  { name: 'scenario', label: '应用场景', long: true, pointer: '/scenario' },
  { name: 'securityMeasures', label: '安全保障措施', long: true, pointer: '/securityMeasures' },
] as const

/** The application form on a 有条件开放 dataset's page (works without JavaScript). */
export function ApplicationForm(props: { datasetId: string; state?: ApplicationFormState }) {
  const errors = props.state?.errors ?? []
  const values = props.state?.values ?? {}
  const errorOf = (name: string) => errors.find((e) => e.field === name)?.message
  return (
    <>
      <h3 id="apply-title">申请使用</h3>
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="apply-error-title">
          <h4 id="apply-error-title">申请未能提交</h4>
          <ul>
            {errors.map((e) => (
              <li>
                <a href={`#apply-${e.field}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        申请人信息只提供给审核的发布机构，不会公开。提交后请保存页面给出的查询链接，凭它查看审核结果并领取令牌。
      </p>
      <form
        method="post"
        action={`/access-requests/apply?dataset=${encodeURIComponent(props.datasetId)}`}
        aria-labelledby="apply-title"
        novalidate
      >
        {APPLICATION_FIELDS.map((f) => {
          const err = errorOf(f.name)
          const id = `apply-${f.name}`
          return (
            <div class="field">
              <label for={id}>{f.label}</label>
              {err ? <span class="error-message" id={`${id}-error`}>{`错误：${err}`}</span> : null}
              {f.long ? (
                <textarea
                  id={id}
                  name={f.name}
                  rows={3}
                  cols={50}
                  required
                  aria-describedby={err ? `${id}-error` : undefined}
                  aria-invalid={err ? 'true' : undefined}
                >
                  {values[f.name] ?? ''}
                </textarea>
              ) : (
                <input
                  id={id}
                  name={f.name}
                  value={values[f.name] ?? ''}
                  size={30}
                  required
                  autocomplete={
                    f.name === 'name' ? 'name' : f.name === 'org' ? 'organization' : 'off'
                  }
                  aria-describedby={err ? `${id}-error` : undefined}
                  aria-invalid={err ? 'true' : undefined}
                />
              )}
            </div>
          )
        })}
        <button type="submit">提交申请</button>
      </form>
    </>
  )
}

const STATUS_LABEL: Record<AccessStatus['status'], string> = {
  pending: '审核中',
  approved: '已同意',
  refused: '未同意',
}

/** `/access-requests/:id?key=`: the secret status page of an application. */
export function AccessStatusPage(props: {
  status: AccessStatus
  datasetTitle?: string
  baseUrl: string
}) {
  const s = props.status
  const ds = encodeURIComponent(s.dataset)
  return (
    <Layout
      title="有条件开放数据申请"
      section="datasets"
      crumbs={[
        { label: '首页', href: '/' },
        { label: '开放数据', href: '/datasets' },
        { label: '申请进度' },
      ]}
    >
      <p>请保存本页链接：凭它查看审核结果，不要转给他人。</p>
      <dl class="props">
        <dt>申请编号</dt>
        <dd>
          <code>{s.id}</code>
        </dd>
        <dt>数据集</dt>
        <dd>
          <a href={`/datasets/${ds}`}>{props.datasetTitle ?? s.dataset}</a>
        </dd>
        <dt>状态</dt>
        <dd id="access-status">{STATUS_LABEL[s.status]}</dd>
        {s.status === 'pending' ? (
          <>
            <dt>答复期限</dt>
            <dd>{`${s.dueDate} 前（工作日）`}</dd>
          </>
        ) : null}
        {s.decidedAt ? (
          <>
            <dt>审核时间</dt>
            <dd>{s.decidedAt.slice(0, 10)}</dd>
          </>
        ) : null}
        {s.reason ? (
          <>
            <dt>未同意理由</dt>
            <dd>{s.reason}</dd>
          </>
        ) : null}
        {s.expiresAt ? (
          <>
            <dt>使用期限</dt>
            <dd>{`至 ${s.expiresAt.slice(0, 10)}`}</dd>
          </>
        ) : null}
      </dl>
      {s.token ? (
        <section aria-labelledby="token-title">
          <h2 id="token-title">您的数据令牌</h2>
          <p>
            <strong>令牌只显示这一次，请立即复制保存。</strong>
            它只能读取本数据集，到期自动失效。
          </p>
          <p>
            <code id="access-token">{s.token}</code>
          </p>
          <pre>
            <code>{`curl -H "Authorization: Bearer ${s.token}" -o ${s.dataset}.csv ${props.baseUrl}/datasets/${ds}.csv`}</code>
          </pre>
        </section>
      ) : s.emailed ? (
        <p id="token-emailed">
          令牌已通过电子邮件发送到申请时填写的邮箱，本页不再显示。如未收到或已遗失，请重新申请。
        </p>
      ) : s.status === 'approved' && s.tokenIssuedAt ? (
        <p>{`令牌已于 ${s.tokenIssuedAt.slice(0, 10)} 领取，不再显示。如已遗失，请重新申请。`}</p>
      ) : s.status === 'approved' ? (
        <p>令牌正在通过电子邮件发送，请稍后刷新本页。</p>
      ) : null}
    </Layout>
  )
}

/** `/access-requests` without a publisher session: the token form. */
export function PublisherLoginPage(props: { csrf: string; error?: string }) {
  return (
    <Layout
      title="数据申请审核登录"
      section="datasets"
      crumbs={[{ label: '首页', href: '/' }, { label: '数据申请审核' }]}
    >
      {props.error ? (
        <div class="error-summary" role="alert" aria-labelledby="pub-login-error">
          <h2 id="pub-login-error">登录未成功</h2>
          <p>
            <a href="#pub-token">{props.error}</a>
          </p>
        </div>
      ) : null}
      <p>请输入本机构的数据发布令牌（publisher，以 gk_ 开头）。</p>
      <form method="post" action="/access-requests/login" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <div class="field">
          <label for="pub-token">发布令牌</label>
          <input id="pub-token" name="token" type="password" autocomplete="off" size={40} />
        </div>
        <button type="submit">登录</button>
      </form>
    </Layout>
  )
}

/** How an approved application's token reaches the applicant, as its publisher reads it. */
function tokenDelivery(r: AccessRequestItem): string {
  if (r.status !== 'approved') return '—'
  switch (r.email?.status) {
    case 'sent':
      return '已发送至申请人邮箱'
    case 'sending':
      return '邮件发送中'
    case 'failed':
      return `邮件未发出（${r.email.error ?? '原因不明'}），申请人可凭查询链接领取`
    default:
      return '申请人凭查询链接领取'
  }
}

/** `/access-requests` for a publisher: pending applications to decide, then the decided ones. */
export function AccessRequestsPage(props: {
  items: AccessRequestItem[]
  csrf: string
  today: string
  error?: string
}) {
  const pending = props.items.filter((r) => r.status === 'pending')
  const decided = props.items.filter((r) => r.status !== 'pending')
  return (
    <Layout
      title="数据申请审核"
      section="datasets"
      crumbs={[{ label: '首页', href: '/' }, { label: '数据申请审核' }]}
    >
      {props.error ? (
        <div class="error-summary" role="alert">
          <p>{props.error}</p>
        </div>
      ) : null}
      <h2 id="pending-title">{`待审核（${pending.length}）`}</h2>
      {pending.length === 0 ? (
        <Empty>没有待审核的申请。</Empty>
      ) : (
        pending.map((r) => (
          <section class="card" aria-labelledby={`ar-${r.id}`}>
            <h3 id={`ar-${r.id}`}>{`${r.applicant.org} · ${r.applicant.name}`}</h3>
            <dl class="props">
              <dt>数据集</dt>
              <dd>
                <a href={`/datasets/${encodeURIComponent(r.dataset)}`}>{r.dataset}</a>
              </dd>
              <dt>联系方式</dt>
              <dd>{r.applicant.contact}</dd>
              <dt>使用目的</dt>
              <dd>{r.purpose}</dd>
              <dt>应用场景</dt>
              <dd>{r.scenario}</dd>
              <dt>安全保障措施</dt>
              <dd>{r.securityMeasures}</dd>
              <dt>提交时间</dt>
              <dd>{r.createdAt.slice(0, 10)}</dd>
              <dt>答复期限</dt>
              <dd class="due-left">
                {r.overdue
                  ? `${r.dueDate}（已超期）`
                  : `${r.dueDate}（还剩 ${r.workingDaysLeft ?? 0} 个工作日）`}
              </dd>
            </dl>
            <form method="post" action={`/access-requests/${r.id}/decision`}>
              <input type="hidden" name="_csrf" value={props.csrf} />
              <div class="field">
                <label for={`exp-${r.id}`}>同意，使用期限至</label>
                <input id={`exp-${r.id}`} name="expiresAt" type="date" min={props.today} />
              </div>
              <button type="submit" name="decision" value="approve">
                同意
              </button>
              <div class="field">
                <label for={`why-${r.id}`}>不同意的理由</label>
                <textarea id={`why-${r.id}`} name="reason" rows={2} cols={40} />
              </div>
              <button type="submit" name="decision" value="refuse">
                不同意
              </button>
            </form>
          </section>
        ))
      )}
      <h2 id="decided-title">已审核</h2>
      {decided.length === 0 ? (
        <Empty>暂无已审核的申请。</Empty>
      ) : (
        <TableRegion labelledBy="decided-title">
          <table>
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">数据集</th>
                <th scope="col">申请单位</th>
                <th scope="col">结果</th>
                <th scope="col">审核时间</th>
                <th scope="col">令牌送达</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((r) => (
                <tr>
                  <th scope="row">
                    <code>{r.id}</code>
                  </th>
                  <td>{r.dataset}</td>
                  <td>{r.applicant.org}</td>
                  <td>
                    {r.status === 'approved'
                      ? `同意，至 ${(r.expiresAt ?? '').slice(0, 10)}`
                      : `不同意：${r.reason ?? ''}`}
                  </td>
                  <td>{(r.decidedAt ?? '').slice(0, 10)}</td>
                  <td class="token-delivery">{tokenDelivery(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <form method="post" action="/access-requests/logout">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit">退出登录</button>
      </form>
    </Layout>
  )
}
