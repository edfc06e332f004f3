import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AnnualReportText, DeclaredCounts, ReportContentItem } from '@gongkai/cases'
import { openContentIndex } from '@gongkai/linker'
import type { Organ, Store, Workspace } from '@gongkai/store'

/** What the annual report takes from the workspace besides the requests. */
export interface ReportInputs {
  declared?: DeclaredCounts
  text: AnnualReportText
  contents: ReportContentItem[]
}

/** A problem in a report input file, located by file and JSON pointer. */
export class ReportInputError extends Error {
  constructor(
    readonly file: string,
    readonly pointer: string,
    message: string
  ) {
    super(`${file}${pointer ? ` at ${pointer}` : ''}: ${message}`)
    this.name = 'ReportInputError'
  }
}

// Declared counts of table 二 (§15.1): what the content index cannot know.
const DECLARED_KEYS = ['permits', 'penalties', 'coercions', 'feesWanYuan'] as const

// The prose parts of the report, one plain-text file each: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项.
const TEXT_FILES: readonly [keyof AnnualReportText, string][] = [
  ['overview', 'overview'],
  ['problems', 'problems'],
  ['other', 'other'],
]

/**
 * Reads `reports/<year>/<organ>.json` (`{ permits, penalties, coercions, feesWanYuan }`, each a number
 * ≥ 0; absent keys count 0) and the editable prose `reports/<year>/<organ>.{overview,problems,other}.md`.
 * Missing files are fine; a file that does not read is a located error.
 */
export function readReportFiles(
  ws: Workspace,
  year: number,
  organ: string
): Pick<ReportInputs, 'declared' | 'text'> {
  const dir = ws.path(join('reports', String(year)))
  const rel = (f: string) => `reports/${year}/${f}`
  const out: Pick<ReportInputs, 'declared' | 'text'> = { text: {} }
  const declaredFile = join(dir, `${organ}.json`)
  if (existsSync(declaredFile)) {
    let data: unknown
    try {
      data = JSON.parse(readFileSync(declaredFile, 'utf8').replace(/^\uFEFF/, ''))
    } catch (err) {
      throw new ReportInputError(rel(`${organ}.json`), '', `not JSON (${(err as Error).message})`)
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new ReportInputError(
        rel(`${organ}.json`),
        '',
        'expected an object { permits, penalties, coercions, feesWanYuan }'
      )
    const declared: DeclaredCounts = {}
    for (const [key, value] of Object.entries(data)) {
      if (!(DECLARED_KEYS as readonly string[]).includes(key))
        throw new ReportInputError(
          rel(`${organ}.json`),
          `/${key}`,
          `unknown key (expected ${DECLARED_KEYS.join(', ')})`
        )
      const whole = key !== 'feesWanYuan'
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < 0 ||
        (whole && !Number.isInteger(value))
      )
        throw new ReportInputError(
          rel(`${organ}.json`),
          `/${key}`,
          `expected ${whole ? 'a whole number' : 'a number'} ≥ 0, got ${JSON.stringify(value)}`
        )
      declared[key as (typeof DECLARED_KEYS)[number]] = value
    }
    out.declared = declared
  }
  for (const [field, suffix] of TEXT_FILES) {
    const f = join(dir, `${organ}.${suffix}.md`)
    if (existsSync(f)) out.text[field] = readFileSync(f, 'utf8').replace(/^\uFEFF/, '')
  }
  return out
}

/**
 * The content index's items issued by the report's organs (by `issuer` = the organ's name), for
 * table 二's 规章 and 行政规范性文件 counts. Items without an issuer are not the organ's.
 */
export async function organContents(
  store: Store,
  organs: readonly Organ[]
): Promise<ReportContentItem[]> {
  const names = new Set(organs.map((o) => o.name))
  const index = await openContentIndex(store)
  const out: ReportContentItem[] = []
  for await (const item of index.all()) {
    if (!item.issuer || !names.has(item.issuer)) continue
    // `rule` and `repealedAt` come with the content-kind contract (CONTRACTS.md); read them loosely
    // so items written before or after it count alike.
    const loose = item as { kind?: string; formedAt?: string; repealedAt?: string }
    if (loose.kind !== 'rule' && loose.kind !== 'normative_document') continue
    const c: ReportContentItem = { kind: loose.kind }
    if (loose.formedAt) c.formedAt = loose.formedAt
    if (loose.repealedAt) c.repealedAt = loose.repealedAt
    out.push(c)
  }
  return out
}
