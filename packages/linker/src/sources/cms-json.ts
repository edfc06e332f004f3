import type { ContentItem } from '@gongkai/schema'
import { type ColumnMapping, resolveColumns } from './column-mapping.js'
import { jsonRecords } from './json-records.js'
import { RAW_FIELDS, type RawItem, toContentItem } from './raw-item.js'
import { readText } from './read-source.js'
import type { SourceReaderOptions } from './source-options.js'

/** Options of {@link readCmsJson}. */
export interface CmsJsonOptions extends SourceReaderOptions {
  /** Field -> property name (dotted path for nested ones); unmapped fields use the defaults. */
  mapping?: ColumnMapping
}

const get = (obj: unknown, path: string): unknown => {
  if (obj && typeof obj === 'object' && path in obj) return (obj as Record<string, unknown>)[path]
  let cur = obj
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

const asText = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : undefined

/** Reads one record object into raw fields; ContentItem-shaped objects pass through. */
function toRaw(obj: Record<string, unknown>, columns: Map<keyof RawItem, string>): RawItem {
  const raw: Record<string, unknown> = {}
  for (const field of RAW_FIELDS) {
    const col = columns.get(field)
    if (col === undefined) continue
    const v = get(obj, col)
    if (Array.isArray(v)) raw[field] = v.map(asText).filter((s): s is string => s !== undefined)
    else if (field === 'attribute' && v && typeof v === 'object') {
      // The attribute object of a ContentItem: { code, ground?, reviewedAt? }.
      const a = v as Record<string, unknown>
      raw.attribute = asText(a.code)
      raw.attributeGround ??= asText(a.ground)
      raw.attributeReviewedAt ??= asText(a.reviewedAt)
    } else {
      const t = asText(v)
      if (t !== undefined) raw[field] = t
    }
  }
  return raw as RawItem
}

/**
 * Streams the records of a CMS JSON export (an array of objects, `{ "data": [...] }`, or JSON
 * Lines) as content items. Malformed records are reported with their line and skipped.
 */
export async function* readCmsJson(
  source: string,
  options: CmsJsonOptions
): AsyncGenerator<ContentItem> {
  // Objects of one export share their keys, so the resolved mapping is cached per key set.
  const cache = new Map<string, Map<keyof RawItem, string>>()
  try {
    for await (const rec of jsonRecords(readText(source, options), source, options.onProblem)) {
      const where = { file: source, line: rec.line, element: `record ${rec.index}` }
      if (!rec.value || typeof rec.value !== 'object' || Array.isArray(rec.value)) {
        options.onProblem({ ...where, message: 'record is not an object' })
        continue
      }
      const obj = rec.value as Record<string, unknown>
      const keys = Object.keys(obj)
      const cacheKey = keys.join('\u0000')
      let columns = cache.get(cacheKey)
      if (!columns) {
        columns = resolveColumns(keys, options.mapping)
        if (cache.size < 64) cache.set(cacheKey, columns)
      }
      const item = toContentItem(toRaw(obj, columns), where, options.onProblem)
      if (item) {
        options.onItem?.(source)
        yield item
      }
    }
  } catch (e) {
    options.onProblem({ file: source, message: `cannot read: ${(e as Error).message}` })
  }
}
