import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeXml } from './escape-xml.js'
import { decodeEntities } from './html-entities.js'

describe('escapeXml', () => {
  it('escapes the five markup characters for content and attributes in either quote', () => {
    expect(escapeXml(`<a href="x?a=1&b='2'">`)).toBe(
      '&lt;a href=&quot;x?a=1&amp;b=&#39;2&#39;&quot;&gt;'
    )
    expect(escapeXml('公开目录')).toBe('公开目录')
  })

  it('drops the control characters XML forbids and keeps tab, LF and CR', () => {
    expect(escapeXml('a\u0000b\u0008c\u000bd\u001fe\tf\ng\rh')).toBe('abcde\tf\ng\rh')
  })

  it('drops U+FFFE and U+FFFF and shows a lone surrogate as U+FFFD, keeping pairs', () => {
    expect(escapeXml('a\uFFFEb\uFFFFc')).toBe('abc')
    expect(escapeXml('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz')
    expect(escapeXml('😀')).toBe('😀')
  })

  it('takes any value: null and undefined are empty', () => {
    expect([null, undefined, 3, true].map(escapeXml)).toEqual(['', '', '3', 'true'])
  })

  it('is undone by decodeEntities (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls XML forbids, on purpose
        const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/g, '')
        expect(decodeEntities(escapeXml(s))).toBe(clean)
      })
    )
  })
})
