import { describe, expect, it } from 'vitest'
import { createIndex } from './catalogue-index.js'
import { committeeTemplate, education } from './test-fixtures.js'

describe('createIndex', () => {
  const index = createIndex([education(), committeeTemplate()])
  it('indexes by catalogue, field and entry id', () => {
    expect(index.entries).toHaveLength(5)
    expect(index.byCatalogue.get('edu_test')?.title).toBe('义务教育领域基层政务公开标准目录')
    expect(index.byField.get('compulsory_education')?.map((c) => c.id)).toEqual(['edu_test'])
    expect(index.get('edu_test', 'admission.scope')?.entry.seq).toBe(2)
    expect(index.byEntryId.get('rc_test/finance.working_funds')?.catalogueId).toBe('rc_test')
  })
  it('indexes by channel, body, kind and mode', () => {
    expect(index.byChannel.get('other')?.map((e) => e.key)).toEqual(['edu_test/teachers.titles'])
    expect(index.byBody.get('各中小学校')?.map((e) => e.entry.id)).toEqual(['safety.plan'])
    expect(index.byKind.get('long_term')?.map((e) => e.entry.id)).toEqual(['safety.plan'])
    expect(index.byKind.get('recurring')?.map((e) => e.entry.id)).toEqual(['finance.working_funds'])
    expect(index.byMode.get('on_request')?.map((e) => e.entry.id)).toEqual(['teachers.titles'])
  })
  it('queries with combined filters in catalogue then seq order', () => {
    expect(index.query({ channel: 'gov_website' }).map((e) => e.entry.seq)).toEqual([1, 2, 3, 4])
    expect(
      index.query({ field: 'compulsory_education', kind: 'after_event' }).map((e) => e.entry.id)
    ).toEqual(['admission.policy', 'admission.scope', 'teachers.titles'])
    expect(index.query({ mode: 'on_request', catalogue: 'rc_test' })).toEqual([])
    expect(index.query({ body: '{居委会名称}' }).map((e) => e.key)).toEqual([
      'rc_test/finance.working_funds',
    ])
    expect(index.query({ limit: 2 })).toHaveLength(2)
  })
  it('keyword search ranks item names before content elements', () => {
    expect(index.query({ keyword: '招生' }).map((e) => e.entry.id)).toEqual([
      'admission.policy',
      'admission.scope',
    ])
    // 评审 is only in content elements; 教师 is in the name of one entry.
    expect(index.query({ keyword: '评审' }).map((e) => e.entry.id)).toEqual(['teachers.titles'])
    expect(index.query({ keyword: '招生', channel: 'other' })).toEqual([])
  })
  it('sorts entries by seq within a catalogue', () => {
    const c = education()
    c.entries.reverse()
    expect(createIndex([c]).entries.map((e) => e.entry.seq)).toEqual([1, 2, 3, 4])
  })
})
