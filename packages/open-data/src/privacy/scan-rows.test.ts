import type { TableField } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { scanRows } from './scan-rows.js'

const fields: TableField[] = [
  { name: '姓名', type: 'string' },
  { name: '备注', type: 'string' },
  { name: '办公电话', type: 'string', mask: { type: 'keep' } },
  { name: '身份证号', type: 'string', mask: { type: 'id_number' } },
]

describe('scanRows', () => {
  it('reports cells and titles by row and column with masked samples only', () => {
    const r = scanRows(
      [
        {
          姓名: '张三',
          备注: '身份证11010519491231002X',
          办公电话: '13812345678',
          身份证号: '110***********002X',
        },
        { 姓名: '李四', 备注: '无', 办公电话: null, 身份证号: null },
      ],
      fields,
      2
    )
    expect(r.findings).toEqual([
      { row: 1, column: '姓名', kind: 'column_title', sample: '姓名' },
      { row: 2, column: '备注', kind: 'id_number', sample: '110***********002X' },
      { row: 2, column: '办公电话', kind: 'mobile', sample: '138****5678', acknowledged: true },
    ])
    expect(r).toMatchObject({ count: 3, blocking: 2 })
    expect(JSON.stringify(r)).not.toContain('11010519491231002X')
  })

  it('scans integer columns holding phone numbers', () => {
    const r = scanRows([[13812345678]], [{ name: 'n', type: 'integer' }])
    expect(r.findings).toEqual([{ row: 1, column: 'n', kind: 'mobile', sample: '138****5678' }])
  })
})
