import type { Catalogue, EntrySource } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { provenance } from './provenance.js'
import { education, entry } from './test-fixtures.js'

const sh: EntrySource = {
  title: '《上海市某条例》',
  status: 'SH',
  copies: [{ url: 'https://www.shanghai.gov.cn/a.html', title: '上海市某条例' }],
}
const unsure: EntrySource = { title: '某区目录', status: '?', copies: [], note: '核对区目录原件' }

const national = education()
const shanghai: Catalogue = {
  id: 'edu_test.sh',
  title: '上海层',
  kind: 'standard',
  field: 'compulsory_education',
  version: '2021.1',
  extends: { id: 'edu_test', version: '2019.1' },
  operations: [
    { op: 'add', entry: entry({ id: 'sh.extra', seq: 5, source: unsure }) },
    { op: 'override', entryId: 'admission.scope', property: 'scope', value: '全市', source: sh },
    { op: 'remove', entryId: 'safety.plan', reason: '不适用', source: sh },
  ],
  entries: [],
}

describe('provenance', () => {
  it('names the status, adding layer, copies and note of every entry, and totals per field', () => {
    const r = provenance([national, shanghai])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const layer = r.value.catalogues.find((c) => c.id === 'edu_test.sh')
    expect(layer?.extends).toEqual({ id: 'edu_test', version: '2019.1' })
    expect(r.value.catalogues.find((c) => c.id === 'edu_test')?.extends).toBeNull()
    expect(layer?.entries.map((e) => [e.id, e.status, e.layer])).toEqual([
      ['admission.policy', 'N', 'edu_test'],
      ['admission.scope', 'N', 'edu_test'],
      ['teachers.titles', 'N', 'edu_test'],
      ['sh.extra', '?', 'edu_test.sh'],
    ])
    expect(layer?.entries[1]?.overrides).toEqual([
      { property: 'scope', layer: 'edu_test.sh', status: 'SH' },
    ])
    expect(layer?.entries[3]).toEqual({
      id: 'sh.extra',
      status: '?',
      layer: 'edu_test.sh',
      copies: [],
      note: '核对区目录原件',
    })
    expect(layer?.entries[0]?.copies).toHaveLength(2)
    // Only the top layer of the field is counted.
    expect(r.value.totals).toEqual({ compulsory_education: { N: 3, SH: 0, L: 0, '?': 1 } })
  })

  it('one catalogue on request, with its own totals; unknown ids are errors', () => {
    const r = provenance([national, shanghai], { ids: ['edu_test'] })
    expect(r.ok && r.value.catalogues.map((c) => c.id)).toEqual(['edu_test'])
    expect(r.ok && r.value.totals).toEqual({ compulsory_education: { N: 4, SH: 0, L: 0, '?': 0 } })
    const bad = provenance([national], { ids: ['nope'] })
    expect(bad.ok ? [] : bad.errors.map((e) => [e.catalogue, e.keyword])).toEqual([
      ['nope', 'reference'],
    ])
  })
})
