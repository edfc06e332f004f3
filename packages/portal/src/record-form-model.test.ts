import { getCatalogue } from '@gongkai/catalogues'
import { describe, expect, it } from 'vitest'
import { formModel, parseForm, pointerOf, rowCount, rowsFieldOf } from './record-form-model.js'

const entry = getCatalogue('residents_committee')?.entries.find((e) => e.recordSchema)
const model = formModel(entry?.recordSchema)

describe('formModel', () => {
  it('turns objects into groups and line-item arrays into tables', () => {
    const income = model.children.find((n) => n.path.join('.') === 'income')
    expect(income?.kind).toBe('group')
    const lines =
      income?.kind === 'group' ? income.children.find((n) => n.kind === 'table') : undefined
    expect(lines?.kind === 'table' && lines.columns.map((c) => c.title)).toEqual(['项目', '金额'])
    const quarter = model.children.find((n) => n.path[0] === 'quarter')
    expect(quarter).toMatchObject({
      kind: 'leaf',
      type: 'integer',
      minimum: 1,
      maximum: 4,
      required: true,
    })
  })
})

describe('parseForm', () => {
  it('reads numbers people type, drops blank rows and renumbers the rest', () => {
    const { data, values } = parseForm(model, {
      year: ' 2024 ',
      quarter: '１',
      openingBalance: '3,250.40',
      [rowsFieldOf(['income', 'lines'])]: '3',
      'income.lines.0.item': '',
      'income.lines.0.amount': '',
      'income.lines.1.item': '区财政拨款',
      'income.lines.1.amount': '15000',
      'income.total': 'abc',
    })
    expect(data.year).toBe(2024)
    expect(data.quarter).toBe(1)
    expect(data.openingBalance).toBe(3250.4)
    const income = data.income as { lines: unknown[]; total: unknown }
    expect(income.lines).toEqual([{ item: '区财政拨款', amount: 15000 }])
    // Unparseable numbers stay text so the validator reports them at the right pointer.
    expect(income.total).toBe('abc')
    expect(values['income.lines.0.item']).toBe('区财政拨款')
    expect(rowCount(values, ['income', 'lines'])).toBe(3)
  })

  it('escapes pointers', () => {
    expect(pointerOf(['a/b', '0', 'c~d'])).toBe('/a~1b/0/c~0d')
  })
})
