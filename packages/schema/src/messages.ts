import type { Locale } from './validation-result.js'

/** What a message template gets: the ajv params plus the rendered offending value. */
export interface MessageInput {
  /** The keyword's params (ajv's, or ours for summarised composite errors). */
  params: Record<string, unknown>
  /** Short JSON rendering of the offending value. */
  actual: string
  /** The offending value itself. */
  value: unknown
  /** Enum / discriminator values already joined with their Chinese labels, when known. */
  allowed?: string[]
}

/** A message template in both languages. */
export type MessageTemplate = Record<Locale, (input: MessageInput) => string>

const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  string: { zh: '文本', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'an integer' },
  boolean: { zh: '布尔值（true 或 false）', en: 'a boolean (true or false)' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '数组（列表）', en: 'an array (list)' },
  null: { zh: '空值 null', en: 'null' },
}

const FORMAT_NAMES: Record<string, Record<Locale, string>> = {
  date: { zh: '日期（YYYY-MM-DD）', en: 'date (YYYY-MM-DD)' },
  'date-time': {
    zh: '日期时间（如 2021-04-14T09:30:00+08:00）',
    en: 'date-time (e.g. 2021-04-14T09:30:00+08:00)',
  },
  time: { zh: '时间（如 09:30:00+08:00）', en: 'time (e.g. 09:30:00+08:00)' },
  uri: { zh: '网址（含 http:// 或 https://）', en: 'URI (with a scheme such as https://)' },
  'uri-reference': { zh: '网址或相对地址', en: 'URI reference' },
  email: { zh: '电子邮箱地址', en: 'e-mail address' },
  regex: { zh: '正则表达式', en: 'regular expression' },
  ipv4: { zh: 'IPv4 地址', en: 'IPv4 address' },
  ipv6: { zh: 'IPv6 地址', en: 'IPv6 address' },
  hostname: { zh: '主机名', en: 'host name' },
  uuid: { zh: 'UUID', en: 'UUID' },
  duration: { zh: 'ISO 8601 时长（如 P1D）', en: 'ISO 8601 duration (e.g. P1D)' },
}

const q = (s: unknown) => `"${String(s)}"`
const list = (items: unknown, locale: Locale) =>
  (Array.isArray(items) ? items.map(String) : [String(items)]).join(locale === 'zh' ? '、' : ', ')
const typeName = (t: unknown, locale: Locale) =>
  (Array.isArray(t) ? t : String(t).split(','))
    .map((x) => TYPE_NAMES[String(x)]?.[locale] ?? String(x))
    .join(locale === 'zh' ? '或' : ' or ')
const formatName = (f: unknown, locale: Locale) =>
  FORMAT_NAMES[String(f)]?.[locale] ?? (locale === 'zh' ? `${String(f)} 格式` : `${String(f)}`)
const jsonTypeOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number' && Number.isInteger(v)
        ? 'integer'
        : typeof v
const num = (v: unknown) => (typeof v === 'number' ? String(Number(v.toFixed(6))) : String(v))
const lastSegment = (ptr: unknown) =>
  String(ptr).split('/').pop()?.replace(/~1/g, '/').replace(/~0/g, '~') ?? ''
const len = (v: unknown) => (typeof v === 'string' ? [...v].length : 0)
const count = (v: unknown) =>
  Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0
const ifThen: MessageTemplate = {
  zh: () => '不满足条件规则（见同一位置的其他错误）',
  en: () => 'a conditional rule is not met (see the other errors at this place)',
}

// What a gkSum total is made of: "lines" items and/or +a −b terms, named by their last segment.
const sumBasis = (params: Record<string, unknown>, locale: 'zh' | 'en'): string => {
  const parts: string[] = []
  if (params.items) {
    parts.push(
      locale === 'zh'
        ? `${q(lastSegment(params.items))} 各项之和`
        : `the sum of ${q(lastSegment(params.items))}`
    )
  }
  for (const term of String(params.terms ?? '')
    .split(' ')
    .filter(Boolean)) {
    const name = q(lastSegment(term.slice(1)))
    parts.push(term.startsWith('-') ? `− ${name}` : parts.length ? `+ ${name}` : name)
  }
  return parts.join(' ')
}

