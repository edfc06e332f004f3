import {
  CasesError,
  type Consultations,
  type Messages,
  openConsultations,
  openMessages,
} from '@gongkai/cases'
import type { ContentItem } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { casesRefusal } from './cases-refusal.js'
import type { OrganInfo, PortalSource } from './portal-source.js'

// Test and demo data of 政民互动 and 意见征集 on the real @gongkai/cases in the fixture's temp store
// (as the gateway keeps them): published and unpublished answers, open messages of two organs, a
// consultation whose feedback is published on a policy, one whose feedback is due and one open.

/** The day the fixture lives on (its clocks and the officer's answer dates). */
const FIXTURE_TODAY = '2024-05-06'

/** The organs of the fixture: the officer works for the first. */
const FIXTURE_ORGANS: OrganInfo[] = [
  {
    id: 'cn-edu',
    name: '长宁区教育局',
    kind: 'department',
    address: '上海市长宁区愚园路1320号',
    phone: '021-22050800',
    email: 'jyj@shcn.gov.cn',
  },
  { id: 'cn-civil', name: '长宁区民政局', kind: 'department' },
]

/** The officer's token (of 长宁区教育局), as the officer types it on `/officer/login`. */
export const FIXTURE_OFFICER_TOKEN = 'gk_fixture-officer-token'

/** Ids of the seeded items, for the tests. */
export interface ParticipationIds {
  /** A published answer. */
  published: string
  /** An answered message not published. */
  unpublished: string
  /** Open messages of the officer's organ: overdue, and due tomorrow. */
  overdue: string
  dueSoon: string
  /** An open message of the other organ. */
  otherOrgan: string
  /** Consultations: feedback published (on `FIXTURE_POLICY`), feedback due, still open. */
  withFeedback: string
  feedbackDue: string
  open: string
}

/** The question of the published answer (words a search for it uses). */
export const FIXTURE_PUBLISHED_QUESTION = '请问2024年公办小学招生报名的时间和网上入口在哪里？'

async function seed(
  messages: Messages,
  consultations: Consultations,
  content: readonly ContentItem[]
): Promise<ParticipationIds> {
  const add = async (organ: string, received: string, question: string, more = {}) =>
    (
      await messages.add({
        organ,
        channel: 'website',
        received,
        question,
        sender: '王某（13912345678）',
        ...more,
      })
    ).id
  const published = await add('cn-edu', '2024-04-22', FIXTURE_PUBLISHED_QUESTION)
  await messages.appendEvent(published, {
    type: 'answered',
    date: '2024-04-25',
    text: '报名时间为2024年4月28日至5月10日。\n报名入口为“上海市义务教育入学报名系统”。',
    publish: true,
  })
  const unpublished = await add('cn-edu', '2024-04-23', '孩子的学籍转入需要哪些材料？', {
    channel: 'hotline_12345',
  })
  await messages.appendEvent(unpublished, {
    type: 'answered',
    date: '2024-04-24',
    text: '已电话告知所需材料。',
    publish: false,
  })
  const overdue = await add('cn-edu', '2024-04-24', '本区学区划分方案什么时候公布？')
  const dueSoon = await add('cn-edu', '2024-05-06', '区图书馆少儿阅览室周一开放吗？', {
    simple: true,
  })
  const otherOrgan = await add('cn-civil', '2024-04-30', '养老服务补贴如何申请？')

  const policy = content[0]?.url ?? ''
  const plan = content[3]?.url ?? ''
  const withFeedback = (
    await consultations.add({
      organ: 'cn-edu',
      title: '《长宁区关于做好2024年义务教育阶段学校招生入学工作的实施意见（征求意见稿）》',
      opened: '2024-02-01',
      closes: '2024-02-29',
    })
  ).id
  for (const e of [
    { type: 'opinions_received', date: '2024-02-20', channel: 'website', count: 12 },
    { type: 'opinions_received', date: '2024-02-26', channel: 'email', count: 3 },
    { type: 'document_issued', date: '2024-03-20', contentId: policy },
    {
      type: 'feedback_published',
      date: '2024-03-28',
      collected: 15,
      adopted: 9,
      notAdoptedReasons: [
        '关于扩大对口入学范围的意见，涉及学校容量，将在年度招生计划中统筹研究。',
        '关于取消积分入学的意见，与本市招生政策不一致，未予采纳。',
      ],
    },
  ])
    await consultations.appendEvent(withFeedback, e)
  const feedbackDue = (
    await consultations.add({
      organ: 'cn-edu',
      title: '《2024年长宁区公办小学招生计划（征求意见稿）》',
      opened: '2024-03-01',
      closes: '2024-03-31',
    })
  ).id
  await consultations.appendEvent(feedbackDue, {
    type: 'opinions_received',
    date: '2024-03-15',
    channel: 'letter',
    count: 4,
  })
  await consultations.appendEvent(feedbackDue, {
    type: 'document_issued',
    date: '2024-04-29',
    contentId: plan,
  })
  const open = (
    await consultations.add({
      organ: 'cn-edu',
      title: '《长宁区学前教育三年行动计划（征求意见稿）》',
      opened: '2024-04-25',
      closes: '2024-05-24',
    })
  ).id
  return { published, unpublished, overdue, dueSoon, otherOrgan, withFeedback, feedbackDue, open }
}

