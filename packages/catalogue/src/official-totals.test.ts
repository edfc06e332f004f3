import type { Catalogue } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { compareOfficialTotals } from './official-totals.js'
import { education, entry } from './test-fixtures.js'

const guideline = (level1: number, level2: number): Catalogue['guideline'] => ({
  title: '《社会救助和养老服务领域基层政务公开标准指引》',
  docNo: '民办函〔2019〕52号',
  officialTotals: {
    level1,
    level2,
    source: { url: 'https://www.mca.gov.cn/x.html', title: '民政部办公厅关于印发…的通知' },
  },
})

describe('compareOfficialTotals', () => {
  it('checks a guideline covering two fields on their union', () => {
    const assistance = { ...education(), id: 'a', guideline: guideline(4, 5) }
    const care: Catalogue = {
      ...education(),
      id: 'b',
      guideline: { title: 'x', docNo: '民办函〔2019〕52号' },
      entries: [entry({ id: 'care', seq: 1, item: { level1: '养老服务', level2: '补贴' } })],
    }
    expect(compareOfficialTotals([assistance, care])).toEqual([
      {
        guideline: '民办函〔2019〕52号',
        catalogues: ['a', 'b'],
        official: { level1: 4, level2: 5 },
        found: { level1: 4, level2: 5 },
        reached: true,
      },
    ])
    expect(compareOfficialTotals([assistance])[0]).toMatchObject({
      found: { level1: 3, level2: 4 },
      reached: false,
    })
  })
  it('ignores guidelines without stated totals', () => {
    expect(compareOfficialTotals([education()])).toEqual([])
  })
})
