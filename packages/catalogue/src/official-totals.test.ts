import type { Catalogue } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { compareOfficialTotals } from './official-totals.js'
import { education, entry } from './test-fixtures.js'

const totals = (level1: number, level2?: number) => ({
  level1,
  ...(level2 === undefined ? {} : { level2 }),
  source: { url: 'https://www.mca.gov.cn/x.html', title: '民政部办公厅关于印发…的通知' },
  quote: `共${level1}个一级事项`,
})
const guideline = (level1: number, level2?: number): Catalogue['guideline'] => ({
  title: '《社会救助和养老服务领域基层政务公开标准指引》',
  docNo: '民办函〔2019〕52号',
  officialTotals: totals(level1, level2),
})
const care = (g: Catalogue['guideline']): Catalogue => ({
  ...education(),
  id: 'b',
  guideline: g,
  entries: [entry({ id: 'care', seq: 1, item: { level1: '养老服务', level2: '补贴' } })],
})

describe('compareOfficialTotals', () => {
  it('counts the catalogues carrying the same record together (one total for two fields)', () => {
    const assistance = { ...education(), id: 'a', guideline: guideline(4, 5) }
    expect(compareOfficialTotals([assistance, care(guideline(4, 5))])).toEqual([
      {
        guideline: '民办函〔2019〕52号',
        catalogues: ['a', 'b'],
        official: { level1: 4, level2: 5 },
        found: { level1: 4, level2: 5 },
        reached: true,
        withinTotals: true,
      },
    ])
    expect(compareOfficialTotals([assistance])[0]).toMatchObject({
      found: { level1: 3, level2: 4 },
      reached: false,
      withinTotals: true,
    })
  })
  it('checks a total stated for one field of a shared guideline on that field alone', () => {
    const assistance = { ...education(), id: 'a', guideline: guideline(3, 4) }
    const other = care({ title: 'x', docNo: '民办函〔2019〕52号' })
    expect(compareOfficialTotals([assistance, other])).toEqual([
      expect.objectContaining({
        catalogues: ['a'],
        found: { level1: 3, level2: 4 },
        reached: true,
      }),
    ])
  })
  it('compares only the 一级 total when the document states no 二级 total', () => {
    const a = { ...education(), id: 'a', guideline: guideline(2) }
    expect(compareOfficialTotals([a])[0]).toMatchObject({
      official: { level1: 2 },
      found: { level1: 3 },
      reached: false,
      withinTotals: false,
    })
  })
  it('ignores guidelines without stated totals', () => {
    expect(compareOfficialTotals([education()])).toEqual([])
  })
})
