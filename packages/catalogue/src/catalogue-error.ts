import type { ValidationError } from '@gongkai/schema'

/** A problem found while loading or building a catalogue, located by file and JSON pointer. */
export interface CatalogueError {
  /** File the catalogue came from, when known. */
  file?: string
  /** Id of the catalogue or layer the pointer is in, when several are involved (layer resolution). */
  catalogue?: string
  /** JSON pointer of the offending value ('' for the document root). */
  pointer: string
  /** The rule broken: a schema keyword, or 'json', 'unique', 'placeholder', 'override' … */
  keyword: string
  /** Human-readable explanation. */
  message: string
  /** What was expected, language-neutral. */
  expected?: string
  /** Short rendering of the offending value. */
  actual?: string
}

/** Result of an operation that yields a value or every problem found. */
export type CatalogueResult<T> = { ok: true; value: T } | { ok: false; errors: CatalogueError[] }

/** Turns schema validation errors into catalogue errors carrying the file name. */
export function fromValidationErrors(
  errors: readonly ValidationError[],
  file?: string
): CatalogueError[] {
  return errors.map((e) => ({
    ...(file === undefined ? {} : { file }),
    pointer: e.pointer,
    keyword: e.keyword,
    message: e.message,
    expected: e.expected,
    actual: e.actual,
  }))
}

/** `<file or catalogue id>#<pointer>: <message>`, for logs and test failure messages. */
export function formatCatalogueError(e: CatalogueError): string {
  return `${e.file ?? e.catalogue ?? ''}#${e.pointer}: ${e.message}`
}
