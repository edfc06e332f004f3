import { describe, expect, it } from 'vitest'
import { limitForKind } from './composite-part.js'
import type {
  AfterEventTimeLimit,
  CompositeTimeLimit,
  CompositeTimeLimitPart,
} from './time-limit.js'

const general: AfterEventTimeLimit = {
  type: 'after_event',
  text: '信息形成20个工作日内公开',
  trigger: 'formed',
  amount: 20,
  unit: 'working_day',
}
const decisions: CompositeTimeLimitPart = {
  ...general,
  appliesTo: ['administrative_licence', 'administrative_penalty'],
  text: '其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
  trigger: 'decision_made',
  amount: 7,
}
const composite: CompositeTimeLimit = { type: 'composite', text: 'x', parts: [general, decisions] }

describe('limitForKind', () => {
  it('picks the part naming the kind, else the general part', () => {
    expect(limitForKind(composite, 'administrative_penalty')).toBe(decisions)
    expect(limitForKind(composite, 'policy')).toBe(general)
    expect(limitForKind(composite, undefined)).toBe(general)
  })
  it('returns other limits unchanged and undefined when a composite has no part for the kind', () => {
    expect(limitForKind(general, 'policy')).toBe(general)
    expect(limitForKind({ ...composite, parts: [decisions, decisions] }, 'policy')).toBeUndefined()
  })
})
