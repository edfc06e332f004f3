import { describe, expect, it } from 'vitest'
import { sniffDelimiter } from './csv-delimiter.js'

describe('sniffDelimiter', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n4,5,6\n'],
    [';', 'a;b;c\n1,5;2;3\n4;5,5;6\n'],
    ['\t', 'a\tb\tc\n"x, y"\t2\t3\n'],
    ['|', '名称|地址|电话\n"a;b"|愚园路,1号|1\n'],
  ])('finds %j', (d, text) => {
    expect(sniffDelimiter(text)).toBe(d)
  })

  it('ignores delimiters inside quotes, including quoted newlines', () => {
    const text = 'a;b\n"1,2,3\n4,5,6";x\n"7,8,9";y\n'
    expect(sniffDelimiter(text)).toBe(';')
  })

  it('prefers the delimiter with a consistent count over one that appears often but unevenly', () => {
    const text = 'a|b\n1,2,3,4|x\n5|y\n6,7|z\n'
    expect(sniffDelimiter(text)).toBe('|')
  })

  it('falls back to a comma for one-column text', () => {
    expect(sniffDelimiter('名称\n长宁\n')).toBe(',')
  })
})
