import { todayInShanghai } from '@gongkai/calendar'
import { CasesError, type OfficerConsultation } from '@gongkai/cases'
import { displayedItem } from '@gongkai/linker'
import { type ConsultationListing, casesRefusal, type PortalSource } from '@gongkai/portal'
import type { GatewayDeps } from '../deps.js'

type ParticipationSource = Pick<
  PortalSource,
  | 'publishedAnswers'
  | 'publishedAnswer'
  | 'consultations'
  | 'consultation'
  | 'document'
  | 'documentConsultations'
  | 'organMessages'
  | 'organMessage'
  | 'answerMessage'
  | 'organConsultations'
  | 'organConsultation'
  | 'publishFeedback'
>

/** `work`'s value, or undefined when the item does not exist (or its id is malformed): the page's 404. */
async function unlessAbsent<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof CasesError && ['not_found', 'bad_request'].includes(err.code))
      return undefined
    throw err
  }
}

/**
 * The portal's 政民互动 and 意见征集 pages on the gateway's messages, consultations and content
 * index. An officer reaches only items its organ holds; an answer published through the page
 * refreshes the search index as the REST write does.
 */
export function participationSource(deps: GatewayDeps): ParticipationSource {
  const { messages, consultations } = deps
  // The public pages read consultations on the gateway's clock (config `now`), as its tests set it.
  const today = () => todayInShanghai(deps.config.now())
  const listing = (v: OfficerConsultation): ConsultationListing => {
    const { events: _e, ...rest } = v
    const open = v.status === 'open'
    const left = open ? consultations.engine.workingDaysBetween(today(), v.closes) : null
    return { ...rest, workingDaysToClose: left }
  }
  /** The item when the organ holds it; undefined otherwise, exactly as if it did not exist. */
  const held = async <T extends { organ: string }>(organ: string, read: () => Promise<T>) => {
    const item = await unlessAbsent(read)
    return item?.organ === organ ? item : undefined
  }
  const asOfOption = (asOf: string | undefined) => (asOf ? { asOf } : {})

  return {
    publishedAnswers: (offset, limit) => messages.published({ offset, limit }),
    publishedAnswer: (id) => unlessAbsent(() => messages.showPublished(id)),
    consultations: async () => (await consultations.list({ asOf: today() })).items.map(listing),
    async consultation(id) {
      const v = await unlessAbsent(() => consultations.show(id, { asOf: today() }))
      return v ? listing(v) : undefined
    },
    async document(id) {
      const item = await deps.contentIndex.get(id)
      if (item) return displayedItem(item)
      // A consultation may name the document by its `id` rather than its URL.
      for await (const x of deps.contentIndex.all()) if (x.id === id) return displayedItem(x)
      return undefined
    },
    async documentConsultations(item) {
      const keys = [item.url, ...(item.id && item.id !== item.url ? [item.id] : [])]
      return (await Promise.all(keys.map((k) => consultations.ofContent(k)))).flat()
    },
    organMessages: (organ, asOf) => messages.list({ organ, status: 'all', ...asOfOption(asOf) }),
    organMessage: (organ, id, asOf) => held(organ, () => messages.show(id, asOfOption(asOf))),
    async answerMessage(organ, id, answer) {
      if (!(await held(organ, () => messages.show(id)))) return undefined
      try {
        await messages.appendEvent(id, { type: 'answered', ...answer })
      } catch (err) {
        return casesRefusal(err)
      }
      await deps.search.afterWrite(['answer'])
      return { ok: true, value: await messages.show(id) }
    },
    organConsultations: async (organ, asOf) =>
      (await consultations.list({ organ, ...asOfOption(asOf) })).items,
    organConsultation: (organ, id, asOf) =>
      held(organ, () => consultations.show(id, asOfOption(asOf))),
    async publishFeedback(organ, id, feedback) {
      if (!(await held(organ, () => consultations.show(id)))) return undefined
      try {
        await consultations.appendEvent(id, { type: 'feedback_published', ...feedback })
      } catch (err) {
        return casesRefusal(err)
      }
      return { ok: true, value: await consultations.show(id) }
    },
  }
}
