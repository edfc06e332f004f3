import { columnRole, detectContext } from './column-titles.js'
import { allowedRules } from './declarations.js'
import { detectPersonalInfo } from './detect.js'
import { maskFinding, maskValue } from './mask.js'
import type { PrivacyFinding } from './privacy-finding.js'
import type { RuleCode } from './rule-code.js'
import { escapePointer } from './scan-table.js'
import { maskPersonalInfo } from './scan-text.js'

type SchemaNode = {
  title?: string
  properties?: Record<string, SchemaNode>
  additionalProperties?: SchemaNode | boolean
  items?: SchemaNode | boolean
  privacy?: { allow?: unknown; reason?: string; until?: string }
}

const asNode = (s: unknown): SchemaNode | undefined =>
  s && typeof s === 'object' && !Array.isArray(s) ? (s as SchemaNode) : undefined

const MASKED_OR_EMPTY = /\*|^[\s\-—/无]*$/
const NOT_A_PERSON =
  /某|老师|先生|女士|办公室|窗口|中心|科室|值班|公司|街道|委员会|局$|所$|店$|厂$|部$|院$|站$/

function childSchema(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  return asNode(node?.properties?.[key]) ?? asNode(node?.additionalProperties)
}

/**
 * Scans a structured record (a residents' committee's disclosure, a publicity list) against its
 * entry's record schema: every text and long number is run through the detectors, and properties
 * titled 姓名, 身份证号, 家庭住址 … are findings when they hold values. A `privacy.allow` on a
 * property (or any property above it) allows those rules there; each finding's `override` is the
 * schema pointer where that declaration would go. Pointers start with `pointerPrefix` (e.g. `/data`).
 */
export function scanRecord(
  schema: unknown,
  data: unknown,
  options: { pointerPrefix?: string } = {}
): PrivacyFinding[] {
  const out: PrivacyFinding[] = []
  const walk = (
    node: SchemaNode | undefined,
    value: unknown,
    pointer: string,
    schemaPointer: string,
    allow: ReadonlySet<RuleCode>,
    key: string
  ): void => {
    const here = node?.privacy ? new Set([...allow, ...allowedRules(node.privacy)]) : allow
    if (Array.isArray(value)) {
      const items = asNode(node?.items)
      value.forEach((v, i) => {
        walk(items, v, `${pointer}/${i}`, `${schemaPointer}/items`, here, key)
      })
      return
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const esc = escapePointer(k)
        walk(
          childSchema(node, k),
          v,
          `${pointer}/${esc}`,
          `${schemaPointer}/properties/${esc}`,
          here,
          k
        )
      }
      return
    }
    const role = columnRole(node?.title, key)
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' &&
            role?.kind !== 'amount' &&
            Number.isInteger(value) &&
            value >= 1e7
          ? String(value)
          : undefined
    if (!text) return
    const override = `${schemaPointer}/privacy/allow`
    const add = (rule: RuleCode, match: string) => {
      if (out.some((f) => f.pointer === pointer && f.rule === rule)) return
      const allowed = here.has(rule)
      out.push({
        pointer,
        rule,
        value: maskFinding(match, rule),
        override,
        ...(allowed ? { allowed } : {}),
      })
    }
    const ctx = detectContext(role)
    for (const d of detectPersonalInfo(text, ctx)) add(d.rule, text.slice(d.start, d.end))
    if (role?.kind === 'strong' && !MASKED_OR_EMPTY.test(text)) {
      if (role.rule === 'name' && NOT_A_PERSON.test(text)) return
      add(role.rule, text)
    }
  }
  walk(asNode(schema), data, options.pointerPrefix ?? '', '', new Set(), '')
  return out
}

/** Reads a JSON pointer in a document (undefined when a step is missing). */
function readPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc
  let v: unknown = doc
  for (const seg of pointer.slice(1).split('/')) {
    const k = seg.replace(/~1/g, '/').replace(/~0/g, '~')
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[k]
  }
  return v
}

/**
 * A record as the public may see it on `today` (YYYY-MM-DD): values a `privacy.allow` shows
 * under a publicity rule (`privacy.until` points at the period's last day) are masked once the
 * period has ended (张三 -> 张*), and personal information no declaration allows (a record stored
 * before the guard) is masked where it stands. Domain §12: names are shown only for the publicity
 * period.
 */
export function maskExpiredPublicity<T>(schema: unknown, data: T, today: string): T {
  const root = data
  const visit = (
    node: SchemaNode | undefined,
    value: unknown,
    masking: RuleCode | undefined,
    allowed: ReadonlySet<RuleCode>
  ): unknown => {
    const allow = node?.privacy ? new Set([...allowed, ...allowedRules(node.privacy)]) : allowed
    let rule = masking
    const until = node?.privacy?.until
    if (!rule && typeof until === 'string') {
      const end = readPointer(root, until)
      if (typeof end === 'string' && end < today) {
        const declared = [...allowedRules(node?.privacy)]
        rule = declared.includes('name') ? 'name' : declared[0]
      }
    }
    if (Array.isArray(value)) return value.map((v) => visit(asNode(node?.items), v, rule, allow))
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value))
        out[k] = visit(childSchema(node, k), v, rule, allow)
      return out
    }
    if (typeof value !== 'string' || value === '') return value
    if (rule) {
      return rule === 'name' || rule === 'address'
        ? maskValue(value, { type: rule })
        : maskFinding(value, rule)
    }
    return maskPersonalInfo(value, allow)
  }
  return visit(asNode(schema), data, undefined, new Set()) as T
}

/**
 * The guard for an answer @gongkai/cases publishes (a 答复 to a request, shown in the public
 * register): every text in it is scanned and nothing is allowed — the applicant's own data are
 * kept apart by the cases package and never belong in a published answer.
 * @example scanPublishedAnswer({ body: '…手机13812345678…' }, '/answer') // [{ pointer: '/answer/body', rule: 'mobile', … }]
 */
export function scanPublishedAnswer(answer: unknown, pointerPrefix = ''): PrivacyFinding[] {
  return scanRecord(undefined, answer, { pointerPrefix }).filter((f) => !f.allowed)
}
