import { describe, expect, it } from 'vitest'
import { fragments, matchSpans } from './highlight.js'
import { keysOf } from './tokens.js'

const keys = (q: string) => new Set(keysOf(q))

describe('highlights', () => {
  it('marks the matched words in the original text, escaped', () => {
    const text = '关于<调整>本区最低生活保障标准的通知'
    const spans = matchSpans(text, keys('最低生活保障'))
    expect(fragments(text, spans)).toEqual([
      '关于&lt;调整&gt;本区<mark>最低生活保障</mark>标准的通知',
    ])
  })

  it('marks full-width and traditional spellings where they stand', () => {
    const text = '示例區養老機構名錄（２０２１）'
    const spans = matchSpans(text, new Set([...keysOf('养老机构'), ...keysOf('2021')]))
    expect(fragments(text, spans)).toEqual([
      '示例區<mark>養老機構</mark>名錄（<mark>２０２１</mark>）',
    ])
  })

  it('cuts long texts around the matches with …', () => {
    const text = `${'甲'.repeat(100)}最低生活保障${'乙'.repeat(100)}`
    const [f] = fragments(text, matchSpans(text, keys('最低生活保障')))
    expect(f?.startsWith('…')).toBe(true)
    expect(f?.endsWith('…')).toBe(true)
    expect(f).toContain('<mark>最低生活保障</mark>')
    expect(f?.length).toBeLessThan(80)
  })
})
