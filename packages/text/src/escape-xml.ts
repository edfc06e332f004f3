// Characters with a meaning in markup, and the characters XML 1.0 forbids: the C0 controls but
// tab, LF and CR, U+FFFE and U+FFFF, and surrogates that are not part of a pair.
const SPECIAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls XML forbids, on purpose
  /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g')
const REPLACEMENT: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
// A lone surrogate stands for a character that was lost: shown as the replacement character.
const replace = (c: string) =>
  REPLACEMENT[c] ?? (c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '\uFFFD' : '')

/**
 * Escapes text for XML and HTML element content and for attribute values in either quote; drops
 * the characters XML forbids (control characters, U+FFFE, U+FFFF: an Atom feed holding one does
 * not parse) and shows a lone surrogate as U+FFFD, so the output is always well-formed. null and
 * undefined give the empty string, other values their `String()`.
 * @example `<a title="${escapeXml('"甲" & 乙')}">` // '<a title="&quot;甲&quot; &amp; 乙">'
 */
export function escapeXml(value: unknown): string {
  const text = typeof value === 'string' ? value : value == null ? '' : String(value)
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, replace) : text
}
