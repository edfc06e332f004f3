import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import { validateCatalogue } from '@gongkai/schema'
import {
  type CatalogueError,
  type CatalogueResult,
  fromValidationErrors,
} from './catalogue-error.js'
import { slugOf } from './slug.js'

/** Options of `instantiate`. */
export interface InstantiateOptions {
  /** Name of the committee or institution; fills {居委会名称} and {单位名称}. */
  name: string
  /** Values of the other placeholders, keyed with or without braces ('{街道名称}' or '街道名称'). */
  values?: Record<string, string>
  /** Id of the new catalogue; default `<template id>-<slug of name>`. */
  id?: string
  /** Version of the new catalogue; default the template's version. */
  version?: string
  /** Organisation; default the filled template organisation, else `name`. */
  organisation?: string
  /** Per entry id, fields replacing the template's (e.g. responsibleBodies, channels). */
  overrides?: Record<string, Partial<Omit<CatalogueEntry, 'id'>>>
}

/** Placeholders that `name` fills. */
const NAME_PLACEHOLDERS = ['{居委会名称}', '{单位名称}'] as const

// `{4}` and `{1,3}` are regex quantifiers in recordSchema patterns, not placeholders.
const PLACEHOLDER = /\{(?![\d,\s]+\})[^{}\s]+\}/g

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')

/** Every placeholder occurrence in a JSON value, with its pointer. */
export function findPlaceholders(
  value: unknown,
  pointer = ''
): { pointer: string; name: string }[] {
  if (typeof value === 'string')
    return [...value.matchAll(PLACEHOLDER)].map((m) => ({ pointer, name: m[0] }))
  if (Array.isArray(value)) return value.flatMap((v, i) => findPlaceholders(v, `${pointer}/${i}`))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      findPlaceholders(v, `${pointer}/${escapePointer(k)}`)
    )
  return []
}

function fill(value: unknown, values: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (m) => values.get(m) ?? m)
  if (Array.isArray(value)) return value.map((v) => fill(v, values))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]))
  return value
}

/**
 * Makes a concrete catalogue from a template: fills every `{占位符}` in every string (recordSchema
 * titles included), gives it its own id and version and validates it. Refuses (error result)
 * when a placeholder stays unfilled or an override names an unknown entry.
 * @example instantiate(template, { name: '市光四村第二居委会', values: { 街道名称: '殷行街道' } })
 */
export function instantiate(
  template: Catalogue,
  options: InstantiateOptions
): CatalogueResult<Catalogue> {
  const values = new Map<string, string>()
  for (const p of NAME_PLACEHOLDERS) values.set(p, options.name)
  for (const [k, v] of Object.entries(options.values ?? {}))
    values.set(k.startsWith('{') ? k : `{${k}}`, v)

  const errors: CatalogueError[] = []
  // A layer's entries are its operations' result: instantiate the resolved catalogue.
  if (template.operations !== undefined)
    errors.push({
      pointer: '/operations',
      keyword: 'layer',
      message: `"${template.id}" 是未解析的层，请先用 resolveCatalogue 解析`,
      expected: 'a resolved catalogue',
      actual: `${template.operations.length} operations`,
    })
  const entryIndex = new Map(template.entries.map((e, i) => [e.id, i]))
  for (const id of Object.keys(options.overrides ?? {}))
    if (!entryIndex.has(id))
      errors.push({
        pointer: `/overrides/${escapePointer(id)}`,
        keyword: 'override',
        message: `覆盖项指向不存在的条目 "${id}"`,
        expected: 'an entry id of the template',
        actual: JSON.stringify(id),
      })

  const {
    placeholders: _placeholders,
    template: _template,
    instanceOf: _instanceOf,
    // The instance is not a layer of the template's base: instanceOf names where it comes from.
    extends: _extends,
    ...rest
  } = template
  const entries = template.entries.map((e) => {
    const override = options.overrides?.[e.id]
    return override ? { ...e, ...override, id: e.id } : e
  })
  const filled = fill({ ...rest, entries }, values) as Catalogue
  for (const left of findPlaceholders(filled))
    errors.push({
      pointer: left.pointer,
      keyword: 'placeholder',
      message: `占位符 ${left.name} 未填写`,
      expected: `a value for ${left.name}`,
      actual: left.name,
    })
  if (errors.length > 0) return { ok: false, errors }

  const catalogue: Catalogue = {
    ...filled,
    id: options.id ?? `${template.id}-${slugOf(options.name)}`,
    template: false,
    instanceOf: { id: template.id, version: template.version },
    organisation: options.organisation ?? filled.organisation ?? options.name,
    version: options.version ?? template.version,
  }
  const result = validateCatalogue(catalogue)
  if (!result.ok) return { ok: false, errors: fromValidationErrors(result.errors) }
  return { ok: true, value: result.value }
}
