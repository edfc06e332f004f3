import { type MessageInput, messageFor } from './messages.js'
import type { Locale, ValidationError } from './validation-result.js'
import { vocabularyLabels } from './vocabularies.js'

/** The part of an ajv ErrorObject we read (standalone code is built with `messages: false`). */
export interface RawError {
  keyword: string
  instancePath: string
  schemaPath: string
  params: Record<string, unknown>
}

/** Extra knowledge about the schema that produced the errors. */
export interface ErrorContext {
  /** Allowed values of a discriminator tag (for "not an allowed type" messages). */
  discriminatorValues?: (tag: string) => readonly string[] | undefined
}

const MAX_ACTUAL = 80

/** Short JSON rendering of a value, truncated to about 80 characters; never throws. */
export function renderValue(value: unknown): string {
  let text: string
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  return text.length > MAX_ACTUAL ? `${text.slice(0, MAX_ACTUAL - 1)}…` : text
}

const escapeSegment = (s: unknown) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')

/** The value at a JSON pointer, or undefined when any step is missing. */
function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data
  let v: unknown = data
  for (const raw of pointer.slice(1).split('/')) {
    if (v === null || typeof v !== 'object') return undefined
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    v = Object.hasOwn(v, seg) ? (v as Record<string, unknown>)[seg] : undefined
  }
  return v
}

