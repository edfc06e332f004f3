import { describe, expect, it } from 'vitest'
import { maskExpiredPublicity, scanPublishedAnswer, scanRecord } from './scan-record.js'

const schema = {
  type: 'object',
  properties: {
    periodEnd: { type: 'string', title: '公示期结束日期' },
    note: { type: 'string', title: '说明' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          householdHead: {
            type: 'string',
            title: '户主姓名',
            privacy: { allow: ['name'], reason: '社会救助暂行办法第六十一条', until: '/periodEnd' },
          },
          idNo: { type: 'string', title: '身份证号' },
        },
      },
    },
  },
}

describe('scanRecord', () => {
  it('finds values and titled properties, allows what the schema declares, names the override', () => {
    const found = scanRecord(
      schema,
      {
        periodEnd: '2024-04-23',
        note: '咨询请拨 138 1234 5678',
        rows: [{ householdHead: '张三', idNo: '310***********0011' }],
      },
      { pointerPrefix: '/data' }
    )
    expect(found).toEqual([
      {
        pointer: '/data/note',
        rule: 'mobile',
        value: '138 **** 5678',
        override: '/properties/note/privacy/allow',
      },
      {
        pointer: '/data/rows/0/householdHead',
        rule: 'name',
        value: '张*',
        override: '/properties/rows/items/properties/householdHead/privacy/allow',
        allowed: true,
      },
    ])
  })

  it('scans any object without a schema (a published answer)', () => {
    expect(scanRecord(undefined, { answer: '申请人身份证号310105198506150011' })).toEqual([
      {
        pointer: '/answer',
        rule: 'id_number',
        value: '310***********0011',
        override: '/properties/answer/privacy/allow',
      },
    ])
  })
})

describe('scanPublishedAnswer', () => {
  it('scans every text of an answer, at the prefix given', () => {
    expect(
      scanPublishedAnswer(
        { body: '经核实，该户（户主张三）低保待遇已恢复', contact: '021-62345678' },
        '/answer'
      )
    ).toEqual(
      ['name', 'person_in_text'].map((rule) => ({
        pointer: '/answer/body',
        rule,
        value: '张*',
        override: '/properties/body/privacy/allow',
      }))
    )
  })
})

describe('maskExpiredPublicity', () => {
  const record = {
    periodEnd: '2024-04-23',
    note: '旧记录：手机13812345678',
    rows: [{ householdHead: '欧阳娜娜' }],
  }
  it('shows declared names until the period ends, then masks them; masks what nothing allows', () => {
    expect(maskExpiredPublicity(schema, record, '2024-04-23')).toEqual({
      ...record,
      note: '旧记录：手机138****5678',
    })
    expect(maskExpiredPublicity(schema, record, '2024-04-24')).toEqual({
      ...record,
      note: '旧记录：手机138****5678',
      rows: [{ householdHead: '欧阳**' }],
    })
  })
})
