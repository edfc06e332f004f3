import type { RuleCode } from './rule-code.js'

/**
 * One place personal information was found. Never holds the raw value: `value` is masked.
 * The same shape is a `personal_information` refusal's detail over the API.
 */
export interface PrivacyFinding {
  /** JSON pointer to where it was found: `/rows/3/备注`, `/columns/姓名`, `/title`, `/data/rows/0/householdHead`. */
  pointer: string
  /** The rule that fired. */
  rule: RuleCode
  /** The match, masked (110***********1234, 张*). */
  value: string
  /**
   * The key that would allow it, as a JSON pointer into the schema (`/fields/2/privacy/allow`,
   * `/properties/rows/items/properties/householdHead/privacy/allow`): add `rule` to that list when
   * a law requires the value to be public. Null where nothing can allow it (a title, a description).
   */
  override: string | null
  /** CSV row (header = row 1) of a table finding. */
  row?: number
  /** Column (field name) of a table finding. */
  column?: string
  /** True when a `privacy.allow` declaration covers it: reported, but it does not refuse. */
  allowed?: boolean
}

/** Findings that refuse (not covered by a declaration). */
export function blockingFindings(findings: readonly PrivacyFinding[]): PrivacyFinding[] {
  return findings.filter((f) => !f.allowed)
}
