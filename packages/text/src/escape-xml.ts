// Characters with a meaning in markup, and the C0 controls XML 1.0 forbids (all but tab, LF, CR).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls XML forbids, on purpose
const SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g')
const REPLACEMENT: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Escapes text for XML and HTML element content and for attribute values in either quote; drops
 * the control characters XML forbids (an Atom feed holding one does not parse). null and
 * undefined give the empty string, other values their `String()`.
 * @example `<a title="${escapeXml('"甲" & 乙')}">` // '<a title="&quot;甲&quot; &amp; 乙">'
 */
export function escapeXml(value: unknown): string {
  const text = typeof value === 'string' ? value : value == null ? '' : String(value)
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => REPLACEMENT[c] ?? '') : text
}
