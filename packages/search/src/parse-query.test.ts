import { describe, expect, it } from 'vitest'
import { parseQuery } from './parse-query.js'

const texts = (q: string) => parseQuery(q).concepts.map((c) => c.alternatives.map((a) => a.text))

describe('parseQuery', () => {
  it('drops question words and splits out everyday names with their official names', () => {
    expect(texts('怎么申请低保')).toEqual([['申请'], ['低保', '最低生活保障']])
    expect(texts('低保标准是多少')).toEqual([['低保', '最低生活保障'], ['标准']])
  })

  it('reads the synonym list of @gongkai/catalogue (one list)', () => {
    expect(texts('高龄补贴')).toEqual([['高龄补贴', '高龄津贴', '老年综合津贴']])
  })

  it('keeps 文号 parts as separate concepts, whatever the brackets', () => {
    const a = texts('示民〔2021〕12号')
    expect(a).toEqual(texts('示民[2021]12号'))
    expect(a).toEqual(texts('示民〔２０２１〕１２号'))
    expect(a.map((x) => x[0])).toEqual(['示民', '2021', '12', '号'])
  })

  it('returns no concepts for a query of punctuation or question words only', () => {
    expect(parseQuery('？？ 怎么').concepts).toEqual([])
    expect(parseQuery('').concepts).toEqual([])
  })
})
