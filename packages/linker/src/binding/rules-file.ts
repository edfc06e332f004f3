import { readFile } from 'node:fs/promises'
import { type BindingRules, validateBindingRules } from '@gongkai/schema'

/** A problem of a rules file, located by file and JSON pointer. */
export interface RulesProblem {
  file: string
  pointer: string
  message: string
}

/** Outcome of {@link loadBindingRules}. */
export type LoadRulesResult =
  | { ok: true; rules: BindingRules }
  | { ok: false; problems: RulesProblem[] }

/** Validates parsed bindings.json content with the binding-rules schema; `file` names it in problems. */
export function parseBindingRules(data: unknown, file = 'bindings.json'): LoadRulesResult {
  const result = validateBindingRules(data)
  if (!result.ok) {
    return {
      ok: false,
      problems: result.errors.map((e) => ({ file, pointer: e.pointer, message: e.message })),
    }
  }
  const problems: RulesProblem[] = []
  result.value.rules?.forEach((rule, i) => {
    for (const key of ['titlePattern', 'docNoPattern'] as const) {
      const pattern = rule[key]
      if (pattern === undefined) continue
      try {
        new RegExp(pattern, 'u')
      } catch (e) {
        problems.push({
          file,
          pointer: `/rules/${i}/${key}`,
          message: `not a valid regular expression: ${(e as Error).message}`,
        })
      }
    }
  })
  return problems.length ? { ok: false, problems } : { ok: true, rules: result.value }
}

/**
 * Reads and validates a bindings.json file. Never throws: unreadable files, bad JSON and
 * schema errors come back as problems naming the file and the JSON pointer.
 */
export async function loadBindingRules(file: string): Promise<LoadRulesResult> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    return {
      ok: false,
      problems: [{ file, pointer: '', message: `cannot read: ${(e as Error).message}` }],
    }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return {
      ok: false,
      problems: [{ file, pointer: '', message: `not JSON: ${(e as Error).message}` }],
    }
  }
  return parseBindingRules(data, file)
}
