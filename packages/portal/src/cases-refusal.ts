import { CasesError } from '@gongkai/cases'
import { isRuleCode, RULE_NAMES_ZH } from '@gongkai/privacy'
import type { WriteResult } from './portal-source.js'

// The officer forms write through @gongkai/cases, whose refusals are codes and English messages for
// the API; the officer reads them in Chinese, naming the field and what to change.

const FIELDS: Record<string, string> = {
  question: '问题',
  text: '答复内容',
  date: '日期',
  collected: '收集意见',
  adopted: '采纳意见',
  notAdoptedReasons: '未采纳的理由',
}

/** The form field a JSON pointer or parameter names (`/notAdoptedReasons/1` → 第 2 条未采纳的理由). */
function fieldName(pointer: string): string {
  const [name = '', index] = pointer.replace(/^\//, '').split('/')
  const label = FIELDS[name] ?? name
  return index !== undefined && /^\d+$/.test(index) ? `第 ${Number(index) + 1} 条${label}` : label
}

const HISTORY_RULES: Record<string, string> = {
  future_date: '日期不能晚于今天',
  before_receipt: '日期不能早于收到留言的日期',
  before_opening: '日期不能早于征集开始的日期',
  second_answer: '这条留言已经答复过了',
  after_final: '这条留言已关闭',
  feedback_before_issue: '文件印发并登记后才能公布采纳情况',
  second_feedback: '采纳情况已经公布过了',
  collected_below_recorded: '收集意见的条数少于已登记收到的意见',
}

/**
 * A refusal of `@gongkai/cases` as the errors of a {@link WriteResult}, in the officer's words:
 * personal information (which field, what kind, the masked value), an impossible history, a
 * malformed value. Anything else (a failure, not a refusal) is thrown on.
 */
export function casesRefusal(err: unknown): WriteResult<never> {
  if (!(err instanceof CasesError) || err.code === 'not_found') throw err
  if (err.code === 'personal_information' && Array.isArray(err.details)) {
    return {
      ok: false,
      errors: (err.details as { pointer: string; rule: string; value: string }[]).map((f) => ({
        pointer: f.pointer,
        message: `${fieldName(f.pointer)}含有${isRuleCode(f.rule) ? RULE_NAMES_ZH[f.rule] : '个人信息'}（${f.value}）：公开的文字不能含有个人信息，请删除，或选择不公开。`,
      })),
    }
  }
  const details = (err.details ?? {}) as { rule?: string; parameter?: string; expected?: string }
  if (err.code === 'impossible_history') {
    const why = (details.rule && HISTORY_RULES[details.rule]) ?? `不符合办理规则（${details.rule}）`
    return { ok: false, errors: [{ pointer: '', message: `无法保存：${why}。` }] }
  }
  const field = details.parameter ? fieldName(details.parameter) : ''
  return {
    ok: false,
    errors: [
      {
        pointer: details.parameter ? `/${details.parameter}` : '',
        message: `${field ? `${field}：` : ''}填写有误（应为 ${details.expected ?? '有效的值'}）。`,
      },
    ],
  }
}
