import type { FieldError } from './record-form'

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const get = (o: unknown, k: string) =>
  o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined

/**
 * Cross-field rules JSON Schema cannot state, checked in app code: 期末结余 = 期初结余 + 收入合计
 * − 支出合计 (tolerance 0.005 元), for any record with those four properties.
 */
export function checkRecordRules(data: unknown): FieldError[] {
  const opening = num(get(data, 'openingBalance'))
  const income = num(get(get(data, 'income'), 'total'))
  const spent = num(get(get(data, 'expenditure'), 'total'))
  const closing = num(get(data, 'closingBalance'))
  if (opening === undefined || income === undefined || spent === undefined || closing === undefined)
    return []
  // Work in fen so 0.1 + 0.2 style float noise never decides the outcome.
  const expected = Math.round(opening * 100) + Math.round(income * 100) - Math.round(spent * 100)
  if (Math.abs(Math.round(closing * 100) - expected) <= 0.5) return []
  const shown = (expected / 100).toFixed(2)
  return [
    {
      pointer: '/closingBalance',
      keyword: 'balance',
      message: `期末结余应等于期初结余 + 收入合计 − 支出合计 = ${shown} 元，实际填写 ${closing} 元`,
    },
  ]
}