/**
 * Message templates keyed by schema keyword, in Chinese and English. Every keyword that can
 * fail in our schemas or in a record schema has one (a test scans the schemas to make sure).
 */
export const messages: Record<string, MessageTemplate> = {
  required: {
    zh: ({ params }) => `缺少必填字段 ${q(params.missingProperty)}`,
    en: ({ params }) => `missing required field ${q(params.missingProperty)}`,
  },
  type: {
    zh: ({ params, value }) =>
      `应为${typeName(params.type, 'zh')}，实际为${typeName(jsonTypeOf(value), 'zh')}`,
    en: ({ params, value }) =>
      `expected ${typeName(params.type, 'en')}, got ${typeName(jsonTypeOf(value), 'en')}`,
  },
  enum: {
    zh: ({ actual, allowed, params }) =>
      `${actual} 不是允许的值，应为：${list(allowed ?? params.allowedValues, 'zh')}`,
    en: ({ actual, allowed, params }) =>
      `${actual} is not an allowed value; expected one of: ${list(allowed ?? params.allowedValues, 'en')}`,
  },
  const: {
    zh: ({ actual, params }) => `应为 ${JSON.stringify(params.allowedValue)}，实际为 ${actual}`,
    en: ({ actual, params }) => `expected ${JSON.stringify(params.allowedValue)}, got ${actual}`,
  },
  pattern: {
    zh: ({ actual, params }) => `${actual} 的写法不符合规则 ${String(params.pattern)}`,
    en: ({ actual, params }) => `${actual} does not match the pattern ${String(params.pattern)}`,
  },
  format: {
    zh: ({ actual, params }) => `${actual} 不是有效的${formatName(params.format, 'zh')}`,
    en: ({ actual, params }) => `${actual} is not a valid ${formatName(params.format, 'en')}`,
  },
  minLength: {
    zh: ({ params, value }) =>
      params.limit === 1
        ? '不能为空'
        : `长度不能少于 ${num(params.limit)} 个字符（当前 ${len(value)} 个）`,
    en: ({ params, value }) =>
      params.limit === 1
        ? 'is empty'
        : `is shorter than ${num(params.limit)} characters (has ${len(value)})`,
  },
  maxLength: {
    zh: ({ params, value }) => `长度不能超过 ${num(params.limit)} 个字符（当前 ${len(value)} 个）`,
    en: ({ params, value }) => `is longer than ${num(params.limit)} characters (has ${len(value)})`,
  },
  minimum: {
    zh: ({ params, actual }) => `不能小于 ${num(params.limit)}（当前为 ${actual}）`,
    en: ({ params, actual }) => `is below the minimum ${num(params.limit)} (got ${actual})`,
  },
  maximum: {
    zh: ({ params, actual }) => `不能大于 ${num(params.limit)}（当前为 ${actual}）`,
    en: ({ params, actual }) => `is above the maximum ${num(params.limit)} (got ${actual})`,
  },
  exclusiveMinimum: {
    zh: ({ params, actual }) => `应大于 ${num(params.limit)}（当前为 ${actual}）`,
    en: ({ params, actual }) => `should be greater than ${num(params.limit)} (got ${actual})`,
  },
  exclusiveMaximum: {
    zh: ({ params, actual }) => `应小于 ${num(params.limit)}（当前为 ${actual}）`,
    en: ({ params, actual }) => `should be less than ${num(params.limit)} (got ${actual})`,
  },
  multipleOf: {
    zh: ({ params, actual }) => `应为 ${num(params.multipleOf)} 的整数倍（当前为 ${actual}）`,
    en: ({ params, actual }) => `is not a multiple of ${num(params.multipleOf)} (got ${actual})`,
  },
  minItems: {
    zh: ({ params, value }) => `至少需要 ${num(params.limit)} 项（当前 ${count(value)} 项）`,
    en: ({ params, value }) => `needs at least ${num(params.limit)} item(s) (has ${count(value)})`,
  },
  maxItems: {
    zh: ({ params, value }) => `最多 ${num(params.limit)} 项（当前 ${count(value)} 项）`,
    en: ({ params, value }) => `allows at most ${num(params.limit)} item(s) (has ${count(value)})`,
  },
  items: {
    zh: ({ params, value }) => `最多 ${num(params.limit)} 项（当前 ${count(value)} 项）`,
    en: ({ params, value }) => `allows at most ${num(params.limit)} item(s) (has ${count(value)})`,
  },
  prefixItems: {
    zh: ({ params }) => `最多 ${num(params.limit)} 项`,
    en: ({ params }) => `allows at most ${num(params.limit)} item(s)`,
  },
  unevaluatedItems: {
    zh: ({ params }) => `最多 ${num(params.limit)} 项，其余的项不允许`,
    en: ({ params }) => `allows at most ${num(params.limit)} item(s); the rest are not allowed`,
  },
  contains: {
    zh: ({ params }) =>
      params.maxContains !== undefined
        ? `符合要求的项应在 ${num(params.minContains)} 到 ${num(params.maxContains)} 项之间`
        : `至少应有 ${num(params.minContains ?? 1)} 项符合要求`,
    en: ({ params }) =>
      params.maxContains !== undefined
        ? `needs between ${num(params.minContains)} and ${num(params.maxContains)} matching items`
        : `needs at least ${num(params.minContains ?? 1)} matching item(s)`,
  },
  uniqueItems: {
    zh: ({ params }) => `第 ${num(params.i)} 项与第 ${num(params.j)} 项重复`,
    en: ({ params }) => `item ${num(params.i)} duplicates item ${num(params.j)}`,
  },
  minProperties: {
    zh: ({ params }) => `至少需要 ${num(params.limit)} 个字段`,
    en: ({ params }) => `needs at least ${num(params.limit)} field(s)`,
  },
  maxProperties: {
    zh: ({ params }) => `最多允许 ${num(params.limit)} 个字段`,
    en: ({ params }) => `allows at most ${num(params.limit)} field(s)`,
  },
  additionalProperties: {
    zh: ({ params }) => `不允许的字段 ${q(params.additionalProperty)}`,
    en: ({ params }) => `unknown field ${q(params.additionalProperty)}`,
  },
  unevaluatedProperties: {
    zh: ({ params }) => `不允许的字段 ${q(params.unevaluatedProperty)}`,
    en: ({ params }) => `unknown field ${q(params.unevaluatedProperty)}`,
  },
  dependentRequired: {
    zh: ({ params }) => `填写了 ${q(params.property)} 时，还必须填写 ${q(params.missingProperty)}`,
    en: ({ params }) =>
      `${q(params.property)} is given, so ${q(params.missingProperty)} is required too`,
  },
  propertyNames: {
    zh: ({ params }) => `字段名 ${q(params.propertyName)} 不符合要求`,
    en: ({ params }) => `field name ${q(params.propertyName)} is not allowed`,
  },
  not: {
    zh: () => '符合了不应符合的规则',
    en: () => 'matches a rule it should not match',
  },
  'false schema': {
    zh: () => '此处不允许出现任何值',
    en: () => 'no value is allowed here',
  },
  if: ifThen,
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword; its value is no function, so nothing becomes thenable
  then: ifThen,
  else: ifThen,
  anyOf: {
    zh: ({ params }) =>
      params.kind === 'required'
        ? `至少需要填写以下字段之一：${list(params.alternatives, 'zh')}`
        : params.kind === 'type'
          ? `类型不对，应为${typeName(params.alternatives, 'zh')}`
          : `不符合任何一种允许的形式${params.alternatives ? `：${list(params.alternatives, 'zh')}` : ''}`,
    en: ({ params }) =>
      params.kind === 'required'
        ? `needs at least one of the fields: ${list(params.alternatives, 'en')}`
        : params.kind === 'type'
          ? `wrong type; expected ${typeName(params.alternatives, 'en')}`
          : `matches none of the allowed forms${params.alternatives ? `: ${list(params.alternatives, 'en')}` : ''}`,
  },
  oneOf: {
    zh: (input) =>
      Array.isArray(input.params.passingSchemas)
        ? `同时符合多种形式（第 ${list(input.params.passingSchemas, 'zh')} 种），只能符合一种`
        : (messages.anyOf as MessageTemplate).zh(input),
    en: (input) =>
      Array.isArray(input.params.passingSchemas)
        ? `matches several forms (${list(input.params.passingSchemas, 'en')}) but only one is allowed`
        : (messages.anyOf as MessageTemplate).en(input),
  },
  discriminator: {
    zh: ({ params, actual, allowed }) =>
      params.error === 'mapping'
        ? `${actual} 不是允许的类型${allowed ? `，应为：${list(allowed, 'zh')}` : ''}`
        : `类型字段 ${q(params.tag)} 应为文本`,
    en: ({ params, actual, allowed }) =>
      params.error === 'mapping'
        ? `${actual} is not an allowed type${allowed ? `; expected one of: ${list(allowed, 'en')}` : ''}`
        : `the type field ${q(params.tag)} should be a string`,
  },
  gkSum: {
    zh: ({ params }) =>
      params.formula
        ? `${String(params.formula)}：应为 ${num(params.sum)}，实际填写 ${num(params.total)}`
        : `合计应为 ${num(params.sum)}（${sumBasis(params, 'zh')}），实际填写 ${num(params.total)}`,
    en: ({ params }) =>
      params.formula
        ? `${String(params.formula)}: should be ${num(params.sum)}, got ${num(params.total)}`
        : `total should be ${num(params.sum)} (${sumBasis(params, 'en')}), got ${num(params.total)}`,
  },
  gkUnique: {
    zh: ({ params }) =>
      `${q(params.value)} 重复：与第 ${Number(params.first) + 1} 项相同，每一项须各不相同`,
    en: ({ params }) =>
      `${q(params.value)} is used twice: item ${Number(params.first) + 1} already has it`,
  },
  gkRefs: {
    zh: ({ params }) =>
      `${q(params.value)} 不在 ${q(lastSegment(params.to))} 中，应为其中已定义的名称`,
    en: ({ params }) =>
      `${q(params.value)} is not in ${q(lastSegment(params.to))}: name one defined there`,
  },
  gkMonthDay: {
    zh: ({ params }) =>
      `${String(params.month)} 月没有 ${String(params.day)} 日（最多 ${String(params.max)} 日）`,
    en: ({ params }) =>
      `month ${String(params.month)} has no day ${String(params.day)} (at most ${String(params.max)})`,
  },
  gkOrder: {
    zh: ({ params }) =>
      `${q(lastSegment(params.at))}（${String(params.after)}）${params.strict ? '应晚于' : '不能早于'} ${q(lastSegment(params.beforeAt))}（${String(params.before)}）`,
    en: ({ params }) =>
      `${q(lastSegment(params.at))} (${String(params.after)}) ${params.strict ? 'should be later than' : 'is earlier than'} ${q(lastSegment(params.beforeAt))} (${String(params.before)})`,
  },
  schema: {
    zh: ({ params }) =>
      params.reason === 'unknownKeyword'
        ? `记录结构（JSON Schema）使用了未知的关键字 ${q(params.name)}`
        : params.reason === 'unknownFormat'
          ? `记录结构（JSON Schema）使用了未知的格式 ${q(params.name)}`
          : params.reason === 'invalidKeyword'
            ? `记录结构（JSON Schema）中关键字 ${q(params.name)} 的写法不对`
            : params.reason === 'unresolvedRef'
              ? `记录结构（JSON Schema）中的引用 ${String(params.name)} 找不到`
              : `记录结构（JSON Schema）无法编译：${String(params.detail)}`,
    en: ({ params }) =>
      params.reason === 'unknownKeyword'
        ? `the record schema uses an unknown keyword ${q(params.name)}`
        : params.reason === 'unknownFormat'
          ? `the record schema uses an unknown format ${q(params.name)}`
          : params.reason === 'invalidKeyword'
            ? `the record schema has an invalid value for the keyword ${q(params.name)}`
            : params.reason === 'unresolvedRef'
              ? `the record schema refers to ${String(params.name)}, which cannot be found`
              : `the record schema cannot be compiled: ${String(params.detail)}`,
  },
  unreadable: {
    zh: () => '无法读取该值（不是 JSON 数据）',
    en: () => 'the value cannot be read (not JSON data)',
  },
}

/** The message of a keyword in a locale; unknown keywords get a generic sentence, never ajv's text. */
export function messageFor(keyword: string, locale: Locale, input: MessageInput): string {
  const template = messages[keyword]
  if (template) return template[locale](input)
  return locale === 'zh' ? `不符合规则 ${keyword}` : `breaks the rule ${keyword}`
}
