// Small statistics shared by the benchmarks. The machine is shared, so comparisons run in
// interleaved rounds (a load spike then hits both contenders of one round) and report the median
// of the per-round ratios.

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing')
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** The p-quantile (0..1) of a list, nearest rank. */
export function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number
}

/** The 1-, 5- and 15-minute load averages, for the record of a run. */
export async function loadAverage(): Promise<string> {
  const { loadavg } = await import('node:os')
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
}
