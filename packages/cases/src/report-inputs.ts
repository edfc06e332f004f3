import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DeclaredCounts, ReportContentItem } from './annual-report.js'
import type { AnnualReportText } from './annual-report-types.js'

/** A report input file that does not read: its path (as given) and the JSON pointer. */
export class ReportInputError extends Error {
  readonly file: string
  readonly pointer: string

  constructor(file: string, pointer: string, message: string) {
    super(`${file}${pointer ? ` at ${pointer}` : ''}: ${message}`)
    this.name = 'ReportInputError'
    this.file = file
    this.pointer = pointer
  }
}

// Declared counts of table 二 (§15.1): what the content index cannot know.
const DECLARED_KEYS = ['permits', 'penalties', 'coercions', 'feesWanYuan'] as const

// The prose parts, one plain-text file each: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项.
const TEXT_PARTS: readonly (keyof AnnualReportText)[] = ['overview', 'problems', 'other']

/** What a report folder holds for one organ and year. */
export interface ReportFiles {
  declared?: DeclaredCounts
  text: AnnualReportText
}

/**
 * Reads `<dir>/<year>/<organ>.json` (`{ permits, penalties, coercions, feesWanYuan }`: whole numbers
 * ≥ 0, fees a number ≥ 0; absent keys count 0) and the editable prose
 * `<dir>/<year>/<organ>.{overview,problems,other}.md`. Missing files are fine; a file that does not
 * read throws {@link ReportInputError} naming it (as `shownAs/<year>/…`) and the JSON pointer.
 * @example readReportFiles('ws/reports', 2021, 'district-gov', 'reports')
 */
export function readReportFiles(
  dir: string,
  year: number,
  organ: string,
  shownAs = 'reports'
): ReportFiles {
  // The organ id is a config id (lower-case, digits, _ . -); anything else could leave the folder.
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(organ) || organ.includes('..'))
    throw new ReportInputError(`${shownAs}/${year}`, '', `"${organ}" is not an organ id`)
  const folder = join(dir, String(year))
  const name = `${shownAs}/${year}/${organ}.json`
  const out: ReportFiles = { text: {} }
  const declaredFile = join(folder, `${organ}.json`)
  if (existsSync(declaredFile)) {
    let data: unknown
    try {
      data = JSON.parse(readFileSync(declaredFile, 'utf8').replace(/^\uFEFF/, ''))
    } catch (err) {
      throw new ReportInputError(name, '', `not JSON (${(err as Error).message})`)
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new ReportInputError(name, '', `expected an object { ${DECLARED_KEYS.join(', ')} }`)
    const declared: DeclaredCounts = {}
    for (const [key, value] of Object.entries(data)) {
      if (!(DECLARED_KEYS as readonly string[]).includes(key))
        throw new ReportInputError(
          name,
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
          name,
          `/${key}`,
          `expected ${whole ? 'a whole number' : 'a number'} ≥ 0, got ${JSON.stringify(value)}`
        )
      declared[key as (typeof DECLARED_KEYS)[number]] = value
    }
    out.declared = declared
  }
  for (const part of TEXT_PARTS) {
    const f = join(folder, `${organ}.${part}.md`)
    if (existsSync(f)) out.text[part] = readFileSync(f, 'utf8').replace(/^\uFEFF/, '')
  }
  return out
}

/** A content item as the content index gives it (only the fields table 二 reads). */
export interface IssuedContent {
  issuer?: string
  kind?: string
  formedAt?: string
  repealedAt?: string
}

/**
 * The 规章 (`rule`) and 行政规范性文件 (`normative_document`) among `items` issued by one of
 * `issuers` (organ names, matched exactly): table 二's documents. Items without an issuer are no
 * organ's.
 */
export async function issuedDocuments(
  items: Iterable<IssuedContent> | AsyncIterable<IssuedContent>,
  issuers: Iterable<string>
): Promise<ReportContentItem[]> {
  const names = new Set(issuers)
  const out: ReportContentItem[] = []
  for await (const item of items) {
    if (!item.issuer || !names.has(item.issuer)) continue
    if (item.kind !== 'rule' && item.kind !== 'normative_document') continue
    const c: ReportContentItem = { kind: item.kind }
    if (item.formedAt) c.formedAt = item.formedAt
    if (item.repealedAt) c.repealedAt = item.repealedAt
    out.push(c)
  }
  return out
}
