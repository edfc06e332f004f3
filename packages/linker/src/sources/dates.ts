const pad = (n: number) => String(n).padStart(2, '0')

// Years outside this window are typos in CMS exports (e.g. 0202, 20210), never real documents.
const MIN_YEAR = 1949
const MAX_YEAR = 2199

/** True when year/month/day name a real calendar day. */
function isRealDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days
}

/**
 * Normalises the date spellings of Chinese government sites to `YYYY-MM-DD`, or undefined.
 * Accepts `2021年4月14日`, `2021-04-14`, `2021/4/14`, `2021.04.14`, `20210414`, ISO date-times
 * (RFC 3339, as in sitemaps and Atom) and RFC 822 dates (RSS `pubDate`).
 * @example normaliseDate('2021年4月14日') // '2021-04-14'
 */
export function normaliseDate(text: string | undefined | null): string | undefined {
  if (text == null) return undefined
  const s = text.normalize('NFKC').trim()
  if (!s) return undefined
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:$|[\sT])/.exec(s)
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    const d = Number(m[3])
    return isRealDay(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined
  }
  // RFC 822 (RSS): "Wed, 14 Apr 2021 08:00:00 +0800". The calendar day is taken as written,
  // because converting to UTC would move a Beijing-morning publication to the previous day.
  const rfc = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(s)
  if (rfc) {
    const months = 'janfebmaraprmayjunjulaugsepoctnovdec'
    const idx = months.indexOf((rfc[2] ?? '').toLowerCase())
    if (idx < 0 || idx % 3 !== 0) return undefined
    const y = Number(rfc[3])
    const mo = idx / 3 + 1
    const d = Number(rfc[1])
    return isRealDay(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined
  }
  return undefined
}
