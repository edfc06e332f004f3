import type { Catalogue } from '@gongkai/schema'

/** A guideline's stated totals beside those counted in the catalogues that cite it. */
export interface TotalsComparison {
  /** The guideline's docNo, else its title. */
  guideline: string
  /** Ids of the catalogues citing it (a guideline may cover two fields, e.g. 社会救助 and 养老服务). */
  catalogues: string[]
  official: { level1: number; level2: number }
  /** Distinct 一级事项 names and entries with a 二级事项, over the union of those catalogues. */
  found: { level1: number; level2: number }
  /** True when both numbers agree. */
  reached: boolean
}

/**
 * For every guideline with `officialTotals`, the totals it states against those found in the
 * catalogues given (pass one catalogue per field, e.g. each field's national layer).
 * @example compareOfficialTotals([socialAssistance, elderlyCare])[0] // { guideline: '民办函〔2019〕52号', found: … }
 */
export function compareOfficialTotals(catalogues: readonly Catalogue[]): TotalsComparison[] {
  const groups = new Map<string, Catalogue[]>()
  for (const c of catalogues) {
    const g = c.guideline
    if (!g) continue
    const key = g.docNo ?? g.title
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  const out: TotalsComparison[] = []
  for (const [guideline, list] of groups) {
    const stated = list.find((c) => c.guideline?.officialTotals)?.guideline?.officialTotals
    if (!stated) continue
    const entries = list.flatMap((c) => c.entries)
    const found = {
      level1: new Set(entries.map((e) => e.item.level1)).size,
      level2: entries.filter((e) => e.item.level2 !== undefined).length,
    }
    out.push({
      guideline,
      catalogues: list.map((c) => c.id),
      official: { level1: stated.level1, level2: stated.level2 },
      found,
      reached: found.level1 === stated.level1 && found.level2 === stated.level2,
    })
  }
  return out
}
