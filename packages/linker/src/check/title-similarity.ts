/** Lower-cased NFKC text without whitespace, punctuation or symbols, for comparing titles. */
export function normaliseTitle(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}

const bigrams = (s: string): Map<string, number> => {
  const m = new Map<string, number>()
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2)
    m.set(g, (m.get(g) ?? 0) + 1)
  }
  return m
}

/**
 * Character-bigram Dice coefficient of two titles after `normaliseTitle`, in [0, 1]. A title
 * contained in the other scores 1, because sites wrap titles in their own name
 * (`标题_长宁区人民政府`).
 * @example titleSimilarity('关于印发《要点》的通知', '关于印发《要点》的通知_长宁区人民政府') // 1
 */
export function titleSimilarity(a: string, b: string): number {
  const x = normaliseTitle(a)
  const y = normaliseTitle(b)
  if (x.length === 0 || y.length === 0) return x === y ? 1 : 0
  if (x.includes(y) || y.includes(x)) return 1
  if (x.length < 2 || y.length < 2) return 0
  const bx = bigrams(x)
  const by = bigrams(y)
  let shared = 0
  for (const [g, n] of bx) shared += Math.min(n, by.get(g) ?? 0)
  return (2 * shared) / (x.length - 1 + (y.length - 1))
}
