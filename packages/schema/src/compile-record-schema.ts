import { createRequire } from 'node:module'
import type * as AjvModule from 'ajv'
import type Ajv2020Module from 'ajv/dist/2020.js'
import { collectDiscriminators } from './discriminators.js'
import { type RawError, renderValue, toValidationErrors } from './errors.js'
import { createKeywords } from './keywords.js'
import { messageFor } from './messages.js'
import { gkFormats } from './standalone-runtime.js'
import type {
  Locale,
  ValidateOptions,
  ValidationError,
  ValidationResult,
} from './validation-result.js'

type Ajv = InstanceType<typeof Ajv2020Module>

/** Result of compileRecordSchema: a validator, or why the schema cannot be used. */
export type CompileRecordSchemaResult =
  | { ok: true; validate: (data: unknown, options?: ValidateOptions) => ValidationResult<unknown> }
  | { ok: false; errors: ValidationError[] }

let ajv: Ajv | undefined

/**
 * `privacy: { allow: [<rule code>…], reason, until? }` on a property: personal information a law
 * requires to be public there (the privacy guard reads it; `until` points, from the record's
 * root, at the date its publicity period ends). An annotation: it never fails a record.
 */
const privacyKeyword = {
  keyword: 'privacy',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    required: ['allow', 'reason'],
    additionalProperties: false,
    properties: {
      allow: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: {
          enum: [
            'id_number',
            'mobile',
            'bank_card',
            'email',
            'passport',
            'hk_macau_permit',
            'taiwan_permit',
            'licence_plate',
            'name',
            'address',
            'person_in_text',
          ],
        },
      },
      reason: { type: 'string', minLength: 1 },
      until: { type: 'string', pattern: '^(/([^~]|~[01])*)*$' },
    },
  },
} as const

// Ajv itself is loaded on the first record schema only, so importing this package stays cheap.
function getAjv(): Ajv {
  if (ajv) return ajv
  const require = createRequire(import.meta.url)
  const Ajv2020 = (require('ajv/dist/2020.js') as { default: typeof Ajv2020Module }).default
  const ajvModule = require('ajv') as typeof AjvModule
  const instance = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
    messages: false,
  })
  for (const [name, format] of Object.entries(gkFormats)) instance.addFormat(name, format)
  for (const def of createKeywords(ajvModule)) instance.addKeyword(def)
  instance.addKeyword(privacyKeyword)
  ajv = instance
  return instance
}

const cache = new WeakMap<object, CompileRecordSchemaResult>()
const booleanCache = new Map<boolean, CompileRecordSchemaResult>()

// ajv's compile-time failures, in words; `detail` keeps the technical part.
function describeCompileError(err: unknown, locale: Locale, schema: unknown): ValidationError {
  const text = err instanceof Error ? err.message : String(err)
  const patterns: [RegExp, string][] = [
    [/unknown keyword: "([^"]+)"/, 'unknownKeyword'],
    [/unknown format "([^"]+)"/, 'unknownFormat'],
    [/keyword "([^"]+)" value is invalid/, 'invalidKeyword'],
    [/can't resolve reference (\S+)/, 'unresolvedRef'],
  ]
  let reason = 'other'
  let name = ''
  for (const [re, r] of patterns) {
    const m = re.exec(text)
    if (m) {
      reason = r
      name = m[1] ?? ''
      break
    }
  }
  const actual = renderValue(schema)
  return {
    pointer: '',
    keyword: 'schema',
    message: messageFor('schema', locale, {
      params: { reason, name, detail: text },
      actual,
      value: schema,
    }),
    expected: 'a JSON Schema 2020-12 using standard keywords, gkSum, gkOrder and known formats',
    actual,
  }
}

function compileUncached(schema: unknown, locale: Locale): CompileRecordSchemaResult {
  if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object')) {
    return {
      ok: false,
      errors: toValidationErrors(
        [
          {
            keyword: 'type',
            instancePath: '',
            schemaPath: '#/type',
            params: { type: 'object,boolean' },
          },
        ],
        schema,
        locale
      ),
    }
  }
  let instance: Ajv
  try {
    instance = getAjv()
    if (!instance.validateSchema(schema as AjvModule.AnySchema)) {
      return {
        ok: false,
        errors: toValidationErrors(instance.errors as RawError[] | null, schema, locale),
      }
    }
  } catch (err) {
    return { ok: false, errors: [describeCompileError(err, locale, schema)] }
  }
  let fn: AjvModule.ValidateFunction
  try {
    fn = instance.compile(schema as AjvModule.AnySchema)
  } catch (err) {
    // A different schema object reusing an $id: replace the old one rather than fail.
    const id = typeof schema === 'object' && schema ? (schema as { $id?: unknown }).$id : undefined
    if (typeof id === 'string' && /already exists/.test(String(err))) {
      try {
        instance.removeSchema(id)
        fn = instance.compile(schema as AjvModule.AnySchema)
      } catch (again) {
        return { ok: false, errors: [describeCompileError(again, locale, schema)] }
      }
    } else {
      return { ok: false, errors: [describeCompileError(err, locale, schema)] }
    }
  }
  let tags: Map<string, string[]> | undefined
  const discriminatorValues = (tag: string) => {
    tags ??= collectDiscriminators(schema)
    return tags.get(tag)
  }
  const validate = (data: unknown, options?: ValidateOptions): ValidationResult<unknown> => {
    let valid: boolean
    try {
      valid = fn(data) as boolean
    } catch {
      const raw = [{ keyword: 'unreadable', instancePath: '', schemaPath: '#', params: {} }]
      return { ok: false, errors: toValidationErrors(raw, data, options?.locale ?? 'zh') }
    }
    if (valid) return { ok: true, value: data }
    const errors = toValidationErrors(
      fn.errors as RawError[] | null,
      data,
      options?.locale ?? 'zh',
      {
        discriminatorValues,
      }
    )
    return { ok: false, errors }
  }
  return { ok: true, validate }
}

/**
 * Compiles an entry's `recordSchema` (JSON Schema 2020-12 with gkSum/gkOrder and formats) into a
 * validator with the same error shape and messages. Invalid schemas give errors, never a throw.
 * Results are cached per schema object; `options.locale` sets the language of compile errors.
 */
export function compileRecordSchema(
  schema: unknown,
  options?: ValidateOptions
): CompileRecordSchemaResult {
  const locale = options?.locale ?? 'zh'
  const isKey = typeof schema === 'object' && schema !== null
  const cached = isKey
    ? cache.get(schema)
    : typeof schema === 'boolean'
      ? booleanCache.get(schema)
      : undefined
  if (cached && (cached.ok || locale === 'zh')) return cached
  const result = compileUncached(schema, locale)
  // Compile errors are cached in Chinese only; other locales recompute (rare, error path).
  if (result.ok || locale === 'zh') {
    if (isKey) cache.set(schema, result)
    else if (typeof schema === 'boolean') booleanCache.set(schema, result)
  }
  return result
}
