import { vocabularies } from '@gongkai/schema'

type Lookup = Map<string, string>

const cache = new Map<string, Lookup>()

const key = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase()

/** Code lookup of a vocabulary: by code, label and alias (spaces and width ignored). */
function lookup(id: string, grounds = false): Lookup {
  const cacheKey = `${id}${grounds ? '#grounds' : ''}`
  let map = cache.get(cacheKey)
  if (map) return map
  map = new Map()
  const vocabulary = (
    vocabularies as Record<string, (typeof vocabularies)[keyof typeof vocabularies]>
  )[id]
  const terms = (grounds ? vocabulary?.grounds : vocabulary?.items) ?? []
  for (const t of terms) {
    map.set(key(t.code), t.code)
    map.set(key(t.label), t.code)
    for (const a of t.aliases ?? []) map.set(key(a), t.code)
  }
  cache.set(cacheKey, map)
  return map
}

// Spellings seen on sites that the vocabularies do not list as aliases.
const EXTRA: Record<string, Record<string, string>> = {
  validity: {
    有效: 'current',
    现行: 'current',
    已修订: 'amended',
    修订: 'amended',
    废止: 'repealed',
    失效: 'repealed',
    已失效: 'repealed',
  },
  'disclosure-attributes': {
    主动: 'proactive',
    依申请: 'on_request',
    不公开: 'withheld',
    非公开: 'withheld',
  },
}

/**
 * The code of a vocabulary term given its code, label or alias, else undefined.
 * @example codeOf('disclosure-attributes', '主动公开') // 'proactive'
 */
export function codeOf(vocabularyId: string, text: string, grounds = false): string | undefined {
  const k = key(text)
  if (!k) return undefined
  return lookup(vocabularyId, grounds).get(k) ?? (grounds ? undefined : EXTRA[vocabularyId]?.[k])
}
