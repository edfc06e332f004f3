import { linkUrl } from '@gongkai/text'
import type { Child } from 'hono/jsx'

/**
 * A link to a URL that came from data (a licence, a document's address): rendered as `<a>` only
 * for http, https and mailto; any other URL (`javascript:`, `file:` …) as plain text, so stored
 * data can never put a script in a page.
 */
export function SafeLink(props: { href: string | undefined | null; children: Child }) {
  const href = linkUrl(props.href)
  return href ? <a href={href}>{props.children}</a> : <span>{props.children}</span>
}
