import { decodeEntities } from '@gongkai/text'
import type { ProblemHandler } from './source-problem.js'

/** Progress of an import: items read so far and the file being read. */
export interface ImportProgress {
  items: number
  problems: number
  file: string
}

/** Options every source reader takes. */
export interface SourceReaderOptions {
  onProblem: ProblemHandler
  /** Called after each item is read. */
  onItem?: (file: string) => void
  /** Milliseconds to wait for each http(s) response (default 30000). */
  timeoutMs?: number
}

/**
 * Text of the first `<title>` in an XML fragment (a feed or channel header), as HTML: CDATA is
 * unwrapped and, outside CDATA, the XML escaping is undone once, so `&lt;b&gt;` becomes `<b>`
 * for the caller's `htmlToText`.
 */
export function preludeTitle(prelude: string): string | undefined {
  const m = /<((?:\w+:)?title)\b[^>]*>([\s\S]*?)<\/\1\s*>/i.exec(prelude)
  const body = m?.[2]?.trim()
  if (!body) return undefined
  const cdata = /^<!\[CDATA\[([\s\S]*?)\]\]>$/.exec(body)
  const t = (cdata ? (cdata[1] as string) : decodeEntities(body)).trim()
  return t ? t : undefined
}
