import { rulesOfLabel } from './column-titles.js'
import { allowedRules } from './declarations.js'
import type { RuleCode } from './rule-code.js'

/** The parts of a catalogue entry the check reads. */
export interface EntryPrivacy {
  id: string
  privacy?: { personalInfo?: boolean; rule?: string; mayShow?: string[]; mustNotShow?: string[] }
  recordSchema?: unknown
}

/** Every `privacy` declaration in a (record) schema, with its schema pointer. */
export function privacyDeclarations(
  schema: unknown,
  pointer = ''
): { pointer: string; allow: RuleCode[]; until?: string }[] {
  if (!schema || typeof schema !== 'object') return []
  const out: { pointer: string; allow: RuleCode[]; until?: string }[] = []
  const node = schema as Record<string, unknown>
  if (node.privacy && typeof node.privacy === 'object') {
    const until = (node.privacy as { until?: unknown }).until
    out.push({
      pointer: `${pointer}/privacy`,
      allow: [...allowedRules(node.privacy)],
      ...(typeof until === 'string' ? { until } : {}),
    })
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'privacy' || k === 'const' || k === 'enum' || k === 'default' || k === 'examples')
      continue
    if (Array.isArray(v))
      v.forEach((x, i) => {
        out.push(...privacyDeclarations(x, `${pointer}/${k}/${i}`))
      })
    else if (v && typeof v === 'object') out.push(...privacyDeclarations(v, `${pointer}/${k}`))
  }
  return out
}

/**
 * Checks an entry's record schema against the entry's own privacy statement: every rule a
 * `privacy.allow` lists must be named by `privacy.mayShow` (户主姓名 covers name) and by none of
 * `privacy.mustNotShow`; an entry published only for a publicity period (`rule: publicity_only`)
 * must say where the period ends (`privacy.until`). Returns the problems, in words.
 */
export function checkEntryPrivacy(entry: EntryPrivacy): string[] {
  const problems: string[] = []
  const decls = privacyDeclarations(entry.recordSchema)
  if (decls.length === 0) return problems
  const p = entry.privacy
  if (!p?.personalInfo) {
    problems.push(
      `entry "${entry.id}": its recordSchema allows personal information (${decls.map((d) => d.pointer).join(', ')}) but privacy.personalInfo is not true`
    )
    return problems
  }
  const may = new Set((p.mayShow ?? []).flatMap(rulesOfLabel))
  const mustNot = new Set((p.mustNotShow ?? []).flatMap(rulesOfLabel))
  for (const d of decls) {
    for (const rule of d.allow) {
      if (!may.has(rule))
        problems.push(
          `entry "${entry.id}": recordSchema ${d.pointer} allows "${rule}" but privacy.mayShow (${(p.mayShow ?? []).join('、')}) names nothing of that kind`
        )
      if (mustNot.has(rule) && !may.has(rule))
        problems.push(
          `entry "${entry.id}": recordSchema ${d.pointer} allows "${rule}", which privacy.mustNotShow forbids`
        )
    }
    if (p.rule === 'publicity_only' && !d.until)
      problems.push(
        `entry "${entry.id}": privacy.rule is publicity_only, so recordSchema ${d.pointer} needs "until" (a pointer to the date the publicity period ends)`
      )
  }
  return problems
}
