import { describe, expect, it } from 'vitest'
import {
  decideEncoding,
  Gb18030Evidence,
  needsGb18030Evidence,
  Utf8Evidence,
} from './encoding-evidence.js'

function evidence(bytes: Uint8Array, chunk = 3) {
  const u = new Utf8Evidence()
  const g = new Gb18030Evidence()
  for (let i = 0; i < bytes.length; i += chunk) {
    u.push(bytes.subarray(i, i + chunk))
    g.push(bytes.subarray(i, i + chunk))
  }
  u.end()
  g.end()
  return { u, g }
}

const gbkHello = [0xc4, 0xe3, 0xba, 0xc3] // 你好 in GBK

describe('decideEncoding', () => {
  it('takes well-formed UTF-8 as UTF-8 and pure GBK as GB18030', () => {
    const a = evidence(Buffer.from('名称,地址\n长宁,愚园路\n'))
    expect(decideEncoding(a.u)).toEqual({ ok: true, encoding: 'utf-8', invalid: 0 })
    const b = evidence(Uint8Array.from([...gbkHello, 0x0a, ...gbkHello]))
    expect(needsGb18030Evidence(b.u)).toBe(true)
    expect(decideEncoding(b.u, b.g)).toEqual({ ok: true, encoding: 'gb18030', invalid: 0 })
  })

  it('keeps a UTF-8 file with one stray byte UTF-8, with the byte counted', () => {
    const bytes = Buffer.concat([
      Buffer.from('名称\n机构'),
      Buffer.from([0xc3, 0x41]),
      Buffer.from('甲\n'),
    ])
    const { u } = evidence(bytes, 1000)
    expect(decideEncoding(u)).toEqual({ ok: true, encoding: 'utf-8', invalid: 1 })
    expect(u.first).toEqual({ offset: 13, line: 2, bytes: 'C3 41 E7 94 B2 0A' })
  })

  it('counts CESU-8 surrogates as UTF-8 evidence that is still invalid', () => {
    const { u } = evidence(Uint8Array.from([0x61, 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80, 0x0a]), 2)
    expect(u.cesu).toBe(1)
    expect(decideEncoding(u)).toEqual({ ok: true, encoding: 'utf-8', invalid: 1 })
  })

  it('refuses a file that fits no candidate, naming both and the first bad bytes', () => {
    const { u, g } = evidence(Uint8Array.from([0x61, 0x0a, 0xff, 0xfe, 0x62]), 1000)
    const d = decideEncoding(u, g)
    expect(d.ok).toBe(false)
    if (!d.ok) {
      expect(d.tried).toEqual(['utf-8', 'gb18030'])
      expect(d.message).toContain('UTF-8 (bytes FF FE 62 on line 2)')
      expect(d.message).toContain('GB18030/GBK (bytes FF FE 62 on line 2)')
    }
  })
})
