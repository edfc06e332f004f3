import { isCalendarDate } from '@gongkai/text'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** GB 11643-1999 MOD 11-2 check character of the first 17 digits of a resident ID. */
export function residentIdCheckDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number)
  return CHECK[sum % 11] as string
}

/** True when y-m-d is a real date between 1900-01-01 and `today`. */
export function isPlausibleBirthDate(y: number, m: number, d: number, today = new Date()): boolean {
  if (y < 1900 || !isCalendarDate(y, m, d)) return false
  return Date.UTC(y, m - 1, d) <= today.getTime()
}

/** An 18-character resident ID: region (first digit 1–9), plausible birth date, right check digit (X allowed). */
export function isValidResidentId18(s: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(s)) return false
  const y = +s.slice(6, 10)
  const m = +s.slice(10, 12)
  const d = +s.slice(12, 14)
  return (
    isPlausibleBirthDate(y, m, d) && residentIdCheckDigit(s) === (s[17] as string).toUpperCase()
  )
}

/** A 15-digit first-generation resident ID (1984–2004): region and a valid 19YYMMDD birth date; it has no check digit. */
export function isValidResidentId15(s: string): boolean {
  if (!/^[1-9]\d{14}$/.test(s)) return false
  return isPlausibleBirthDate(1900 + +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12))
}
