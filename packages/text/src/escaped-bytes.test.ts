import { describe, expect, it } from 'vitest'
import {
  describeEscapedBytes,
  escapeByte,
  findEscapedBytes,
  showEscapedBytes,
} from './escaped-bytes.js'

const esc = (bytes: number[]) => bytes.map(escapeByte).join('')

describe('escaped bytes', () => {
  it('finds the first run and shows runs as one replacement character', () => {
    const text = `机构${esc([0xc4, 0xe3])}甲${esc([0xff])}`
    expect(findEscapedBytes(text)).toEqual({ index: 2, bytes: [0xc4, 0xe3] })
    expect(showEscapedBytes(text)).toBe('机构\uFFFD甲\uFFFD')
    expect(findEscapedBytes('机构')).toBe(undefined)
  })

  it('says what the bytes are', () => {
    expect(describeEscapedBytes([0xc4, 0xe3, 0xba, 0xc3], 'utf-8')).toContain('"你好"')
    expect(describeEscapedBytes([0xff], 'utf-8')).toBe(
      'bytes FF are not valid UTF-8 (nor GB18030/GBK)'
    )
    expect(describeEscapedBytes([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], 'utf-8')).toContain('U+1F600')
    expect(describeEscapedBytes([...Buffer.from('长宁')], 'gb18030')).toContain('UTF-8 ("长宁")')
  })
})
