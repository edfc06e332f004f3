/** An error from the store with a stable code, so callers can map it to an HTTP status or exit code. */
export class StoreError extends Error {
  /** `closed`, `migration_changed`, `migration_failed`, `invalid_migration`, `busy`, `config` … */
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StoreError'
    this.code = code
  }
}
