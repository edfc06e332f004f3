const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** True for code points XML 1.0 forbids (C0 controls other than tab, newline, return). */
function forbidden(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d
}

/** Escapes text for XML and HTML element content and attribute values; drops forbidden controls. */
export function escapeXml(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    if (forbidden(code)) continue
    out += ENTITIES[ch] ?? ch
  }
  return out
}
