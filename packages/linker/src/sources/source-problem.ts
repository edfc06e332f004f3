/** A problem met while reading a content source: where it is and what was wrong. */
export interface SourceProblem {
  /** File path or URL of the source (a sitemap child, a page of a crawl). */
  file: string
  /** 1-based line (XML: the parser's line; CSV: the record's first line; JSON: the element's line). */
  line?: number
  /** Element, record or JSON pointer the problem is in, e.g. `url[3]`, `row 12`, `/title`. */
  element?: string
  /** What was expected, in words. */
  message: string
}

/** Callback receiving each problem as it is found. */
export type ProblemHandler = (problem: SourceProblem) => void
