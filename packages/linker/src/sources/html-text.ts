const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ldquo: '“',
  rdquo: '”',
  mdash: '—',
  hellip: '…',
  middot: '·',
}

/** Decodes numeric and the common named character references (enough for titles and summaries). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : all
    }
    return NAMED[ref.toLowerCase()] ?? all
  })
}

// Tags that break a line; other (inline) tags join their neighbours, as in `<span>关于</span>开展`.
const BLOCK_TAG =
  /<\/?(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|dd|dt|section|article|blockquote)\b[^>]*>/gi
// Only real tags: "关于<2021年>…的通知" in a plain-text title is text, not markup.
const TAG = /<\/?[a-zA-Z][\w:-]*(?:\s[^<>]*)?\/?>|<!--[\s\S]*?-->/g

/** Plain text of an HTML fragment: tags dropped, entities decoded, white space collapsed. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(BLOCK_TAG, ' ').replace(TAG, ''))
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim()
}
