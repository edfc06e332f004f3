import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import { raw } from 'hono/html'
import { recordTitle } from './catalogue-pages.js'
import { yuan } from './labels.js'
import { CSS_HREF, Empty, Layout, TableRegion } from './layout.js'
import type { Committee, PublishedRecord } from './portal-source.js'
import { qrSvg } from './qr-svg.js'
import { type PlacedError, RecordForm } from './record-form.js'
import { type FormNode, type FormValues, formModel, type GroupNode } from './record-form-model.js'

const committeeCrumbs = (c?: { id: string; name: string }) => [
  { label: '首页', href: '/' },
  { label: '居务公开', href: '/committees' },
  ...(c ? [{ label: c.name, href: `/committees/${encodeURIComponent(c.id)}` }] : []),
]

/** `/committees`: every committee with a 居务公开 catalogue, and the login link. */
export function CommitteesPage(props: { committees: Committee[] }) {
  return (
    <Layout
      title="居务公开"
      section="committees"
      crumbs={[...committeeCrumbs().slice(0, 1), { label: '居务公开' }]}
    >
      <p class="lead">
        居民委员会按居务公开目录公开机构、财务和综合居务信息，居民可在线查阅、扫码核对。
      </p>
      <p>
        <a class="button" href="/committees/login">
          居委会登录填报
        </a>
      </p>
      <h2>各居委会</h2>
      {props.committees.length === 0 ? (
        <Empty>暂无居委会建立居务公开目录。</Empty>
      ) : (
        <ul class="cards">
          {props.committees.map((c) => (
            <li>
              <a href={`/committees/${encodeURIComponent(c.id)}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** `/committees/login`: the token form. */
export function LoginPage(props: { csrf: string; error?: string }) {
  return (
    <Layout
      title="居委会登录"
      section="committees"
      crumbs={[...committeeCrumbs(), { label: '登录' }]}
    >
      {props.error ? (
        <div class="error-summary" role="alert" aria-labelledby="login-error-title">
          <h2 id="login-error-title">登录未成功</h2>
          <p>
            <a href="#token">{props.error}</a>
          </p>
        </div>
      ) : null}
      <p>请输入区里为本居委会发放的令牌（以 gk_ 开头）。登录后可填报居务公开记录。</p>
      <form method="post" action="/committees/login" novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <div class="field">
          <label for="token">居委会令牌</label>
          <span class="hint" id="token-hint">
            令牌只用于本次登录，网站不会保存在浏览器中。
          </span>
          {props.error ? (
            <span class="error-message" id="token-error">{`错误：${props.error}`}</span>
          ) : null}
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            size={40}
            aria-describedby={props.error ? 'token-hint token-error' : 'token-hint'}
            aria-invalid={props.error ? 'true' : undefined}
          />
        </div>
        <button type="submit">登录</button>
      </form>
    </Layout>
  )
}

/** A published record rendered readably from its schema's form model. */
function RecordView(props: { model: GroupNode; data: unknown; idPrefix: string }) {
  const render = (nodes: FormNode[], data: Record<string, unknown>) => (
    <dl class="props">
      {nodes.map((n) => {
        const key = n.path.at(-1) as string
        const v = data[key]
        if (n.kind === 'leaf')
          return (
            <>
              <dt>{n.title}</dt>
              <dd>{n.type === 'number' ? `${yuan(v)} 元` : v === undefined ? '—' : String(v)}</dd>
            </>
          )
        if (n.kind === 'group')
          return (
            <>
              <dt>{n.title}</dt>
              <dd>{render(n.children, (v ?? {}) as Record<string, unknown>)}</dd>
            </>
          )
        const rows = Array.isArray(v) ? (v as Record<string, unknown>[]) : []
        const capId = `${props.idPrefix}-${n.path.join('-')}`
        return (
          <>
            <dt id={capId}>{n.title}</dt>
            <dd>
              {rows.length === 0 ? (
                '无'
              ) : (
                <TableRegion labelledBy={capId}>
                  <table>
                    <thead>
                      <tr>
                        {n.columns.map((c) => (
                          <th scope="col">{c.title}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr>
                          {n.columns.map((c) => {
                            const cell = r[c.path.join('.')]
                            return (
                              <td>
                                {c.type === 'number'
                                  ? yuan(cell)
                                  : cell === undefined
                                    ? ''
                                    : String(cell)}
                              </td>
                            )
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
              )}
            </dd>
          </>
        )
      })}
    </dl>
  )
  return render(props.model.children, (props.data ?? {}) as Record<string, unknown>)
}

/** Entries of a committee catalogue that take structured records. */
const recordEntries = (c: Catalogue) => c.entries.filter((e) => e.recordSchema)

/** Props of the committee page. */
export interface CommitteePageProps {
  committee: Committee
  catalogue?: Catalogue
  records: PublishedRecord[]
  /** Present when the visitor is logged in as this committee. */
  session?: { csrf: string }
  notice?: string
}

const recordHref = (committeeId: string, r: PublishedRecord) =>
  `/committees/${encodeURIComponent(committeeId)}/records/${encodeURIComponent(r.id)}`

/** `/committees/:id`: public records, and for the logged-in committee the forms to fill. */
export function CommitteePage(props: CommitteePageProps) {
  const { committee: cm, catalogue } = props
  const cid = encodeURIComponent(cm.id)
  return (
    <Layout
      title={cm.name}
      section="committees"
      crumbs={[...committeeCrumbs(), { label: cm.name }]}
    >
      {props.notice ? (
        <p class="notice success" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.session ? (
        <section aria-labelledby="work-title" class="notice">
          <h2 id="work-title">居委会填报</h2>
          {catalogue ? (
            <ul>
              {recordEntries(catalogue).map((e) => (
                <li>
                  <a href={`/committees/${cid}/records/new?entry=${encodeURIComponent(e.id)}`}>
                    {`填报：${String(e.recordSchema?.title ?? e.item.level2 ?? e.item.level1)}`}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <form method="post" action={`/committees/${cid}/instantiate`}>
              <input type="hidden" name="_csrf" value={props.session.csrf} />
              <p>本居委会还没有居务公开目录。请填写名称，按上海市居务公开目录模板建立。</p>
              <div class="field">
                <label for="name">居委会名称</label>
                <input id="name" name="name" type="text" value={cm.name} size={24} />
              </div>
              <div class="field">
                <label for="street">所属街道（镇）</label>
                <input id="street" name="street" type="text" size={24} />
              </div>
              <button type="submit">建立居务公开目录</button>
            </form>
          )}
          <form method="post" action="/committees/logout">
            <input type="hidden" name="_csrf" value={props.session.csrf} />
            <button type="submit" class="secondary">
              退出登录
            </button>
          </form>
        </section>
      ) : null}
      {catalogue ? (
        <p>
          <a href={`/catalogues/${encodeURIComponent(catalogue.id)}`}>查看本居委会居务公开目录</a>
        </p>
      ) : null}
      <h2>已公开的记录</h2>
      {props.records.length === 0 ? (
        <Empty>暂无已公开的记录。</Empty>
      ) : (
        <ul class="cards">
          {props.records.map((r) => {
            const entry = catalogue?.entries.find((e) => e.id === r.entryId)
            return (
              <li>
                <a href={recordHref(cm.id, r)}>
                  {`${recordTitle(r)} ${String(entry?.recordSchema?.title ?? entry?.item.level2 ?? '')}`}
                </a>
                <span class="muted">{` 公开于 ${r.createdAt.slice(0, 10)}`}</span>
                {r.withdrawn ? <span class="status status-bad">已撤回</span> : null}
              </li>
            )
          })}
        </ul>
      )}
    </Layout>
  )
}

/** `/committees/:id/records/new?entry=`: the generated form. */
export function NewRecordPage(props: {
  committee: Committee
  entry: CatalogueEntry
  csrf: string
  values: FormValues
  errors: PlacedError[]
}) {
  const model = formModel(props.entry.recordSchema)
  const cid = encodeURIComponent(props.committee.id)
  return (
    <Layout
      title={`填报：${model.title}`}
      section="committees"
      crumbs={[...committeeCrumbs(props.committee), { label: '填报' }]}
    >
      <p>
        标注“必填”的项目都要填写；金额以元为单位。收入合计、支出合计须等于明细之和，期末结余 =
        期初结余 + 收入合计 − 支出合计。
      </p>
      <RecordForm
        model={model}
        action={`/committees/${cid}/records/new?entry=${encodeURIComponent(props.entry.id)}`}
        csrf={props.csrf}
        values={props.values}
        errors={props.errors}
      />
    </Layout>
  )
}

/** `/committees/:id/records/:recordId`: the public page of one record. */
export function RecordPage(props: {
  committee: Committee
  entry: CatalogueEntry
  record: PublishedRecord
  notice?: string
}) {
  const model = formModel(props.entry.recordSchema)
  const title = `${props.committee.name} ${recordTitle(props.record)}${model.title}`
  const href = recordHref(props.committee.id, props.record)
  return (
    <Layout
      title={title}
      section="committees"
      crumbs={[...committeeCrumbs(props.committee), { label: recordTitle(props.record) }]}
    >
      {props.notice ? (
        <p class="notice success" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.record.withdrawn ? (
        <p class="notice" role="status">{`本记录已撤回：${props.record.withdrawnReason ?? ''}`}</p>
      ) : null}
      <p class="muted">{`公开于 ${props.record.createdAt.slice(0, 10)}${
        props.record.revision && props.record.revision > 1
          ? `，第 ${props.record.revision} 次修订`
          : ''
      }`}</p>
      <RecordView model={model} data={props.record.data} idPrefix="rv" />
      <p class="no-print">
        <a class="button secondary" href={`${href}/print`}>
          打印公示栏张贴版（A4，含二维码）
        </a>
      </p>
    </Layout>
  )
}

/** `/committees/:id/records/:recordId/print`: the A4 公示栏 sheet with a QR code to the record. */
export function PrintPage(props: {
  committee: Committee
  entry: CatalogueEntry
  record: PublishedRecord
  recordUrl: string
}) {
  const model = formModel(props.entry.recordSchema)
  const heading = `${props.committee.name}${recordTitle(props.record)}${model.title}`
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${heading}（公示栏）`}</title>
        <link rel="stylesheet" href={CSS_HREF} />
      </head>
      <body>
        <main class="site-main print-sheet">
          <h1>{heading}</h1>
          <p class="no-print">
            <a href={props.recordUrl}>返回记录页</a>（使用浏览器“打印”即可打印 A4 张贴版）
          </p>
          <RecordView model={model} data={props.record.data} idPrefix="pv" />
          <figure>
            {raw(qrSvg(props.recordUrl, `二维码：扫码查看本公示的网页 ${props.recordUrl}`))}
            <figcaption>
              <strong>扫码看</strong>：手机扫描二维码，查看本公示的网页版和修订记录。
              <br />
              {props.recordUrl}
            </figcaption>
          </figure>
          <p>{`公示日期：${props.record.createdAt.slice(0, 10)}　　公示单位：${props.committee.name}`}</p>
        </main>
      </body>
    </html>
  )
}
