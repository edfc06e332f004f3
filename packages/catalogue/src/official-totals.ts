import type { Catalogue } from '@gongkai/schema'

/** A document's stated totals beside those counted in the catalogues that carry them. */
export interface TotalsComparison {
  /** The guideline's docNo, else its title. */
  guideline: string
  /** Ids of the catalogues carrying the record (two when one total covers two fields). */
  catalogues: string[]
  /** The stated totals; `level2` is absent when the document states only the 一级 total. */
  official: { level1: number; level2?: number }
  /** Distinct 一级事项 names and entries with a 二级事项, over the union of those catalogues. */
  found: { level1: number; level2: number }
  /** True when every stated number agrees. */
  reached: boolean
  /** True when no found number exceeds its stated total. */
  withinTotals: boolean
}

/**
 * For every `officialTotals` record, the totals it states against those found in the catalogues
 * given (pass one catalogue per field, e.g. each field's national layer). Catalogues carrying the
 * same record (same guideline, source and numbers) are counted together: a document stating one
 * total for two fields puts it on both. A guideline covering two fields whose document states a
 * total for one of them (就业 of 人社厅函〔2019〕113号) carries it on that field only.
 * @example compareOfficialTotals([socialAssistance, elderlyCare])[0] // { guideline: '民办函〔2019〕52号', found: … }
 */
export function compareOfficialTotals(catalogues: readonly Catalogue[]): TotalsComparison[] {
  const groups = new Map<string, { guideline: string; list: Catalogue[] }>()
  for (const c of catalogues) {
    const stated = c.guideline?.officialTotals
    if (!c.guideline || !stated) continue
    const guideline = c.guideline.docNo ?? c.guideline.title
    const key = JSON.stringify([guideline, stated.source.url, stated.level1, stated.level2])
    const group = groups.get(key) ?? { guideline, list: [] }
    group.list.push(c)
    groups.set(key, group)
  }
  const out: TotalsComparison[] = []
  for (const { guideline, list } of groups.values()) {
    const stated = list[0]?.guideline?.officialTotals
    if (!stated) continue
    const entries = list.flatMap((c) => c.entries)
    const found = {
      level1: new Set(entries.map((e) => e.item.level1)).size,
      level2: entries.filter((e) => e.item.level2 !== undefined).length,
    }
    const official =
      stated.level2 === undefined
        ? { level1: stated.level1 }
        : { level1: stated.level1, level2: stated.level2 }
    out.push({
      guideline,
      catalogues: list.map((c) => c.id),
      official,
      found,
      reached:
        found.level1 === stated.level1 &&
        (stated.level2 === undefined || found.level2 === stated.level2),
      withinTotals:
        found.level1 <= stated.level1 &&
        (stated.level2 === undefined || found.level2 <= stated.level2),
    })
  }
  return out
}
