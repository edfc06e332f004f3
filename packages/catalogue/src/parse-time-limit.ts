import type {
  CompositeTimeLimit,
  CompositeTimeLimitPart,
  ContentKind,
  Period,
  RecurringTimeLimit,
  TimeLimit,
  TriggerCode,
} from '@gongkai/schema'
import { NUMBER_SOURCE, parseNumber } from './chinese-number.js'

const NUM = `(${NUMBER_SOURCE})`
// 工作日 counts working days; 日 / 天 / 自然日 count every day.
const UNIT = '(个)?(工作日|自然日|日|天)'

// A minimum posting or consultation period: 公示7个工作日, 公告时间不少于三十日 …
const PUBLICITY = new RegExp(
  `(?:公示(?:期|时间|期限)?(?:应|为)?|不少于|不得少于|不低于|至少)${NUM}${UNIT}(?:以上)?`
)
const FIXED_DATE = new RegExp(`(每年|次年|年度)?(?:的)?${NUM}月${NUM}日(前|之前|以前)?`, 'g')
// Hours before an event round up to calendar days (提前48小时 -> 2 days).
const BEFORE_EVENT = [
  new RegExp(`(?:提前|前)${NUM}(个)?(工作日|自然日|日|天|小时)`),
  new RegExp(`${NUM}(个)?(工作日|自然日|日|天|小时)(?:以前|之前|前)`),
]
const AFTER_EVENT = new RegExp(`${NUM}${UNIT}`)

const unitOf = (word: string): Period['unit'] =>
  word === '工作日' ? 'working_day' : 'calendar_day'
const daysOf = (amount: number, word: string) => (word === '小时' ? Math.ceil(amount / 24) : amount)

