import type { ConsultationView } from '@gongkai/cases'
import type { ContentItem } from '@gongkai/schema'
import { label } from './labels.js'
import { Empty, Layout } from './layout.js'
import { documentPath, OPINION_CHANNEL_LABELS } from './participation-labels.js'
import type { ConsultationListing } from './portal-source.js'
import { SafeLink } from './safe-link.js'
import type { OrganContact } from './site.js'

const organOf = (organs: readonly OrganContact[], id: string): OrganContact =>
  organs.find((o) => o.id === id) ?? { id, name: id }

const consultationPath = (id: string) => `/yjzj/${encodeURIComponent(id)}`

/** How long a consultation still collects opinions, in words. */
function closing(c: ConsultationListing): string {
  if (c.workingDaysToClose === null) return `已于 ${c.closes} 截止`
  if (c.workingDaysToClose <= 0) return `今天（${c.closes}）截止`
  return `剩 ${c.workingDaysToClose} 个工作日（${c.closes} 截止）`
}

/** Where the feedback of a consultation stands, in words (plan 四(三): 10 working days after issue). */
function feedbackState(c: ConsultationView): string {
  if (c.feedback) return `采纳情况已于 ${c.feedback.published} 公布`
  if (c.clock.dueDate) {
    return c.clock.overdue
      ? `文件已印发，采纳情况应于 ${c.clock.dueDate} 前公布，已逾期`
      : `文件已印发，采纳情况将于 ${c.clock.dueDate} 前公布`
  }
  return c.status === 'open' ? '正在征集意见' : '征集已结束，文件尚未印发'
}

/** How to send an opinion: to the organ, by its e-mail and address when configured. */
function HowToSend(props: { organ: OrganContact; closes: string }) {
  const o = props.organ
  return (
    <>
      <p>{`请在 ${props.closes} 前，通过以下方式向${o.name}提出意见，注明“意见征集”和文件名称：`}</p>
      <ul>
        {o.email ? (
          <li>
            电子邮件：<a href={`mailto:${o.email}`}>{o.email}</a>
          </li>
        ) : null}
        {o.address ? <li>{`信函：${o.address}`}</li> : null}
        {o.phone ? <li>{`电话：${o.phone}`}</li> : null}
        <li>
          网站留言：在<a href="/zmhd">政民互动</a>栏目留言
        </li>
      </ul>
    </>
  )
}

