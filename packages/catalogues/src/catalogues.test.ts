import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatCatalogueError, isQualitativeText, loadCatalogue } from '@gongkai/catalogue'
import { compileRecordSchema, vocabularies } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import {
  catalogueIds,
  catalogues,
  fields,
  getCatalogue,
  getRecordExamples,
  recordExamples,
  templates,
} from './catalogues'

const dataDir = join(import.meta.dirname, '../data')
const files = readdirSync(dataDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
const codes = (id: keyof typeof vocabularies) => new Set(vocabularies[id].items.map((t) => t.code))

/** `<catalogue id>/<entry id>` of every entry breaking a rule, for readable failures. */
function offenders(
  rule: (e: (typeof catalogues)[number]['entries'][number]) => string | undefined
) {
  return catalogues.flatMap((c) =>
    c.entries.flatMap((e, i) => {
      const why = rule(e)
      return why ? [`${c.id}.json#/entries/${i} (${e.id}): ${why}`] : []
    })
  )
}

describe('catalogue files', () => {
  it('every file validates', () => {
    const errors = files.flatMap((f) => {
      const r = loadCatalogue(readFileSync(join(dataDir, f), 'utf8'), { file: f })
      return r.ok ? [] : r.errors.map(formatCatalogueError)
    })
    expect(errors).toEqual([])
  })
  it('every file is bundled and catalogue ids are unique', () => {
    expect(catalogues).toHaveLength(files.length)
    expect(new Set(catalogueIds).size).toBe(catalogueIds.length)
    expect([...catalogueIds]).toEqual([...catalogueIds].sort())
    expect(getCatalogue(catalogueIds[0] as string)?.id).toBe(catalogueIds[0])
    expect(getCatalogue('no-such-catalogue')).toBeUndefined()
  })
  it('entry ids are unique within each catalogue', () => {
    const dupes = catalogues.flatMap((c) => {
      const ids = c.entries.map((e) => e.id)
      return ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${c.id}/${id}`)
    })
    expect(dupes).toEqual([])
  })
  it('every code is in its vocabulary', () => {
    const channels = codes('channels')
    const triggers = codes('triggers')
    const categories = codes('content-categories')
    const fieldCodes = codes('fields')
    const sectorCodes = codes('sectors')
    const bad = [
      ...catalogues.flatMap((c) => [
        ...(c.field && !fieldCodes.has(c.field) ? [`${c.id}: field ${c.field}`] : []),
        ...(c.sector && !sectorCodes.has(c.sector) ? [`${c.id}: sector ${c.sector}`] : []),
      ]),
      ...offenders((e) => {
        const t = e.timeLimit as { trigger?: string }
        const wrong = [
          ...e.channels.filter((ch) => !channels.has(ch.code)).map((ch) => `channel ${ch.code}`),
          ...(t.trigger && !triggers.has(t.trigger) ? [`trigger ${t.trigger}`] : []),
          ...(e.contentCategory && !categories.has(e.contentCategory)
            ? [`contentCategory ${e.contentCategory}`]
            : []),
          ...e.modes.filter((m) => !codes('modes').has(m)).map((m) => `mode ${m}`),
          ...(e.levels ?? [])
            .filter((l) => !codes('levels').has(l.code))
            .map((l) => `level ${l.code}`),
        ]
        return wrong.length ? wrong.join(', ') : undefined
      }),
    ]
    expect(bad).toEqual([])
  })
  it('every time limit is structured; qualitative only for qualitative wording', () => {
    expect(
      offenders((e) =>
        e.timeLimit.type === 'qualitative' &&
        !isQualitativeText(e.timeLimit.text) &&
        !e.timeLimit.publicityPeriod
          ? `qualitative "${e.timeLimit.text}"`
          : undefined
      )
    ).toEqual([])
  })
  it('every entry has a source with a status; docNo only with a url or status N/SH', () => {
    expect(
      offenders((e) => {
        if (!e.source?.status) return 'no source status'
        if (e.source.docNo && !e.source.url && e.source.status !== 'N' && e.source.status !== 'SH')
          return `docNo ${e.source.docNo} without url (status ${e.source.status})`
        return undefined
      })
    ).toEqual([])
  })
  it('every recordSchema compiles', () => {
    expect(
      offenders((e) => {
        if (!e.recordSchema) return undefined
        const r = compileRecordSchema(e.recordSchema)
        return r.ok ? undefined : r.errors.map((x) => `${x.pointer}: ${x.message}`).join('; ')
      })
    ).toEqual([])
  })
})

describe('field coverage', () => {
  it('each grassroots field has >= 3 一级 and >= 10 二级; 义务教育 exactly 10 / 34', () => {
    const short = fields
      .filter((f) => f.scope === 'grassroots')
      .flatMap((f) => {
        const { level1, level2 } = f.counts
        if (!f.catalogueId) return [`${f.code} (${f.label}): no catalogue`]
        if (f.code === 'compulsory_education')
          return level1 === 10 && level2 === 34
            ? []
            : [`${f.code}: ${level1}/${level2}, want 10/34`]
        return level1 >= 3 && level2 >= 10
          ? []
          : [`${f.code} (${f.label}): ${level1}/${level2}, want >= 3/10`]
      })
    expect(short, `fields short of entries:\n${short.join('\n')}`).toEqual([])
  })
  it('exposes the 26 grassroots fields with counts and templates', () => {
    expect(fields.filter((f) => f.scope === 'grassroots')).toHaveLength(26)
    const edu = fields.find((f) => f.code === 'compulsory_education')
    expect(
      edu?.catalogueId === undefined ||
        getCatalogue(edu.catalogueId)?.field === 'compulsory_education'
    ).toBe(true)
    expect(templates.every((t) => t.template === true)).toBe(true)
  })
})

describe('record examples', () => {
  const entries = Object.keys(recordExamples)
  it('each example file names an entry with a recordSchema', () => {
    const orphans = entries.filter((key) => {
      const c = catalogues.find((x) => key.startsWith(`${x.id}.`))
      const entry = c?.entries.find((e) => `${c.id}.${e.id}` === key)
      return !entry?.recordSchema
    })
    expect(orphans).toEqual([])
  })
  for (const key of entries)
    it(`${key}: valid records pass, invalid ones fail at the stated pointer and keyword`, () => {
      const c = catalogues.find((x) => key.startsWith(`${x.id}.`))
      const entry = c?.entries.find((e) => `${c.id}.${e.id}` === key)
      const compiled = compileRecordSchema(entry?.recordSchema)
      expect(compiled.ok).toBe(true)
      if (!compiled.ok || !c || !entry) return
      const examples = getRecordExamples(c.id, entry.id)
      expect(examples?.valid.length).toBeGreaterThan(0)
      for (const [i, record] of (examples?.valid ?? []).entries()) {
        const r = compiled.validate(record)
        expect(r.ok ? [] : r.errors, `valid[${i}]`).toEqual([])
      }
      for (const [i, bad] of (examples?.invalid ?? []).entries()) {
        const r = compiled.validate(bad.record)
        expect(r.ok, `invalid[${i}] (${bad.why}) passed`).toBe(false)
        if (!r.ok)
          expect(r.errors, `invalid[${i}] (${bad.why})`).toContainEqual(
            expect.objectContaining({ pointer: bad.pointer, keyword: bad.keyword })
          )
      }
    })

  it('rejects an unbalanced 工作经费 statement, naming the total', () => {
    const entry = getCatalogue('residents_committee')?.entries.find(
      (e) => e.id === 'finance.working_funds'
    )
    expect(entry?.recordSchema).toBeDefined()
    const compiled = compileRecordSchema(entry?.recordSchema)
    expect(compiled.ok).toBe(true)
    if (!compiled.ok) return
    const valid = getRecordExamples('residents_committee', 'finance.working_funds')?.valid[0] as {
      expenditure: { total: number }
    }
    const unbalanced = structuredClone(valid)
    unbalanced.expenditure.total += 100
    expect(compiled.validate(valid).ok).toBe(true)
    const r = compiled.validate(unbalanced)
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.errors).toContainEqual(
        expect.objectContaining({ pointer: '/expenditure/total', keyword: 'gkSum' })
      )
  })
})
