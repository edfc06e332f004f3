import { labelOf } from '@gongkai/schema'

/** Chinese label of a vocabulary code, falling back to the code itself so nothing renders blank. */
export function label(vocabulary: string, code: string | undefined): string {
  if (!code) return ''
  return labelOf(vocabulary, code) ?? code
}

/** Formats a number of 元 with two decimals and thousands separators. */
export function yuan(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value)
    ? value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : ''
}

/** A percentage with one decimal, or an em dash when the denominator is 0. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—'
}
