import { describe, expect, it } from 'vitest'
import { detectPersonalInfo, isInstitutionalMailbox } from './detect.js'
import { isBusinessRegNo, isCreditCode } from './org-codes.js'
import { maskPersonalInfo } from './scan-text.js'

const rules = (s: string) => detectPersonalInfo(s).map((d) => d.rule)

describe('detectPersonalInfo: spellings and institutional look-alikes', () => {
  it('normalises full-width and dotted numbers, mapping matches back to the text as typed', () => {
    const text = '手机：１３８．１２３４．５６７８。'
    const [d] = detectPersonalInfo(text)
    expect(d?.rule).toBe('mobile')
    expect(text.slice(d?.start, d?.end)).toBe('１３８．１２３４．５６７８')
    expect(rules('310105.19850615.0011')).toEqual(['id_number'])
    expect(rules('013812345678')).toEqual(['mobile'])
  })

  it('finds documents, plates, e-mail in IDN and full-width forms', () => {
    expect(rules('护照号：ＥＢ７６５４３２１')).toEqual(['passport'])
    expect(rules('港澳通行证号：CA1234567')).toEqual(['hk_macau_permit'])
    expect(rules('台胞证 12345678')).toEqual(['taiwan_permit'])
    expect(rules('车辆沪A·D12345违停')).toEqual(['licence_plate'])
    expect(rules('沪ICP备12345678号')).toEqual([])
    expect(rules('张三@例子.中国')).toEqual(['email'])
    expect(rules('zhangsan＠163.com')).toEqual(['email'])
  })

  it('lets credit codes, registration numbers, landlines, amounts and office mailboxes through', () => {
    expect(isCreditCode('91310105MA1FL12346')).toBe(true)
    expect(isCreditCode('91310105MA1FL12347')).toBe(false)
    expect(rules('统一社会信用代码：91310105MA1FL12346')).toEqual([])
    expect(isBusinessRegNo('310000400123455')).toBe(true)
    expect(rules('注册号：310000400123455')).toEqual([])
    // The same digits with no 注册号 before them read as an old 15-digit ID (born 1940-01-23).
    expect(rules('310000400123455')).toEqual(['id_number'])
    expect(rules('021-62345678 转 8008')).toEqual([])
    expect(rules('合计15012345678元')).toEqual([])
    expect(rules('13812345678.00')).toEqual([])
    expect(isInstitutionalMailbox('xxgk@shcn.gov.cn')).toBe(true)
    expect(isInstitutionalMailbox('service@163.com')).toBe(false)
    expect(rules('联系人：办公室，电话021-62590000')).toEqual([])
  })

  it('flags text naming a person with an address or a benefit, not institutional text', () => {
    expect(rules('张三，住长宁区某路12弄3号302室，低保户')).toContain('person_in_text')
    expect(rules('户主：王建国')).toEqual(['name'])
    expect(rules('联系人：王老师')).toEqual([])
    expect(rules('申请人可到区政务服务中心一楼窗口办理')).toEqual([])
    expect(maskPersonalInfo('张三，住长宁区某路12弄3号302室，低保户')).toBe(
      '张*，住长宁区某路12弄3号302室，低保户'
    )
  })
})

describe('detectPersonalInfo: more groupings and labels', () => {
  it('reads other groupings of IDs, mobiles and cards', () => {
    expect(rules('1381 2345 678')).toEqual(['mobile'])
    expect(rules('31010519850615 0011')).toEqual(['id_number'])
    expect(rules('6222021001 123456789')).toEqual(['bank_card'])
    expect(rules('沪 A12345')).toEqual(['licence_plate'])
  })

  it('reads labels without a colon, and leaves an office contact alone', () => {
    expect(rules('姓名 张三')).toEqual(['name'])
    expect(rules('家住长宁区愚园路1088弄5号201室')).toContain('address')
    expect(rules('联系人：王伟，电话：021-62345678')).toEqual([])
  })
})

describe('detectPersonalInfo: permits need a word about documents', () => {
  it('reads C/W/H/M/L/T and eight digits as permits only beside such a word, or in such a column', () => {
    expect(rules('项目编号 C20240315')).toEqual([])
    expect(rules('往来港澳通行证 C20240315')).toEqual(['hk_macau_permit'])
    expect(detectPersonalInfo('L87654321', { documents: true }).map((d) => d.rule)).toEqual([
      'taiwan_permit',
    ])
  })
})
