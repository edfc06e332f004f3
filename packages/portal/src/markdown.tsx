import type { Child } from 'hono/jsx'

// The 公开专栏 texts are Markdown a data officer writes in the workspace config. Only a small,
// safe subset is read: headings, paragraphs, lists, **bold** and links to http(s) or site paths.
// Everything else stays text (hono/jsx escapes it), so no HTML a config carries reaches the page.

const SAFE_HREF = /^(https?:\/\/|\/(?!\/)|#|mailto:)/i

/** Inline **bold** and [text](href); any other character is text. */
function inline(text: string): Child[] {
  const out: Child[] = []
  const re = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g
  let last = 0
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index))
    if (m[1] !== undefined) out.push(<strong>{m[1]}</strong>)
    else if (m[2] !== undefined && m[3] !== undefined)
      out.push(SAFE_HREF.test(m[3]) ? <a href={m[3]}>{m[2]}</a> : `${m[2]}（${m[3]}）`)
    last = m.index + m[0].length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}

/**
 * Renders the Markdown subset as page content. Headings start at h2 (the page has its own h1):
 * `#` and `##` become h2, deeper ones h3.
 */
export function Markdown(props: { text: string }) {
  const blocks = props.text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)
  const out: Child[] = []
  for (const raw of blocks) {
    let lines = raw.split('\n').filter((l) => l.trim() !== '')
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0] ?? '')
    if (heading) {
      const text = inline((heading[2] as string).trim())
      out.push((heading[1] as string).length <= 2 ? <h2>{text}</h2> : <h3>{text}</h3>)
      lines = lines.slice(1)
    }
    if (lines.length === 0) continue
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      out.push(
        <ul>
          {lines.map((l) => (
            <li>{inline(l.replace(/^\s*[-*]\s+/, ''))}</li>
          ))}
        </ul>
      )
      continue
    }
    if (lines.every((l) => /^\s*\d+[.、]\s*/.test(l))) {
      out.push(
        <ol>
          {lines.map((l) => (
            <li>{inline(l.replace(/^\s*\d+[.、]\s*/, ''))}</li>
          ))}
        </ol>
      )
      continue
    }
    out.push(<p>{inline(lines.join(''))}</p>)
  }
  return <>{out}</>
}
