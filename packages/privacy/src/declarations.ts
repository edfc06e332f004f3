import { isRuleCode, type RuleCode } from './rule-code.js'

/**
 * A declaration that a law requires some personal information to be public, on a table-schema
 * field or a record-schema property: `privacy: { allow: ['name'], reason: '社会救助暂行办法第六十一条' }`.
 * `until` (record schemas) is a JSON pointer, from the record's root, to the date the publicity
 * period ends: after it the allowed values are shown masked.
 */
export interface PrivacyDeclaration {
  allow: RuleCode[]
  reason: string
  until?: string
}

/** The rule codes a `privacy` value allows (none when it is absent or malformed). */
export function allowedRules(privacy: unknown): Set<RuleCode> {
  const allow = (privacy as { allow?: unknown } | undefined)?.allow
  const out = new Set<RuleCode>()
  if (Array.isArray(allow)) for (const a of allow) if (isRuleCode(a)) out.add(a)
  return out
}
