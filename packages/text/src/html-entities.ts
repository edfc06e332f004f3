import { decodeHTMLStrict } from 'entities'

/**
 * Decodes HTML character references (`&amp;`, `&nbsp;`, `&#x4e2d;`, every name HTML defines) as
 * htmlparser2 decodes markup, so text read with a regular expression and text read by the parser
 * agree. References must end with `;`: text that was never HTML (a feed title, "A&B") stays as
 * written; an unknown name is kept, and a code point HTML forbids becomes U+FFFD.
 * @example decodeEntities('A&amp;B &#x4e2d;&#25991;') // 'A&B 中文'
 */
export function decodeEntities(text: string): string {
  // Most text holds no reference at all; skip the decoder's copy then.
  return text.indexOf('&') === -1 ? text : decodeHTMLStrict(text)
}
