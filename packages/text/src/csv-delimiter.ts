/** Delimiters {@link sniffDelimiter} recognises. */
export const DELIMITERS = [',', ';', '\t', '|'] as const

/** One of {@link DELIMITERS}. */
export type Delimiter = (typeof DELIMITERS)[number]

/**
 * Counts each candidate delimiter per record outside quotes, over the first `maxRecords` complete
 * records of `sample`.
 */
function countPerRecord(sample: string, maxRecords: number): number[][] {
  const counts: number[][] = []
  let current = DELIMITERS.map(() => 0)
  let inQuotes = false
  for (let i = 0; i < sample.length && counts.length < maxRecords; i++) {
    const c = sample[i]
    if (c === '"') inQuotes = !inQuotes
    else if (inQuotes) continue
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && sample[i + 1] === '\n') i++
      counts.push(current)
      current = DELIMITERS.map(() => 0)
    } else {
      const k = DELIMITERS.indexOf(c as Delimiter)
      if (k >= 0) current[k] = (current[k] as number) + 1
    }
  }
  // The last record counts only when the sample is the whole text (no truncated line).
  if (counts.length === 0) counts.push(current)
  return counts
}

/**
 * Guesses the delimiter of CSV text from a sample: the candidate whose count is the same on the
 * most records (and non-zero) wins; ties go to the larger count, then to the order `, ; \t |`.
 * Returns ',' when nothing looks like a delimiter (a one-column file).
 */
export function sniffDelimiter(sample: string, maxRecords = 100): Delimiter {
  const rows = countPerRecord(sample, maxRecords)
  let best: Delimiter = ','
  let bestScore = 0
  let bestMode = 0
  DELIMITERS.forEach((d, k) => {
    const freq = new Map<number, number>()
    for (const r of rows) {
      const n = r[k] as number
      freq.set(n, (freq.get(n) ?? 0) + 1)
    }
    let mode = 0
    let modeCount = 0
    for (const [n, c] of freq) {
      if (n > 0 && (c > modeCount || (c === modeCount && n > mode))) {
        mode = n
        modeCount = c
      }
    }
    const score = modeCount / rows.length
    if (mode > 0 && (score > bestScore || (score === bestScore && mode > bestMode))) {
      best = d
      bestScore = score
      bestMode = mode
    }
  })
  return best
}
