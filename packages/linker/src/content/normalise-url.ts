// Lower-case host, no port, a path of characters URL serialisation leaves alone, no fragment.
const CANONICAL = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\/[!$&'()*+,\-./0-9:;=?@A-Z_a-z~]*$/
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/

/**
 * The identity of a content item: the URL with scheme and host lower-cased, the fragment and
 * default port dropped. Returns undefined for text that is not an absolute URL.
 * @example normaliseUrl('HTTP://WWW.Gov.cn:80/a.html#top') // 'http://www.gov.cn/a.html'
 */
export function normaliseUrl(text: string): string | undefined {
  // Most URLs of a site are already in normal form; parsing them all is measurable when
  // binding 100,000 items, so those are recognised by shape and returned as they are.
  if (CANONICAL.test(text) && !DOT_SEGMENT.test(text)) return text
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return undefined
  }
  // WHATWG URL already lower-cases scheme and host and drops default ports.
  url.hash = ''
  return url.href
}
