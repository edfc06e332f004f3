import { vocabularyData } from './generated/data.js'
import type { Vocabulary } from './generated/types.js'

/** Id of a bundled vocabulary (the `id` field of its file). */
export type VocabularyId = keyof typeof vocabularyData

/** Every bundled vocabulary keyed by id, e.g. `vocabularies.channels.items[0].label === '政府网站'`. */
export const vocabularies: Readonly<Record<VocabularyId, Vocabulary>> = vocabularyData

/**
 * Chinese label of a code in a vocabulary (its `items`, then its `grounds`), or undefined.
 * @example labelOf('channels', 'gov_website') // '政府网站'
 */
export function labelOf(vocabularyId: string, code: string): string | undefined {
  const vocabulary = (vocabularies as Record<string, Vocabulary | undefined>)[vocabularyId]
  if (!vocabulary) return undefined
  const term =
    vocabulary.items.find((t) => t.code === code) ??
    vocabulary.grounds?.find((t) => t.code === code)
  return term?.label
}

let labelsBySet: Map<string, Map<string, string>> | undefined

/**
 * Labels for an enum whose values are exactly the codes of one vocabulary list, else undefined.
 * Built on first use: only error paths need it.
 */
export function vocabularyLabels(values: readonly unknown[]): Map<string, string> | undefined {
  if (!labelsBySet) {
    labelsBySet = new Map()
    for (const vocabulary of Object.values(vocabularies)) {
      for (const terms of [vocabulary.items, vocabulary.grounds ?? []]) {
        if (terms.length === 0) continue
        const key = terms
          .map((t) => t.code)
          .sort()
          .join('\n')
        labelsBySet.set(key, new Map(terms.map((t) => [t.code, t.label])))
      }
    }
  }
  if (!values.every((v) => typeof v === 'string')) return undefined
  return labelsBySet.get([...(values as string[])].sort().join('\n'))
}
