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

/** Text of the first `<title>` in an XML or HTML fragment, entities and CDATA left to the caller. */
export function preludeTitle(prelude: string): string | undefined {
  const m = /<title[^>]*>\s*(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?\s*<\/title>/i.exec(prelude)
  const t = m?.[1]?.trim()
  return t ? t : undefined
}
