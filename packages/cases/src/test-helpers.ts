// Shared by the tests only (not exported from index.ts): a naive day-by-day clock to compare the
// engine with, written as plainly as possible.
import type { Calendar } from '@gongkai/calendar'
import type { ClockPause } from './clock-engine.js'

const next = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/**
 * Walks day by day from the day after `start`, counting working days that lie in no pause
 * (pauseStart, pauseEnd]; null when an open pause is reached first. `workingDays` ≥ 1.
 */
export function naiveDue(
  calendar: Calendar,
  start: string,
  workingDays: number,
  pauses: readonly ClockPause[] = []
): string | null {
  let day = start
  let counted = 0
  for (;;) {
    day = next(day)
    // Once past the start of a pause that never ends, nothing is counted again.
    if (pauses.some((p) => p.end == null && day > p.start)) return null
    const inPause = pauses.some((p) => day > p.start && p.end != null && day <= p.end)
    if (!inPause && calendar.isWorkingDay(day)) counted++
    if (counted === workingDays) return day
  }
}

/** `date` plus `n` calendar days. */
export function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
