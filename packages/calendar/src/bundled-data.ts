import { createRequire } from 'node:module'
import { toDayNumber } from './date.js'

/** Where a year's official schedule came from. */
export interface YearInfo {
  year: number
  /** `chinese-days@1.5.7` for bundled years, otherwise the file or source it was registered from. */
  source: string
  /** State Council notice URLs when the source lists them (holiday-cn does, chinese-days does not). */
  papers: string[]
}

/** Day-number lookups for a set of official schedules. */
export interface HolidayTables {
  /** Rest days listed by the schedule, including weekend days inside a holiday block. */
  off: Set<number>
  /** 补班: weekend days that are working days. */
  makeup: Set<number>
  /** Festival name (Chinese) of every listed day, rest or 补班. */
  names: Map<number, string>
  years: Map<number, YearInfo>
}

interface ChineseDaysData {
  holidays: Record<string, string>
  workdays: Record<string, string>
  inLieuDays: Record<string, string>
}

/** Package and version the bundled data comes from. */
export const BUNDLED_SOURCE = 'chinese-days@1.5.7'

let cached: HolidayTables | undefined

// Values look like "Labour Day,劳动节,1": English name, Chinese name, number of statutory days.
const chineseName = (value: string): string => {
  const parts = value.split(',')
  return parts[parts.length - 2] ?? value
}

/**
 * The chinese-days tables (2004–2026), parsed once on first use. Callers must copy before mutating.
 * `inLieuDays` is not needed: every in-lieu rest day is also in `holidays`.
 */
export function bundledTables(): HolidayTables {
  if (cached) return cached
  // createRequire keeps the JSON out of the ESM import graph, so Node 20 needs no import attributes.
  const data = createRequire(import.meta.url)(
    'chinese-days/dist/chinese-days.json'
  ) as ChineseDaysData
  const tables: HolidayTables = {
    off: new Set(),
    makeup: new Set(),
    names: new Map(),
    years: new Map(),
  }
  const add = (map: Record<string, string>, set: Set<number>) => {
    for (const [date, value] of Object.entries(map)) {
      const n = toDayNumber(date)
      set.add(n)
      tables.names.set(n, chineseName(value))
      const year = Number(date.slice(0, 4))
      if (!tables.years.has(year))
        tables.years.set(year, { year, source: BUNDLED_SOURCE, papers: [] })
    }
  }
  add(data.holidays, tables.off)
  add(data.workdays, tables.makeup)
  cached = tables
  return tables
}