/** Maps `not_found` (and a malformed id) to undefined, as a page's 404. */
async function orAbsent<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof CasesError && (err.code === 'not_found' || err.code === 'bad_request'))
      return undefined
    throw err
  }
}

/** The participation part of the fixture's source, on messages and consultations in `store`. */
export async function participationSource(
  store: Store,
  content: readonly ContentItem[]
): Promise<{ source: Partial<PortalSource>; ids: ParticipationIds }> {
  const options = { organs: FIXTURE_ORGANS.map((o) => o.id), today: () => FIXTURE_TODAY }
  const messages = await openMessages(store, options)
  const consultations = await openConsultations(store, options)
  const ids = await seed(messages, consultations, content)
  const listing = (v: Awaited<ReturnType<Consultations['show']>>) => {
    const { events: _e, ...rest } = v
    const left =
      v.status === 'open' ? consultations.engine.workingDaysBetween(FIXTURE_TODAY, v.closes) : null
    return { ...rest, workingDaysToClose: left }
  }
  const ofOrgan = async <T extends { organ: string }>(organ: string, get: () => Promise<T>) => {
    const v = await orAbsent(get)
    return v?.organ === organ ? v : undefined
  }
  const source: Partial<PortalSource> = {
    organs: async () => FIXTURE_ORGANS,
    officerForToken: async (token) =>
      token === FIXTURE_OFFICER_TOKEN ? { organ: 'cn-edu', tokenId: 'tok-officer' } : undefined,
    publishedAnswers: (offset, limit) => messages.published({ offset, limit }),
    publishedAnswer: (id) => orAbsent(() => messages.showPublished(id)),
    consultations: async () => (await consultations.list()).items.map(listing),
    consultation: async (id) => {
      const v = await orAbsent(() => consultations.show(id))
      return v && listing(v)
    },
    document: async (id) => content.find((d) => d.url === id || d.id === id),
    documentConsultations: async (item) => consultations.ofContent(item.url),
    organMessages: (organ, asOf) =>
      messages.list({ organ, status: 'all', ...(asOf ? { asOf } : {}) }),
    organMessage: (organ, id, asOf) =>
      ofOrgan(organ, () => messages.show(id, asOf ? { asOf } : {})),
    async answerMessage(organ, id, answer) {
      if (!(await ofOrgan(organ, () => messages.show(id)))) return undefined
      try {
        await messages.appendEvent(id, { type: 'answered', ...answer })
        return { ok: true, value: await messages.show(id) }
      } catch (err) {
        return casesRefusal(err)
      }
    },
    organConsultations: async (organ, asOf) =>
      (await consultations.list({ organ, ...(asOf ? { asOf } : {}) })).items,
    organConsultation: (organ, id, asOf) =>
      ofOrgan(organ, () => consultations.show(id, asOf ? { asOf } : {})),
    async publishFeedback(organ, id, feedback) {
      if (!(await ofOrgan(organ, () => consultations.show(id)))) return undefined
      try {
        await consultations.appendEvent(id, { type: 'feedback_published', ...feedback })
        return { ok: true, value: await consultations.show(id) }
      } catch (err) {
        return casesRefusal(err)
      }
    },
  }
  return { source, ids }
}
