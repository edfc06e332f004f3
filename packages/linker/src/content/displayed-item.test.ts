import { describe, expect, it } from 'vitest'
import { displayedItem } from './displayed-item.js'

describe('displayedItem', () => {
  it('masks personal information in titles and summaries, leaving clean items untouched', () => {
    const item = {
      url: 'https://www.example.gov.cn/a.html',
      title: '关于张三（身份证310105198506150011）低保申请的公示',
      summary: '联系人手机 138-1234-5678，地址愚园路1088号',
    }
    const shown = displayedItem(item)
    expect(shown.title).toBe('关于张三（身份证310***********0011）低保申请的公示')
    expect(shown.summary).toBe('联系人手机 138-****-5678，地址愚园路1088号')
    expect(shown.url).toBe(item.url)
    const clean = {
      url: 'https://www.example.gov.cn/b.html',
      title: '长宁区2024年政府信息公开工作年度报告',
    }
    expect(displayedItem(clean)).toBe(clean)
  })
})
