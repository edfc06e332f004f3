/** Message language; default 'zh'. */
export type Locale = 'zh' | 'en'

/** Options of every validator. */
export interface ValidateOptions {
  /** Language of `message`; default 'zh'. */
  locale?: Locale
}

/** One broken rule, located by JSON pointer, in words a data officer understands. */
export interface ValidationError {
  /** JSON pointer of the offending value ('' for the document root). */
  pointer: string
  /** The schema keyword that failed, e.g. 'required', 'enum', 'gkSum'. */
  keyword: string
  /** Human-readable explanation in the requested locale. */
  message: string
  /** What the rule expected, language-neutral (e.g. 'monthly | quarterly', '>= 2021-04-14'). */
  expected: string
  /** Short JSON rendering of the offending value (truncated to about 80 characters). */
  actual: string
}

/** Result of a validator: the typed value, or every error of the document. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] }

/** A validator of one schema. */
export type Validator<T> = (data: unknown, options?: ValidateOptions) => ValidationResult<T>
