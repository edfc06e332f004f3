import type { Catalogue, FieldCode, VocabularyTerm } from '@gongkai/schema'
import { vocabularies } from '@gongkai/schema'
import { catalogueFiles, recordExampleFiles } from './generated/data'

/** Examples of an entry's recordSchema: records that must pass, and ones that must fail. */
export interface RecordExamples {
  valid: unknown[]
  invalid: { record: unknown; pointer: string; keyword: string; why: string }[]
}

/** A field of the vocabulary with its catalogue (if any) and entry counts. */
export interface FieldInfo extends VocabularyTerm {
  code: FieldCode
  /** Id of the standard catalogue of this field, if one is bundled. */
  catalogueId?: string
  /** Distinct 一级事项 and entries with a 二级事项 in that catalogue (0 when none). */
  counts: { level1: number; level2: number }
}

// The data is validated by this package's tests, not at import (start-up stays fast).
/** Every bundled catalogue, sorted by id. */
export const catalogues: readonly Catalogue[] = Object.values(catalogueFiles)
  .map((c) => c as Catalogue)
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

const byId = new Map(catalogues.map((c) => [c.id, c]))

/** Ids of the bundled catalogues, sorted. */
export const catalogueIds: readonly string[] = catalogues.map((c) => c.id)

/** The catalogue with this id, or undefined. */
export function getCatalogue(id: string): Catalogue | undefined {
  return byId.get(id)
}

/** Template catalogues (residents' committee, public institution) to `instantiate`. */
export const templates: readonly Catalogue[] = catalogues.filter((c) => c.template === true)

/** The field vocabulary, each with its standard catalogue and 一级/二级 counts. */
export const fields: readonly FieldInfo[] = vocabularies.fields.items.map((term) => {
  const c = catalogues.find((x) => x.kind === 'standard' && x.field === term.code)
  const counts = c
    ? {
        level1: new Set(c.entries.map((e) => e.item.level1)).size,
        level2: c.entries.filter((e) => e.item.level2 !== undefined).length,
      }
    : { level1: 0, level2: 0 }
  return { ...term, code: term.code as FieldCode, ...(c ? { catalogueId: c.id } : {}), counts }
})

/** Record examples keyed `<catalogue id>.<entry id>` (the file name without `.json`). */
export const recordExamples: Readonly<Record<string, RecordExamples>> = Object.fromEntries(
  Object.entries(recordExampleFiles).map(([file, v]) => [
    file.replace(/\.json$/, ''),
    v as RecordExamples,
  ])
)

/** The record examples of one entry, if any. */
export function getRecordExamples(
  catalogueId: string,
  entryId: string
): RecordExamples | undefined {
  return recordExamples[`${catalogueId}.${entryId}`]
}
