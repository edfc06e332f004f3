import { isCalendarDate } from '@gongkai/text'

const pad = (n: number) => String(n).padStart(2, '0')

// Years outside this window are typos in CMS exports (e.g. 0202, 20210), never real documents.
const MIN_YEAR = 1949
const MAX_YEAR = 2199

/** True when year/month/day name a real calendar day in the years a document can bear. */
function isRealDay(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && isCalendarDate(y, m, d)
}

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec'

/**
 * The Beijing (UTC+8) calendar day of a date-time that states a zone other than +08:00:
 * `2021-04-16T23:30:00Z` was published on 04-17 in China, where the deadlines are counted.
 * A time at +08:00 or without a zone is taken as written (undefined here).
 */
function inBeijing(s: string): string | undefined {
  let parts: number[] | undefined
  let zone: string | undefined
  const iso =
    /^(\d{4})-(\d{1,2})-(\d{1,2})[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i.exec(
      s
    )
  if (iso) {
    parts = iso.slice(1, 7).map((x) => Number(x ?? 0))
    zone = iso[7]
  } else {
    const rfc =
      /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UT|UTC|Z|[+-]\d{4})$/i.exec(
        s
      )
    const idx = rfc ? MONTHS.indexOf((rfc[2] ?? '').toLowerCase()) : -1
    if (rfc && idx >= 0 && idx % 3 === 0) {
      parts = [rfc[3], idx / 3 + 1, rfc[1], rfc[4], rfc[5], rfc[6] ?? 0].map(Number)
      zone = rfc[7]
    }
  }
  if (!parts || !zone) return undefined
  const [y, mo, d, h, mi, sec] = parts as [number, number, number, number, number, number]
  if (!isRealDay(y, mo, d) || h > 23 || mi > 59 || sec > 60) return undefined
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)
  const offsetMin = z ? (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) : 0
  if (offsetMin === 480) return undefined
  const beijing = new Date(Date.UTC(y, mo - 1, d, h, mi, sec) + (480 - offsetMin) * 60_000)
  return `${beijing.getUTCFullYear()}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())}`
}

/**
 * Normalises the date spellings of Chinese government sites to `YYYY-MM-DD`, or undefined.
 * Accepts `2021年4月14日`, `2021-04-14`, `2021/4/14`, `2021.04.14`, `20210414`, ISO date-times
 * (RFC 3339, as in sitemaps and Atom) and RFC 822 dates (RSS `pubDate`); a time in another zone
 * than +08:00 gives the Beijing calendar day.
 * @example normaliseDate('2021年4月14日') // '2021-04-14'
 */
export function normaliseDate(text: string | undefined | null): string | undefined {
  if (text == null) return undefined
  const s = text.normalize('NFKC').trim()
  if (!s) return undefined
  const zoned = inBeijing(s)
  if (zoned) return zoned
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:$|[\sT])/.exec(s)
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    const d = Number(m[3])
    return isRealDay(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined
  }
  // RFC 822 (RSS): "Wed, 14 Apr 2021 08:00:00 +0800". At +08:00 (or with no time) the calendar
  // day is taken as written; other zones were moved to Beijing time above.
  const rfc = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(s)
  if (rfc) {
    const idx = MONTHS.indexOf((rfc[2] ?? '').toLowerCase())
    if (idx < 0 || idx % 3 !== 0) return undefined
    const y = Number(rfc[3])
    const mo = idx / 3 + 1
    const d = Number(rfc[1])
    return isRealDay(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined
  }
  return undefined
}
