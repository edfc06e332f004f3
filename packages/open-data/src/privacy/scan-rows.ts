import type { TableField } from '@gongkai/schema'
import { sensitiveColumnKind } from './column-titles.js'
import { detectPersonalInfo } from './detect.js'
import { maskValue } from './mask.js'
import type { PrivacyFinding } from './privacy-finding.js'

const SAMPLE_MASK = {
  id_number: 'id_number',
  mobile: 'mobile',
  bank_card: 'bank_card',
  email: 'email',
} as const

/** Summary of a scan: findings (capped), how many in all, and how many block an unconditional dataset. */
export interface PrivacyReport {
  findings: PrivacyFinding[]
  count: number
  blocking: number
}

/**
 * Scans typed rows for personal information, after masking (so masked columns come out clean).
 * Column titles (姓名/身份证/电话/住址 …) of unmasked columns are findings on row 1. Columns
 * declared `mask: keep` are still scanned, but their findings are acknowledged and do not block.
 */
export class PrivacyScanner {
  readonly findings: PrivacyFinding[] = []
  count = 0
  blocking = 0
  private readonly scanned: number[] = []

  constructor(
    private readonly fields: readonly TableField[],
    private readonly cap = 10_000
  ) {
    fields.forEach((f, k) => {
      const kind = sensitiveColumnKind(f.name, f.title)
      if (kind && !f.mask) {
        this.add({ row: 1, column: f.name, kind: 'column_title', sample: f.title ?? f.name })
      }
      if (f.type === 'string' || f.type === 'integer' || f.type === 'number') this.scanned.push(k)
    })
  }

  private add(f: PrivacyFinding): void {
    this.count++
    if (!f.acknowledged) this.blocking++
    if (this.findings.length < this.cap) this.findings.push(f)
  }

  /** Scans one row of typed values (in field order). */
  scanRow(values: readonly unknown[], row: number): void {
    for (const k of this.scanned) {
      const v = values[k]
      let text: string
      if (typeof v === 'string') text = v
      else if (typeof v === 'number' && v >= 1e10 && Number.isInteger(v)) text = String(v)
      else continue
      const hits = detectPersonalInfo(text)
      if (hits.length === 0) continue
      const field = this.fields[k] as TableField
      const acknowledged = field.mask?.type === 'keep' ? true : undefined
      for (const h of hits) {
        const sample = maskValue(text.slice(h.start, h.end), { type: SAMPLE_MASK[h.kind] })
        this.add({
          row,
          column: field.name,
          kind: h.kind,
          sample,
          ...(acknowledged ? { acknowledged } : {}),
        })
      }
    }
  }

  /** The report so far. */
  report(): PrivacyReport {
    return { findings: this.findings, count: this.count, blocking: this.blocking }
  }
}

/** Scans rows (objects keyed by field name, or arrays in field order) with the fields of a table schema; row n is the nth (or `firstRow` + n − 1). */
export function scanRows(
  rows: Iterable<Record<string, unknown> | readonly unknown[]>,
  fields: readonly TableField[],
  firstRow = 1
): PrivacyReport {
  const scanner = new PrivacyScanner(fields)
  let row = firstRow
  for (const r of rows) {
    const values = Array.isArray(r) ? r : fields.map((f) => (r as Record<string, unknown>)[f.name])
    scanner.scanRow(values, row++)
  }
  return scanner.report()
}
