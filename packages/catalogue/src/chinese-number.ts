const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}

/** Pattern source matching an Arabic or Chinese numeral (up to the hundreds). */
export const NUMBER_SOURCE = '[0-9]+|[零〇一二两三四五六七八九十百]+'

/** Value of an Arabic or Chinese numeral such as 20, 二十, 十五, 一百二十; NaN when unreadable. */
export function parseNumber(text: string): number {
  if (/^[0-9]+$/.test(text)) return Number(text)
  let total = 0
  let digit = -1
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch] as number
    } else if (ch === '十' || ch === '百') {
      const unit = ch === '十' ? 10 : 100
      // 十五 has no leading digit: it means one ten.
      total += (digit < 0 ? 1 : digit) * unit
      digit = -1
    } else {
      return Number.NaN
    }
  }
  return digit < 0 ? total : total + digit
}
