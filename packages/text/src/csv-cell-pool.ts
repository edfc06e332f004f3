// Records of a parsed table are kept by the caller, so every cell string survives the young
// generation and the garbage collector copies it twice: in a 23.5 MB file that copying was three
// quarters of the parse time. Columns of government data repeat a few values (街道, 类别, dates,
// 是/否); handing out one shared string per value lets the fresh copy die young, where it costs
// nothing. Columns that turn out mostly distinct (ids, names, amounts) are left alone.

/** Rows looked at before deciding whether a column repeats enough to pool. */
const PROBE_ROWS = 2048
/** A column is pooled while at most this share of its probed values are distinct. */
const MAX_DISTINCT_SHARE = 0.5
/** Values kept per column; past it the pool keeps answering for what it holds. */
const MAX_VALUES = 65_536
/** Longer values are rarely repeated and costly to hash. */
const MAX_LENGTH = 64

/** Replaces repeated cell values of each column by one shared string (the values are unchanged). */
export class CsvCellPool {
  // undefined: not seen yet; null: the column is mostly distinct and not pooled.
  private readonly pools: (Map<string, string> | null | undefined)[] = []
  private readonly probed: number[] = []

  /** Swaps each cell of `cells` for the pooled instance of the same value, pooling new ones. */
  share(cells: string[]): void {
    for (let j = 0; j < cells.length; j++) {
      let pool = this.pools[j]
      if (pool === null) continue
      if (pool === undefined) {
        pool = new Map()
        this.pools[j] = pool
        this.probed[j] = 0
      }
      const value = cells[j] as string
      if (value.length > MAX_LENGTH) continue
      const shared = pool.get(value)
      if (shared !== undefined) cells[j] = shared
      else if (pool.size < MAX_VALUES) pool.set(value, value)
      const probed = (this.probed[j] as number) + 1
      this.probed[j] = probed
      if (probed === PROBE_ROWS && pool.size > PROBE_ROWS * MAX_DISTINCT_SHARE) this.pools[j] = null
    }
  }
}
