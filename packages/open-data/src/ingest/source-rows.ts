import type { ErrorList, RowError } from './row-error.js'
import {
  type Listed,
  list,
  type RowAccount,
  type RowBatch,
  type TableSource,
} from './table-source.js'

/**
 * The records of a source as every reader takes them (inference, validation, publishing alike):
 * batch by batch, with the problems the source met taken as errors first and their rows left out,
 * and every row accounted for: kept, skipped (with its number) or blank.
 */
export class SourceRows {
  /** Rows left out: with a problem found while reading, or refused by the caller. */
  readonly skipped: Listed<number> = { count: 0, rows: [] }
  /** Rows the caller kept. */
  kept = 0
  // Rows with problems not yet met in a batch (issues come before the batch holding their row).
  private readonly bad = new Set<number>()
  private issuesSeen = 0

  constructor(
    readonly source: TableSource,
    private readonly errors: ErrorList
  ) {}

  /** The source's batches; before each, the problems met so far are added to the errors. */
  async *batches(): AsyncGenerator<RowBatch> {
    for await (const batch of this.source.batches) {
      this.takeIssues(batch.firstRow)
      yield batch
    }
    this.takeIssues(Number.POSITIVE_INFINITY)
  }

  /** True when `row` had a problem while reading: it is left out and counted as skipped. */
  isBad(row: number): boolean {
    if (this.bad.size === 0 || !this.bad.delete(row)) return false
    list(this.skipped, row)
    return true
  }

  /** Counts a row the caller refused (it broke the table schema). */
  skip(row: number): void {
    list(this.skipped, row)
  }

  /** Every row accounted for, once reading is over. */
  account(): RowAccount {
    return {
      read: this.kept + this.skipped.count,
      kept: this.kept,
      skipped: { count: this.skipped.count, rows: [...this.skipped.rows].sort((a, b) => a - b) },
      blank: this.source.account.blank,
      merged: this.source.account.merged,
    }
  }

  private takeIssues(before: number): void {
    const issues = this.source.issues
    for (; this.issuesSeen < issues.length; this.issuesSeen++) {
      const e = issues[this.issuesSeen] as RowError
      this.errors.add(e)
      if (e.row > 0) this.bad.add(e.row)
    }
    // Rows with problems that no batch holds (a JSON element that is not an object).
    for (const row of this.bad) {
      if (row < before) {
        this.bad.delete(row)
        list(this.skipped, row)
      }
    }
  }
}
