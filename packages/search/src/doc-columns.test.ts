import { describe, expect, it } from 'vitest'
import { DocColumns, IdLists, Interned } from './doc-columns.js'
import { documentDoc } from './documents.js'

describe('Interned', () => {
  it('gives each string one id, and -1 for one never seen', () => {
    const i = new Interned()
    expect([i.id('a'), i.id('b'), i.id('a')]).toEqual([0, 1, 0])
    expect(i.find('b')).toBe(1)
    expect(i.find('c')).toBe(-1)
    expect(i.values).toEqual(['a', 'b'])
  })
})

describe('IdLists', () => {
  it('keeps one list per document past the initial capacity, and counts them', () => {
    const lists = new IdLists()
    for (let d = 0; d < 3_000; d++) lists.push(d % 3 === 0 ? [] : [d % 5, 7])
    expect(lists.has(1, 1)).toBe(true)
    expect(lists.has(1, 7)).toBe(true)
    expect(lists.has(3, 7)).toBe(false)
    expect(lists.has(2_999, 4)).toBe(true)
    const counts = new Uint32Array(8)
    for (let d = 0; d < 3_000; d++) lists.count(d, counts)
    expect(counts[7]).toBe(2_000)
    lists.clear()
    lists.push([2])
    expect(lists.has(0, 2)).toBe(true)
  })
})

describe('DocColumns', () => {
  it('holds type, year, date, fields and organs by document number', () => {
    const cols = new DocColumns()
    const doc = documentDoc(
      {
        url: 'https://x.gov.cn/1.html',
        title: '通知',
        issuer: '示例区民政局',
        publishedAt: '2021-06-17',
      },
      { fields: ['social_assistance'] }
    )
    for (let n = 0; n < 1_500; n++) cols.add(n, n === 1_400 ? { ...doc, year: undefined } : doc)
    expect(cols.type[0]).toBe(1) // SEARCH_TYPES: entry, document, …
    expect(cols.yearValues.values[cols.year[0] as number]).toBe('2021')
    expect(cols.year[1_400]).toBe(-1)
    expect(cols.date[1_499]).toBe('2021-06-17')
    expect(cols.fields.has(1_499, cols.fieldValues.find('social_assistance'))).toBe(true)
    expect(cols.organs.has(0, cols.organValues.find('示例区民政局'))).toBe(true)
  })
})
