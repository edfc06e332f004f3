import { decodeEntities } from '@gongkai/text'

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
