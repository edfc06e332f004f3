/** Outcome classes of a link check: ok, 断链 (dead), 错链 (wrong target), or try again later. */
export type LinkStatus = 'ok' | 'dead' | 'wrong_target' | 'unreachable'

/** What checking one URL found; `redirects` lists every hop after the original URL, in order. */
export interface LinkCheckResult {
  url: string
  status: LinkStatus
  /** Status code of the last response received, if any. */
  httpStatus?: number
  /** Plain-language reason, e.g. `HTTP 404`, `soft 404: title "页面不存在"`, `timeout after 3 attempts`. */
  reason: string
  redirects: string[]
  /** Where the redirect chain ended (the URL itself when there was no redirect). */
  finalUrl: string
  /** ISO date-time at which the check started. */
  checkedAt: string
  elapsedMs: number
  /** Page `<title>` (or first `<h1>`) when the page was read. */
  title?: string
}
