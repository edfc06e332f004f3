/**
 * A 发文字号 in a canonical form for matching: full-width brackets become 〔〕, spaces go.
 * @example normaliseDocNo('长府办[2021] 8号') // '长府办〔2021〕8号'
 */
export function normaliseDocNo(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[[［(（【〔]/g, '〔')
    .replace(/[\]］)）】〕]/g, '〕')
}

// 机关代字 + 〔year〕 + number + 号, with the bracket variants sites actually use.
const DOC_NO =
  /[\u4e00-\u9fa5A-Za-z]{1,12}\s*[[［(（【〔]\s*(?:19|20)\d{2}\s*[\]］)）】〕]\s*\d{1,5}\s*号/g

/**
 * Every 发文字号 mentioned in a text, normalised. Words run directly into the 机关代字 stay in the
 * match (解读长府办〔2021〕8号), so callers look up suffixes.
 * @example docNumbersIn('《…要点》（长府办〔2021〕8号）解读') // ['长府办〔2021〕8号']
 */
export function docNumbersIn(text: string): string[] {
  return [...new Set([...text.matchAll(DOC_NO)].map((m) => normaliseDocNo(m[0])))]
}