/** `/yjzj`: open consultations (with the days left and how to take part) and the closed ones. */
export function ConsultationsPage(props: {
  items: ConsultationListing[]
  organs: readonly OrganContact[]
}) {
  const open = props.items.filter((c) => c.status === 'open')
  const closed = props.items.filter((c) => c.status !== 'open')
  return (
    <Layout
      title="意见征集"
      description="意见征集：正在征求公众意见的文件草案、截止日期和提交意见的方式，已结束征集的意见采纳情况。"
      crumbs={[{ label: '首页', href: '/' }, { label: '意见征集' }]}
    >
      <p class="lead">
        起草涉及群众切身利益的政策文件时，公开征求公众意见；文件印发后10个工作日内公布意见收集和采纳情况，说明未采纳的理由。
      </p>
      <h2 id="open">正在征集</h2>
      {open.length === 0 ? (
        <Empty>目前没有正在征集意见的文件。</Empty>
      ) : (
        <ul class="cards" aria-labelledby="open">
          {open.map((c) => (
            <li>
              <h3>
                <a href={consultationPath(c.id)}>{c.title}</a>
              </h3>
              <dl class="props">
                <dt>征集单位</dt>
                <dd>{organOf(props.organs, c.organ).name}</dd>
                <dt>征集期</dt>
                <dd>{`${c.opened} 至 ${c.closes}`}</dd>
                <dt>截止</dt>
                <dd>{closing(c)}</dd>
              </dl>
              <p>
                <a href={`${consultationPath(c.id)}#send`}>
                  如何提出意见<span class="sr-only">：{c.title}</span>
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2 id="closed">已结束</h2>
      {closed.length === 0 ? (
        <Empty>暂无已结束的意见征集。</Empty>
      ) : (
        <ul class="cards" aria-labelledby="closed">
          {closed.map((c) => (
            <li>
              <h3>
                <a href={consultationPath(c.id)}>{c.title}</a>
              </h3>
              <p class="muted">
                {[
                  organOf(props.organs, c.organ).name,
                  `征集期 ${c.opened} 至 ${c.closes}`,
                  `收到意见 ${c.opinions.total} 条`,
                ].join(' · ')}
              </p>
              <p>{feedbackState(c)}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** The published feedback of a consultation, or when it is due. */
function Feedback(props: { c: ConsultationView; headingLevel: 'h3' | 'h4' }) {
  const c = props.c
  const H = props.headingLevel
  if (!c.feedback) return <p>{feedbackState(c)}。</p>
  const f = c.feedback
  return (
    <>
      <dl class="props">
        <dt>公布日期</dt>
        <dd>
          <time datetime={f.published}>{f.published}</time>
        </dd>
        <dt>收集意见</dt>
        <dd>{`${f.collected} 条`}</dd>
        <dt>采纳意见</dt>
        <dd>{`${f.adopted} 条`}</dd>
        <dt>未采纳</dt>
        <dd>{`${f.collected - f.adopted} 条`}</dd>
      </dl>
      {f.notAdoptedReasons.length > 0 ? (
        <>
          <H>未采纳的理由</H>
          <ul>
            {f.notAdoptedReasons.map((r) => (
              <li class="pre-line">{r}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}

/** `/yjzj/:id`: one consultation: the period, how to send an opinion, what came in and the feedback. */
export function ConsultationPage(props: {
  consultation: ConsultationListing
  organs: readonly OrganContact[]
}) {
  const c = props.consultation
  const organ = organOf(props.organs, c.organ)
  const channels = Object.entries(c.opinions.byChannel) as [
    keyof typeof OPINION_CHANNEL_LABELS,
    number,
  ][]
  return (
    <Layout
      title={c.title}
      description={`意见征集：${c.title}，征集期 ${c.opened} 至 ${c.closes}。`}
      crumbs={[{ label: '首页', href: '/' }, { label: '意见征集', href: '/yjzj' }, { label: c.id }]}
    >
      <dl class="props">
        <dt>征集单位</dt>
        <dd>{organ.name}</dd>
        <dt>征集期</dt>
        <dd>{`${c.opened} 至 ${c.closes}`}</dd>
        <dt>状态</dt>
        <dd>{c.status === 'open' ? closing(c) : feedbackState(c)}</dd>
        {c.document ? (
          <>
            <dt>印发的文件</dt>
            <dd>
              <a
                href={documentPath(c.document.contentId)}
              >{`文件信息（${c.document.issued} 印发）`}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {c.status === 'open' ? (
        <>
          <h2 id="send">如何提出意见</h2>
          <HowToSend organ={organ} closes={c.closes} />
        </>
      ) : null}
      <h2>收到的意见</h2>
      {c.opinions.total === 0 ? (
        <p>尚未登记收到的意见。</p>
      ) : (
        <ul>
          {channels.map(([ch, n]) => (
            <li>{`${OPINION_CHANNEL_LABELS[ch]}：${n} 条`}</li>
          ))}
        </ul>
      )}
      <h2>意见采纳情况</h2>
      <Feedback c={c} headingLevel="h3" />
    </Layout>
  )
}

/** `/documents/view?id=`: a document of the content index, with its 意见征集情况 when it had one. */
export function DocumentPage(props: { item: ContentItem; consultations: ConsultationView[] }) {
  const d = props.item
  const rows: [string, string | undefined][] = [
    ['索引号', d.indexNo],
    ['发文字号', d.docNo],
    ['发布机构', d.issuer],
    ['主题', d.topic],
    ['文件类型', d.kind ? label('content-kinds', d.kind) : undefined],
    ['有效性', d.validity ? label('validity', d.validity) : undefined],
    ['成文日期', d.formedAt],
    ['发布日期', d.publishedAt],
  ]
  return (
    <Layout
      title={d.title}
      section="documents"
      description={`${d.title}${d.docNo ? `（${d.docNo}）` : ''}：索引信息与意见征集情况。`}
      crumbs={[
        { label: '首页', href: '/' },
        { label: '政府文件库', href: '/documents' },
        { label: '文件信息' },
      ]}
    >
      <dl class="props">
        {rows
          .filter((r): r is [string, string] => !!r[1])
          .map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        <dt>原文</dt>
        <dd>
          <SafeLink href={d.url}>{d.url}</SafeLink>
        </dd>
      </dl>
      {d.summary ? <p>{d.summary}</p> : null}
      {props.consultations.length > 0 ? (
        <section aria-labelledby="consultation-feedback">
          <h2 id="consultation-feedback">意见征集情况</h2>
          {props.consultations.map((c) => (
            <>
              <h3>
                <a href={consultationPath(c.id)}>{c.title}</a>
              </h3>
              <p class="muted">{`征集期 ${c.opened} 至 ${c.closes} · 收到意见 ${c.opinions.total} 条`}</p>
              <Feedback c={c} headingLevel="h4" />
            </>
          ))}
        </section>
      ) : null}
    </Layout>
  )
}
