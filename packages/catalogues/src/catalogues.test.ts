import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  compareOfficialTotals,
  countCopies,
  formatCatalogueError,
  isQualitativeText,
  loadCatalogue,
  resolveCatalogues,
  sourceProblems,
} from '@gongkai/catalogue'
import type { EntrySource } from '@gongkai/schema'
import { compileRecordSchema, vocabularies } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import {
  catalogueIds,
  catalogues,
  fields,
  getCatalogue,
  getLayer,
  getRecordExamples,
  governmentSites,
  layerIdOf,
  layers,
  recordExamples,
  templates,
  topLayerIds,
} from './catalogues.js'

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
  it('every entry has a source with a status; docNo only with a copy, or status N/SH/? (? says what to verify)', () => {
    expect(
      offenders((e) => {
        if (!e.source?.status) return 'no source status'
        if (
          e.source.docNo &&
          e.source.copies.length === 0 &&
          e.source.status !== 'N' &&
          e.source.status !== 'SH' &&
          e.source.status !== '?'
        )
          return `docNo ${e.source.docNo} without a copy (status ${e.source.status})`
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

/** Every source in the files: catalogues, entries, and each operation's (added entries' too). */
function everySource(): [string, EntrySource][] {
  return layers.flatMap((c) => [
    ...(c.source ? [[`${c.id}.json#/source`, c.source] as [string, EntrySource]] : []),
    ...c.entries.map((e, i): [string, EntrySource] => [
      `${c.id}.json#/entries/${i}/source`,
      e.source,
    ]),
    ...(c.operations ?? []).map((op, i): [string, EntrySource] =>
      op.op === 'add'
        ? [`${c.id}.json#/operations/${i}/entry/source`, op.entry.source]
        : [`${c.id}.json#/operations/${i}/source`, op.source]
    ),
  ])
}

describe('sources', () => {
  it('an N source has copies on two government sites (different registrable domains)', () => {
    const bad = everySource().flatMap(([where, s]) =>
      s.status === 'N' ? sourceProblems(s, governmentSites).map((p) => `${where}: ${p}`) : []
    )
    expect(bad).toEqual([])
  })
  it('a ? source has a note saying what to verify', () => {
    const bad = everySource().flatMap(([where, s]) =>
      s.status === '?' ? sourceProblems(s, governmentSites).map((p) => `${where}: ${p}`) : []
    )
    expect(bad).toEqual([])
  })
  it('copies on other hosts are recorded but not counted', () => {
    const recorded = everySource().flatMap(([, s]) => countCopies(s.copies, governmentSites).other)
    // The data keeps mirrors it found (reprint farms, IP addresses): they are in copies, not lost.
    expect(recorded.length).toBeGreaterThan(0)
    expect(recorded.every((c) => !/\.gov\.cn$/.test(new URL(c.url).hostname))).toBe(true)
  })
  it('every listed government site gives its reason', () => {
    expect(governmentSites.filter((s) => !s.domain || !s.reason.trim())).toEqual([])
  })
})

describe('layers', () => {
  const grassroots = fields.filter((f) => f.scope === 'grassroots')
  it('every layer resolves and the resolved catalogue validates', () => {
    const r = resolveCatalogues(layers, { fileOf: (id) => `${id}.json` })
    expect(r.errors.map(formatCatalogueError)).toEqual([])
    expect(r.catalogues.map((c) => c.id)).toEqual(catalogueIds)
    const invalid = catalogues.flatMap((c) => {
      const v = loadCatalogue(c)
      return v.ok ? [] : v.errors.map((e) => `${c.id}${formatCatalogueError(e)}`)
    })
    expect(invalid).toEqual([])
  })
  it('each of the 26 fields: national <- .sh <- .changning-2021, versions matching', () => {
    const wrong = grassroots.flatMap((f) => {
      const national = f.catalogueId ? getLayer(f.catalogueId) : undefined
      const sh = getLayer(`${f.catalogueId}.sh`)
      const cn = getLayer(`${f.catalogueId}.changning-2021`)
      if (!national || national.extends) return [`${f.code}: no national layer`]
      const ok =
        sh?.extends?.id === national.id &&
        sh.extends.version === national.version &&
        cn?.extends?.id === sh.id &&
        cn.extends.version === sh.version &&
        f.layerIds['changning-2021'] === cn.id
      return ok ? [] : [`${f.code}: layers not chained national <- sh <- changning-2021`]
    })
    expect(wrong).toEqual([])
  })
  it('the other catalogues (市场监管, 财政资金 … and the templates) stay standalone', () => {
    const standalone = layers.filter(
      (c) => !(c.kind === 'standard' && grassroots.some((f) => f.code === c.field))
    )
    expect(standalone.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'market_regulation',
        'fiscal_funds',
        'traffic_management',
        'policy_documents',
        'major_decisions',
        'public_data_opening',
        'on_request_disclosure',
      ])
    )
    expect(standalone.filter((c) => c.extends).map((c) => c.id)).toEqual([])
    expect(layerIdOf('market_regulation')).toBe('market_regulation')
    expect(topLayerIds()).toContain('social_assistance.changning-2021')
    expect(topLayerIds('national')).toContain('social_assistance')
  })
  it('a rule from a Shanghai document is not in a national layer', () => {
    const national = grassroots.flatMap((f) => (f.catalogueId ? [getLayer(f.catalogueId)] : []))
    const sh = national.flatMap(
      (c) => c?.entries.filter((e) => e.source.status === 'SH').map((e) => `${c.id}/${e.id}`) ?? []
    )
    expect(sh).toEqual([])
  })
  it('a Shanghai layer adds only entries with a Shanghai source (or unconfirmed, with a note)', () => {
    const bad = grassroots.flatMap((f) =>
      (getLayer(`${f.catalogueId}.sh`)?.operations ?? []).flatMap((op, i) => {
        const s = op.op === 'add' ? op.entry.source : op.source
        return s.status === 'SH' || s.status === '?' ? [] : [`${f.catalogueId}.sh#/operations/${i}`]
      })
    )
    expect(bad).toEqual([])
  })
})

describe('national layers and official totals', () => {
  const grassroots = fields.filter((f) => f.scope === 'grassroots')
  const nationals = grassroots.flatMap((f) => {
    const c = f.catalogueId ? getLayer(f.catalogueId) : undefined
    return c ? [c] : []
  })
  it('exposes the 26 grassroots fields, each with a national layer holding rows', () => {
    expect(grassroots).toHaveLength(26)
    expect(nationals).toHaveLength(26)
    expect(nationals.filter((c) => c.entries.length === 0).map((c) => c.id)).toEqual([])
    expect(templates.every((t) => t.template === true)).toBe(true)
  })
  it('a national row is N (two government copies) or ? (what to verify): never SH or L', () => {
    const bad = nationals.flatMap((c) =>
      c.entries
        .filter((e) => e.source.status !== 'N' && e.source.status !== '?')
        .map((e) => `${c.id}/${e.id}: ${e.source.status}`)
    )
    expect(bad).toEqual([])
  })
  it("a field's national layer never exceeds the totals a document states for it", () => {
    const over = compareOfficialTotals(nationals)
      .filter((t) => !t.withinTotals)
      .map(
        (t) =>
          `${t.catalogues.join('+')}: found ${JSON.stringify(t.found)}, stated ${JSON.stringify(t.official)}`
      )
    expect(over).toEqual([])
  })
  it('every stated total names its source and quotes the sentence with its numbers', () => {
    const bad = nationals.flatMap((c) => {
      const t = c.guideline?.officialTotals
      if (!t) return []
      const numbers = [t.level1, ...(t.level2 === undefined ? [] : [t.level2])]
      return !t.quote || numbers.some((n) => !t.quote?.includes(String(n))) || !t.source.url
        ? [`${c.id}: ${JSON.stringify(t)}`]
        : []
    })
    expect(bad).toEqual([])
  })
  it('records the totals the documents state: 征地 4/10, 户籍 7/18, 就业 9/25, 义务教育 10 一级', () => {
    const totals = (id: string) => {
      const t = getLayer(id)?.guideline?.officialTotals
      return t && { level1: t.level1, level2: t.level2 }
    }
    expect(totals('land_expropriation_compensation')).toEqual({ level1: 4, level2: 10 })
    expect(totals('household_registration')).toEqual({ level1: 7, level2: 18 })
    expect(totals('employment')).toEqual({ level1: 9, level2: 25 })
    expect(totals('compulsory_education')).toEqual({ level1: 10, level2: undefined })
    // 就业 and 社会保险 share one guideline; the 9/25 is the 就业 table's alone.
    expect(getLayer('social_insurance')?.guideline?.officialTotals).toBeUndefined()
  })
  it('征地 has every official 一级 and 二级 the ministry lists', () => {
    const land = nationals.find((c) => c.id === 'land_expropriation_compensation')
    expect(compareOfficialTotals(land ? [land] : [])[0]).toMatchObject({ reached: true })
  })
  it('guidelines cite the corrected document numbers', () => {
    const docNo = (id: string) => getLayer(id)?.guideline?.docNo
    expect(docNo('urban_rural_planning')).toBe('自然资办函〔2019〕981号')
    expect(docNo('land_expropriation_compensation')).toBe('自然资办函〔2019〕1105号')
    expect(docNo('major_construction_projects')).toBe('发改办投资〔2019〕621号')
    expect(docNo('public_resource_trading')).toBe('发改办法规〔2019〕752号')
    expect(docNo('tax_administration')).toBe('税总办发〔2019〕65号')
    expect([docNo('work_safety'), docNo('disaster_relief')]).toEqual([
      '应急厅函〔2019〕390号',
      '应急厅函〔2019〕390号',
    ])
    expect([docNo('employment'), docNo('social_insurance')]).toEqual([
      '人社厅函〔2019〕113号',
      '人社厅函〔2019〕113号',
    ])
    // Not verified from a notice: left out, the catalogue source says why.
    expect(docNo('fiscal_budget_accounts')).toBeUndefined()
    expect(getLayer('fiscal_budget_accounts')?.source?.note).toContain('财办发〔2019〕77号')
  })
  it('财政预决算 follows the official structure: one 一级 财政预决算', () => {
    const fiscal = getLayer('fiscal_budget_accounts')
    expect([...new Set(fiscal?.entries.map((e) => e.item.level1))]).toEqual(['财政预决算'])
    expect(fiscal?.entries.map((e) => e.item.level2)).toEqual([
      '政府预算',
      '政府决算',
      '部门预算',
      '部门决算',
    ])
  })
  it('城市综合执法: the national table says 20 working days; the 7-day clause is a ? override in Changning', () => {
    const national = getLayer('urban_law_enforcement')
    expect(national?.entries.every((e) => !e.timeLimit.text.includes('7个工作日'))).toBe(true)
    const overrides = (getLayer('urban_law_enforcement.changning-2021')?.operations ?? []).filter(
      (op) => op.op === 'override'
    )
    expect(overrides.length).toBeGreaterThan(0)
    expect(overrides.every((op) => op.op === 'override' && op.source.status === '?')).toBe(true)
    expect(getLayer('urban_law_enforcement.sh')?.operations).toEqual([])
  })
  it('the 国有企业 template rests on 《企业信息公示暂行条例》, not 国办发〔2020〕50号', () => {
    const soe = getLayer('institution_soe')
    expect(soe?.guideline?.docNo).toBe('国务院令第654号')
    expect(soe?.description).toContain('国办发〔2020〕50号')
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
