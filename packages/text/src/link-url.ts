/**
 * URLs a page may put in `href`: http(s) and mailto, nothing else (no `javascript:`, `data:`,
 * `file:`, relative or protocol-relative tricks). The same rule as the `pattern` of every URL
 * field of the dataset schema.
 */
export const LINK_URL_PATTERN = /^(https?:\/\/|mailto:)/

/**
 * `url` when a page may link to it (see {@link LINK_URL_PATTERN}), else undefined: show the text
 * without a link then.
 * @example linkUrl('https://creativecommons.org/licenses/by/4.0/') // the same string
 * @example linkUrl('javascript:alert(1)') // undefined
 */
export function linkUrl(url: string | undefined | null): string | undefined {
  return typeof url === 'string' && LINK_URL_PATTERN.test(url) ? url : undefined
}
