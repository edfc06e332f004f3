import { isIsoDate } from '@gongkai/text'

const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/

/**
 * The calendar date in China (UTC+8) of a `YYYY-MM-DD` date or ISO date-time; undefined when the
 * text is neither. A date-time without an offset is taken as local Chinese time.
 * @example dateOnly('2021-05-13T20:00:00Z') // '2021-05-14'
 */
export function dateOnly(text: string | undefined): string | undefined {
  if (typeof text !== 'string') return undefined
  const s = text.trim()
  if (isIsoDate(s)) return s
  const m = DATETIME.exec(s)
  if (!m) return undefined
  if (!m[3]) return isIsoDate(m[1] as string) ? m[1] : undefined
  const t = Date.parse(s)
  if (Number.isNaN(t)) return undefined
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10)
}

/** Calendar days from `a` to `b` (both `YYYY-MM-DD`), negative when `b` is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}
