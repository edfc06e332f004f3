import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTextSearch } from './text-search.js'

const docs = [
  { name: '招生管理\n招生范围', content: '学区划分详细情况' },
  { name: '教师管理', content: '招生计划的教师配备' },
  { name: 'PPP 项目', content: 'Budget Report' },
  { name: '预算', content: '一般公共预算收支表' },
]

describe('createTextSearch', () => {
  const search = createTextSearch(docs)
  it('finds a word inside a longer Chinese phrase', () => {
    expect(search.search('招生').map((h) => h.doc)).toEqual([0, 1])
    expect(search.search('学区划分').map((h) => h.doc)).toEqual([0])
  })
  it('ranks item-name hits before content hits', () => {
    expect(search.search('招生')).toEqual([
      { doc: 0, inName: true },
      { doc: 1, inName: false },
    ])
  })
  it('answers one-character queries from the unigram index', () => {
    expect(search.search('预').map((h) => h.doc)).toEqual([3])
  })
  it('folds Latin case', () => {
    expect(search.search('budget').map((h) => h.doc)).toEqual([2])
    expect(search.search('ppp').map((h) => h.doc)).toEqual([2])
  })
  it('verifies candidates: bigrams present but not adjacent do not match', () => {
    expect(search.search('招生管理范围')).toEqual([])
  })
  it('needs every term of a multi-term query', () => {
    expect(search.search('招生 教师').map((h) => h.doc)).toEqual([1])
    expect(search.search('   ')).toEqual([])
  })
  it('agrees with a plain substring scan (property)', () => {
    const alphabet = fc.constantFrom('招', '生', '范', '围', '公', '示', 'a', 'B')
    const text = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(''))
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: text, content: text }), { maxLength: 20 }),
        text,
        (ds, q) => {
          const query = q.trim()
          const got = createTextSearch(ds)
            .search(query)
            .map((h) => h.doc)
            .sort((a, b) => a - b)
          const want = query
            ? ds.flatMap((d, i) =>
                `${d.name}\n${d.content}`.toLowerCase().includes(query.toLowerCase()) ? [i] : []
              )
            : []
          expect(got).toEqual(want)
        }
      )
    )
  })
})

describe('everyday names of matters', () => {
  it('finds 最低生活保障 when searching 低保, item names first', () => {
    const s = createTextSearch([
      { name: '就业补贴 / 求职创业补贴', content: '对象：低保家庭毕业生' },
      { name: '最低生活保障 / 审核信息', content: '初审对象名单' },
      { name: '养老服务 / 老年人补贴', content: '高龄津贴' },
    ])
    expect(s.search('低保').map((h) => h.doc)).toEqual([1, 0])
    expect(s.search('高龄补贴').map((h) => h.doc)).toEqual([2])
  })
})
