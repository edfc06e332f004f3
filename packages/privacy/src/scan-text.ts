import { detectPersonalInfo } from './detect.js'
import { maskFinding } from './mask.js'
import type { PrivacyFinding } from './privacy-finding.js'
import type { RuleCode } from './rule-code.js'

/**
 * Scans one free text (a dataset's title or description, a published answer, an imported
 * document's title) and returns its findings at `pointer`. `allow` lists the rules a declaration
 * covers there, and `override` names where that declaration would go (null: nothing can allow it).
 * @example scanText('联系人手机13812345678', '/description') // [{ pointer: '/description', rule: 'mobile', value: '138****5678', override: null }]
 */
export function scanText(
  text: string,
  pointer = '',
  options: { allow?: ReadonlySet<RuleCode>; override?: string | null } = {}
): PrivacyFinding[] {
  return detectPersonalInfo(text).map((d) => {
    const allowed = options.allow?.has(d.rule)
    return {
      pointer,
      rule: d.rule,
      value: maskFinding(text.slice(d.start, d.end), d.rule),
      override: options.override ?? null,
      ...(allowed ? { allowed } : {}),
    }
  })
}

/**
 * The text with every match masked where it stands (张*，住长宁区某路**********，低保户), for
 * showing text the guard cannot refuse: content imported from elsewhere, records stored before the
 * guard. Rules in `allow` are left as they are. Returns the text itself when nothing matched.
 */
export function maskPersonalInfo(text: string, allow?: ReadonlySet<RuleCode>): string {
  const found = detectPersonalInfo(text).filter((d) => !allow?.has(d.rule))
  if (found.length === 0) return text
  let out = ''
  let at = 0
  for (const d of found) {
    if (d.start < at) continue
    out += text.slice(at, d.start) + maskFinding(text.slice(d.start, d.end), d.rule)
    at = d.end
  }
  return out + text.slice(at)
}
