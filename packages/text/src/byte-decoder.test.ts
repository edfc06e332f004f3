import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createByteDecoder } from './byte-decoder.js'
import { findEscapedBytes } from './escaped-bytes.js'

const gbk = (s: string) => {
  // GBK bytes of a few characters, written out so the test needs no encoder.
  const table: Record<string, number[]> = { 你: [0xc4, 0xe3], 好: [0xba, 0xc3], 长: [0xb3, 0xa4] }
  return Array.from(s).flatMap((c) => table[c] ?? [c.charCodeAt(0)])
}

/** Decodes `bytes` in chunks of `size` and returns the text. */
function decodeChunked(
  bytes: Uint8Array,
  encoding: Parameters<typeof createByteDecoder>[0],
  size: number,
  flagForeign = true
) {
  const d = createByteDecoder(encoding, { flagForeign })
  let out = ''
  for (let i = 0; i < bytes.length; i += size) out += d.write(bytes.subarray(i, i + size))
  return { text: out + d.end(), escaped: d.escaped }
}

describe('createByteDecoder', () => {
  it('decodes well-formed UTF-8 whatever the chunk size, keeping a U+FEFF inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 9 }), (s, size) => {
        const r = decodeChunked(Buffer.from(s, 'utf8'), 'utf-8', size)
        expect(r).toEqual({ text: s, escaped: 0 })
      })
    )
    expect(decodeChunked(Buffer.from('a\uFEFFb'), 'utf-8', 2).text).toBe('a\uFEFFb')
  })

  it('drops the UTF-8 byte-order mark only at the start', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名称\n')])
    expect(decodeChunked(bytes, 'utf-8-bom', 1).text).toBe('名称\n')
  })

  it('escapes one bad byte in a UTF-8 file and decodes the rest as UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('名称\n机构'),
      Buffer.from([0xff]),
      Buffer.from('甲\n'),
    ])
    for (const size of [1, 3, 1000]) {
      const r = decodeChunked(bytes, 'utf-8', size)
      expect(r.text).toBe('名称\n机构\uDCFF甲\n')
      expect(r.escaped).toBe(1)
    }
  })

  it('escapes a GBK line in a UTF-8 file whole, so its text can be shown', () => {
    const bytes = Uint8Array.from([
      ...Buffer.from('名称\n'),
      ...gbk('你好,长\n'),
      ...Buffer.from('甲\n'),
    ])
    const r = decodeChunked(bytes, 'utf-8', 4)
    expect(r.escaped).toBe(6)
    expect(findEscapedBytes(r.text)?.bytes).toEqual([0xc4, 0xe3, 0xba, 0xc3])
    expect(r.text.endsWith(',\uDCB3\uDCA4\n甲\n')).toBe(true)
  })

  it('escapes CESU-8 surrogates', () => {
    // U+1F600 as CESU-8: ED A0 BD ED B8 80
    const bytes = Uint8Array.from([0x61, 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80, 0x62, 0x0a])
    const r = decodeChunked(bytes, 'utf-8', 2)
    expect(r.escaped).toBe(6)
    expect(findEscapedBytes(r.text)?.bytes).toEqual([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80])
  })

  it('decodes GB18030 and escapes UTF-8 lines in it, unless told the encoding', () => {
    const bytes = Uint8Array.from([...gbk('你好\n'), ...Buffer.from('长宁\n'), ...gbk('长\n')])
    const r = decodeChunked(bytes, 'gb18030', 3)
    expect(r.text.startsWith('你好\n')).toBe(true)
    expect(r.text.endsWith('长\n')).toBe(true)
    expect(findEscapedBytes(r.text)?.bytes).toEqual([...Buffer.from('长宁')])
    expect(decodeChunked(bytes, 'gb18030', 3, false).escaped).toBe(0)
  })

  it('escapes bytes GB18030 rejects', () => {
    const r = decodeChunked(Uint8Array.from([...gbk('你'), 0xff, 0x0a]), 'gb18030', 1)
    expect(r.text).toBe('你\uDCFF\n')
  })

  it('decodes UTF-16 with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('名称\n', 'utf16le')])
    expect(decodeChunked(bytes, 'utf-16le', 3).text).toBe('名称\n')
  })
})
