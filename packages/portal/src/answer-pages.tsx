import type { PublicMessage } from '@gongkai/cases'
import { Empty, Layout } from './layout.js'
import { Pager } from './pager.js'
import { excerpt, MESSAGE_CHANNEL_LABELS } from './participation-labels.js'
import type { OrganContact } from './site.js'

/** Page size of the published answers. */
export const ANSWERS_PAGE = 20

/** Where the Atom feed of published answers lives (the gateway serves it). */
const FEED_HREF = '/feeds/messages.atom'

const feedLink = (
  <link rel="alternate" type="application/atom+xml" title="政民互动答复" href={FEED_HREF} />
)

const organName = (organs: readonly OrganContact[], id: string) =>
  organs.find((o) => o.id === id)?.name ?? id

/** `/zmhd`: the published 政民互动 answers, newest first: question and answer, never the sender. */
export function AnswersPage(props: {
  items: PublicMessage[]
  total: number
  page: number
  organs: readonly OrganContact[]
}) {
  const pages = Math.max(1, Math.ceil(props.total / ANSWERS_PAGE))
  return (
    <Layout
      title="政民互动"
      description="政民互动：网站留言、12345热线和信箱来信的公开答复，含问题、答复单位和答复日期。"
      crumbs={[{ label: '首页', href: '/' }, { label: '政民互动' }]}
      head={feedLink}
    >
      <p class="lead">
        网站留言、12345市民服务热线和信箱来信的答复，经留言人同意后公开。公开内容只有问题和答复，不公开留言人信息。
        一般留言在5个工作日内答复，简单咨询在1个工作日内答复。
      </p>
      <p>
        <a href={FEED_HREF}>订阅答复（Atom）</a>　<a href="/yjzj">意见征集</a>
      </p>
      <h2>已公开的答复</h2>
      <p role="status">{`共 ${props.total} 条答复，第 ${props.page}/${pages} 页`}</p>
      {props.items.length === 0 ? (
        <Empty>暂无公开的答复。</Empty>
      ) : (
        <ul class="cards">
          {props.items.map((m) => (
            <li>
              <h3>
                <a href={`/zmhd/${encodeURIComponent(m.id)}`}>
                  {excerpt(m.question ?? `留言 ${m.id}`, 60)}
                </a>
              </h3>
              <p class="muted">
                {[
                  organName(props.organs, m.organ),
                  MESSAGE_CHANNEL_LABELS[m.channel],
                  `收到 ${m.received}`,
                  `答复 ${m.answer.date}`,
                ].join(' · ')}
              </p>
              <p>{excerpt(m.answer.text, 120)}</p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={props.page} pages={pages} href={(p) => `/zmhd?page=${p}`} />
    </Layout>
  )
}

/** `/zmhd/:id`: one published answer. */
export function AnswerPage(props: { message: PublicMessage; organs: readonly OrganContact[] }) {
  const m = props.message
  const title = excerpt(m.question ?? `留言 ${m.id}`, 40)
  return (
    <Layout
      title={title}
      description={`政民互动答复：${excerpt(m.question ?? m.id, 80)}`}
      crumbs={[{ label: '首页', href: '/' }, { label: '政民互动', href: '/zmhd' }, { label: m.id }]}
      head={feedLink}
    >
      <dl class="props">
        <dt>答复单位</dt>
        <dd>{organName(props.organs, m.organ)}</dd>
        <dt>渠道</dt>
        <dd>{MESSAGE_CHANNEL_LABELS[m.channel]}</dd>
        <dt>收到日期</dt>
        <dd>
          <time datetime={m.received}>{m.received}</time>
        </dd>
        <dt>答复日期</dt>
        <dd>
          <time datetime={m.answer.date}>{m.answer.date}</time>
        </dd>
      </dl>
      <h2>问题</h2>
      <p class="pre-line">{m.question ?? '（问题未公开）'}</p>
      <h2>答复</h2>
      <p class="pre-line">{m.answer.text}</p>
    </Layout>
  )
}