// Ordered: the first match decides, so the specific wordings come before the generic ones.
const AFTER_TRIGGERS: [RegExp, TriggerCode][] = [
  [/人大.*批准|批准后/, 'budget_approved'],
  [/财政.*批复|批复后/, 'budget_replied'],
  [/延长/, 'extension_approved'],
  [/征求意见书/, 'consultation_sent'],
  [/收到补正|补正后/, 'correction_received'],
  [/收到.*申请|申请之日|申请件|收到留言/, 'request_received'],
  [/作出.*决定|决定之日|决定作出|决策作出|决定.*作出/, 'decision_made'],
  [/(形成|产生|制作|获取)(或者?|及|、|\(|（)变更|形成\/变更/, 'formed_or_changed'],
  [/制定或获取|制作或获取|获取/, 'formed_or_obtained'],
  [/修改|废止/, 'changed'],
  [/形成|产生|制作|编制完成/, 'formed'],
  [/变更|调整/, 'changed'],
  [/印发|出台|发布之日/, 'policy_issued'],
  [/审批|审核通过|批准|核准/, 'approved'],
  [/会议|召开/, 'meeting_held'],
  [/统计期|期满/, 'period_end'],
  [/开工/, 'project_start'],
  [/之日起|后|发生/, 'event_occurred'],
]

const BEFORE_TRIGGERS: [RegExp, TriggerCode][] = [
  [/采购/, 'procurement_start'],
  [/会议|召开|听证/, 'meeting_held'],
  [/开工|实施|建设/, 'project_start'],
]

const RECURRENCE: [RegExp, RecurringTimeLimit['recurrence']][] = [
  [/每日|每天|按日|日报/, 'daily'],
  [/每周|按周|每个星期|周报/, 'weekly'],
  [/每月|按月|每个月|月度公开/, 'monthly'],
  [/每季度?|每个季度|每一季度|按季度?|季度公开/, 'quarterly'],
  [/每半年|半年一次|半年度/, 'semiannual'],
  [/每年|按年度?|一年一次|年度公开/, 'annual'],
]

const REALTIME = /实时|即时/
const LONG_TERM = /长期/
const TIMELY = /及时|随时|动态|适时|常态|持续|第一时间|同步|立即/
const ON_CHANGE = /变更|变化|调整|更新/

function triggerFrom(text: string, table: [RegExp, TriggerCode][], fallback: TriggerCode) {
  for (const [re, code] of table) if (re.test(text)) return code
  return fallback
}

/**
 * Parses a printed 公开时限 (the recurring wordings of the standard catalogues) into a structured TimeLimit; never throws.
 * Text it cannot read becomes qualitative `timely`, keeping the text.
 * @example parseTimeLimit('信息形成或者变更之日起20个工作日内')
 * // { type: 'after_event', text: '…', trigger: 'formed_or_changed', amount: 20, unit: 'working_day' }
 */
export function parseTimeLimit(text: string): TimeLimit {
  return compositeOf(text) ?? parseClause(text)
}

// Words that name the kind of content a clause governs (其中行政许可、行政处罚事项…), in the
// content-kinds vocabulary's order.
const KIND_WORDS: [RegExp, ContentKind][] = [
  [/政策文件/, 'policy'],
  [/规范性文件/, 'normative_document'],
  [/解读/, 'interpretation'],
  [/预决算|预算|决算/, 'budget'],
  [/许可/, 'administrative_licence'],
  [/处罚/, 'administrative_penalty'],
]

/**
 * A limit printed as several clauses with their own number, one of them (or more) for named kinds:
 * 「信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示」.
 * Undefined unless every clause is an after_event limit, at least one names kinds and at most one
 * does not, so 「…20个工作日内；公示7个工作日」 stays one limit with a publicity period.
 */
function compositeOf(text: string): CompositeTimeLimit | undefined {
  const clauses = text
    .split(/[；;。]/)
    .map((c) => c.trim())
    .filter((c) => c !== '')
  if (clauses.length < 2) return undefined
  const parts: CompositeTimeLimitPart[] = []
  for (const clause of clauses) {
    const limit = parseClause(clause)
    if (limit.type !== 'after_event') return undefined
    const kinds = KIND_WORDS.filter(([re]) => re.test(clause)).map(([, kind]) => kind)
    parts.push(kinds.length ? { appliesTo: kinds, ...limit } : limit)
  }
  const general = parts.filter((p) => p.appliesTo === undefined).length
  if (general > 1 || general === parts.length) return undefined
  return { type: 'composite', text, parts }
}

function parseClause(text: string): Exclude<TimeLimit, CompositeTimeLimit> {
  // Normalise full-width digits and drop spaces so patterns see one spelling.
  let work = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
  let publicityPeriod: Period | undefined
  const pub = PUBLICITY.exec(work)
  if (pub) {
    const amount = parseNumber(pub[1] as string)
    if (Number.isFinite(amount)) {
      publicityPeriod = { amount, unit: unitOf(pub[3] as string) }
      work = work.replace(pub[0], '')
    }
  }
  const withPublicity = <T extends object>(t: T) =>
    publicityPeriod ? { ...t, publicityPeriod } : t

  // 每年1月1日至6月30日: the deadline is the end of the range; otherwise the date said 前.
  const dates = [...work.matchAll(FIXED_DATE)]
  const fixed =
    dates.find((d) => d[4]) ??
    (work.includes('至') ? dates[dates.length - 1] : dates.find((d) => d[1]))
  if (fixed && (dates.some((d) => d[1]) || fixed[4])) {
    const month = parseNumber(fixed[2] as string)
    const day = parseNumber(fixed[3] as string)
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31)
      return { type: 'fixed_date', text, month, day }
  }

  for (const [re, recurrence] of RECURRENCE) {
    if (!re.test(work)) continue
    const offset = AFTER_EVENT.exec(work)
    const amount = offset ? parseNumber(offset[1] as string) : Number.NaN
    return withPublicity({
      type: 'recurring' as const,
      text,
      recurrence,
      ...(offset && Number.isFinite(amount)
        ? { dueOffset: { amount, unit: unitOf(offset[3] as string) } }
        : {}),
    })
  }

  for (const re of BEFORE_EVENT) {
    const m = re.exec(work)
    if (!m) continue
    const amount = parseNumber(m[1] as string)
    if (!Number.isFinite(amount)) continue
    return {
      type: 'before_event',
      text,
      trigger: triggerFrom(work, BEFORE_TRIGGERS, 'event_occurred'),
      amount: daysOf(amount, m[3] as string),
      unit: unitOf(m[3] as string),
    }
  }

  const after = AFTER_EVENT.exec(work)
  if (after) {
    const amount = parseNumber(after[1] as string)
    if (Number.isFinite(amount))
      return withPublicity({
        type: 'after_event' as const,
        text,
        // 条例 Art. 26: formation or change is the default clock start. Only the clause of
        // the number counts: 「信息形成…20个工作日内；其中处罚决定…7个工作日内」 starts at formation.
        trigger: triggerFrom(clauseOf(work, after.index), AFTER_TRIGGERS, 'formed_or_changed'),
        amount,
        unit: unitOf(after[3] as string),
      })
  }

  const onChange = ON_CHANGE.test(work) ? { onChange: true } : {}
  if (REALTIME.test(work))
    return withPublicity({ type: 'qualitative' as const, text, kind: 'realtime' as const })
  if (LONG_TERM.test(work))
    return withPublicity({
      type: 'qualitative' as const,
      text,
      kind: 'long_term' as const,
      ...onChange,
    })
  return withPublicity({ type: 'qualitative' as const, text, kind: 'timely' as const, ...onChange })
}

/** The clause (between ；，。 separators) holding position `at`, up to that position. */
function clauseOf(text: string, at: number): string {
  const start = Math.max(...['；', ';', '，', ',', '。'].map((s) => text.lastIndexOf(s, at))) + 1
  return text.slice(start, at)
}

// Wording with no computable date in the schema's terms: an unstated lead time (提前公布), a
// regular but unspecified rhythm (定期), a phase, or together with another publication (随采购公告
// 公开; 在实地启动拟征收土地工作时).
const OTHER_QUALITATIVE = /定期|提前|同时|期间|阶段|期限内|实施前|举行前|随[^，。；]*公开|工作时/

/** True when the text names a qualitative deadline (实时/及时/长期/随时/即时/动态 …) rather than a number. */
export function isQualitativeText(text: string): boolean {
  return (
    REALTIME.test(text) || LONG_TERM.test(text) || TIMELY.test(text) || OTHER_QUALITATIVE.test(text)
  )
}