const isWithin = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}/`)

// Parent path of a keyword's schemaPath: '#/properties/a/oneOf' -> '#/properties/a'.
const schemaObjectPath = (schemaPath: string) => schemaPath.slice(0, schemaPath.lastIndexOf('/'))

/**
 * Indices of the errors a failed anyOf/oneOf at `index` collected from its branches: ajv pushes
 * them right before the composite error, so walk back while errors lie inside its branches.
 */
function branchErrors(errors: readonly RawError[], index: number): number[] {
  const parent = errors[index] as RawError
  const own = schemaObjectPath(parent.schemaPath)
  const out: number[] = []
  for (let j = index - 1; j >= 0; j--) {
    const e = errors[j] as RawError
    if (!isWithin(e.instancePath, parent.instancePath)) break
    const inBranch = e.schemaPath.startsWith(`${parent.schemaPath}/`)
    // A sibling keyword of the same schema object was checked before the composite: stop there.
    if (!inBranch && e.schemaPath.startsWith(`${own}/`)) break
    out.push(j)
  }
  // Back in document order, so alternatives are listed as the schema lists them.
  return out.reverse()
}

/** Removes noise: if/then wrappers, unchosen anyOf/oneOf branches, duplicated discriminator errors. */
function reduceNoise(input: readonly RawError[]): RawError[] {
  const errors: (RawError | undefined)[] = [...input]
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i]
    if (!e) continue
    if (e.keyword === 'if') {
      // The then/else errors that made `if` fail are reported themselves.
      errors[i] = undefined
      continue
    }
    if (e.keyword === 'contains') {
      // Every non-matching item's errors are expected; the contains error says it all.
      for (let j = 0; j < i; j++) {
        if (errors[j]?.schemaPath.startsWith(`${e.schemaPath}/`)) errors[j] = undefined
      }
      continue
    }
    if ((e.keyword !== 'anyOf' && e.keyword !== 'oneOf') || Array.isArray(e.params.passingSchemas))
      continue
    const children = branchErrors(input, i)
    const branches = new Map<string, number[]>()
    for (const j of children) {
      if (!errors[j]) continue
      const rest = (errors[j] as RawError).schemaPath.slice(e.schemaPath.length + 1)
      const key = (errors[j] as RawError).schemaPath.startsWith(`${e.schemaPath}/`)
        ? (rest.split('/')[0] ?? '?')
        : '?'
      branches.set(key, [...(branches.get(key) ?? []), j])
    }
    if (branches.size === 0) continue
    const at = (j: number) => errors[j] as RawError
    const typeFails = (idx: number[]) =>
      idx.some((j) => at(j).keyword === 'type' && at(j).instancePath === e.instancePath)
    const compatible = [...branches.values()].filter((idx) => !typeFails(idx))
    const onlyRequiredHere = (idx: number[]) =>
      idx.every((j) => at(j).keyword === 'required' && at(j).instancePath === e.instancePath)
    if (compatible.length === 0) {
      // The value has none of the allowed types: one error naming them.
      const types = [...branches.values()].flatMap((idx) =>
        idx.filter((j) => at(j).keyword === 'type').map((j) => String(at(j).params.type))
      )
      errors[i] = { ...e, params: { ...e.params, kind: 'type', alternatives: [...new Set(types)] } }
      for (const j of children) errors[j] = undefined
    } else if (compatible.length > 1 && compatible.every(onlyRequiredHere)) {
      // e.g. "one of column / titlePattern / issuer / docNoPattern": one error listing them.
      const alternatives = compatible.map((idx) =>
        idx.map((j) => `"${String(at(j).params.missingProperty)}"`).join(' + ')
      )
      errors[i] = { ...e, params: { ...e.params, kind: 'required', alternatives } }
      for (const j of children) errors[j] = undefined
    } else {
      // The closest branch (fewest errors among those of the right type) explains the problem.
      const best = compatible.reduce((a, b) => (b.length < a.length ? b : a))
      for (const j of children) if (!best.includes(j)) errors[j] = undefined
      errors[i] = undefined
    }
  }
  const kept = errors.filter((e): e is RawError => e !== undefined)
  // A missing discriminator tag is already reported as a missing required field.
  return kept.filter(
    (e) =>
      !(
        e.keyword === 'discriminator' &&
        e.params.error === 'tag' &&
        kept.some(
          (r) =>
            r.keyword === 'required' &&
            r.instancePath === e.instancePath &&
            r.params.missingProperty === e.params.tag
        )
      )
  )
}

function pointerOf(e: RawError): string {
  const p = e.params
  switch (e.keyword) {
    case 'required':
    case 'dependentRequired':
      return `${e.instancePath}/${escapeSegment(p.missingProperty)}`
    case 'additionalProperties':
      return `${e.instancePath}/${escapeSegment(p.additionalProperty)}`
    case 'unevaluatedProperties':
      return `${e.instancePath}/${escapeSegment(p.unevaluatedProperty)}`
    case 'uniqueItems':
      return `${e.instancePath}/${String(p.i)}`
    case 'discriminator':
      return `${e.instancePath}/${escapeSegment(p.tag)}`
    case 'gkSum':
    case 'gkOrder':
    case 'gkUnique':
    case 'gkRefs':
    case 'gkMonthDay':
      return `${e.instancePath}${String(p.at)}`
    default:
      return e.instancePath
  }
}

const round = (n: unknown) => (typeof n === 'number' ? String(Number(n.toFixed(6))) : String(n))

function expectedOf(e: RawError, allowed: readonly string[] | undefined): string {
  const p = e.params
  switch (e.keyword) {
    case 'required':
    case 'dependentRequired':
      return `field "${String(p.missingProperty)}"`
    case 'type':
      return String(p.type).replace(/,/g, ' | ')
    case 'enum':
      return (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' | ')
    case 'const':
      return JSON.stringify(p.allowedValue)
    case 'pattern':
      return `pattern ${String(p.pattern)}`
    case 'format':
      return `format ${String(p.format)}`
    case 'minLength':
      return `length >= ${round(p.limit)}`
    case 'maxLength':
      return `length <= ${round(p.limit)}`
    case 'minItems':
    case 'minProperties':
      return `count >= ${round(p.limit)}`
    case 'maxItems':
    case 'maxProperties':
    case 'items':
    case 'prefixItems':
    case 'unevaluatedItems':
      return `count <= ${round(p.limit)}`
    case 'minimum':
      return `>= ${round(p.limit)}`
    case 'maximum':
      return `<= ${round(p.limit)}`
    case 'exclusiveMinimum':
      return `> ${round(p.limit)}`
    case 'exclusiveMaximum':
      return `< ${round(p.limit)}`
    case 'multipleOf':
      return `multiple of ${round(p.multipleOf)}`
    case 'uniqueItems':
      return 'unique items'
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'no such field'
    case 'anyOf':
    case 'oneOf':
      if (Array.isArray(p.passingSchemas)) return 'exactly one form'
      return Array.isArray(p.alternatives) ? p.alternatives.join(' | ') : 'one of the allowed forms'
    case 'discriminator':
      return allowed ? allowed.join(' | ') : `string "${String(p.tag)}"`
    case 'gkSum':
      return round(p.sum)
    case 'gkOrder':
      return `${p.strict ? '>' : '>='} ${String(p.before)}`
    case 'gkUnique':
      return 'a value not used before'
    case 'gkRefs':
      return `a name listed in ${String(p.to)}`
    case 'gkMonthDay':
      return `a day from 1 to ${String(p.max)}`
    default:
      return e.keyword
  }
}

/** Turns ajv errors into readable, located errors in the requested locale. */
export function toValidationErrors(
  raw: readonly RawError[] | null | undefined,
  data: unknown,
  locale: Locale,
  context: ErrorContext = {}
): ValidationError[] {
  const out: ValidationError[] = []
  const seen = new Set<string>()
  for (const e of reduceNoise(raw ?? [])) {
    const pointer = pointerOf(e)
    const value = valueAt(data, pointer)
    let allowedRaw: readonly string[] | undefined
    let allowed: string[] | undefined
    if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
      const labels = vocabularyLabels(e.params.allowedValues)
      allowed = (e.params.allowedValues as unknown[]).map((v) => {
        const label = typeof v === 'string' ? labels?.get(v) : undefined
        const text = typeof v === 'string' ? v : JSON.stringify(v)
        return label ? (locale === 'zh' ? `${text}（${label}）` : `${text} (${label})`) : text
      })
    } else if (e.keyword === 'discriminator') {
      allowedRaw = context.discriminatorValues?.(String(e.params.tag))
      allowed = allowedRaw ? [...allowedRaw] : undefined
    }
    const actual = renderValue(value)
    const input: MessageInput = { params: e.params, actual, value, allowed }
    const error: ValidationError = {
      pointer,
      keyword: e.keyword,
      message: messageFor(e.keyword, locale, input),
      expected: expectedOf(e, allowedRaw),
      actual,
    }
    const key = `${pointer}\n${error.keyword}\n${error.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(error)
  }
  return out
}

/** One line per error: `<pointer>: <message>` (the pointer is '' for the root). */
export function formatError(e: ValidationError): string {
  return `${e.pointer}: ${e.message}`
}
