import { quantile } from './stats.js'

/** The mean, median and p99 of a list of timings (ms), as the benchmarks' tables show them. */
export const timeStats = (ms: number[]) => ({
  mean: ms.reduce((a, b) => a + b, 0) / ms.length,
  p50: quantile(ms, 0.5),
  p99: quantile(ms, 0.99),
})
