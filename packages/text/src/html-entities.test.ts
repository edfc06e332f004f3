import { describe, expect, it } from 'vitest'
import { decodeEntities } from './html-entities.js'

describe('decodeEntities', () => {
  it('decodes named, decimal and hexadecimal references', () => {
    expect(decodeEntities('A&amp;B &lt;p&gt; &quot;x&quot; &apos;y&#39;')).toBe(`A&B <p> "x" 'y'`)
    expect(decodeEntities('&#x4e2d;&#25991;&#X6587;')).toBe('中文文')
    expect(decodeEntities('&ldquo;通知&rdquo;&hellip;&middot;&mdash;&ensp;&emsp;&times;')).toBe(
      '“通知”…·—\u2002\u2003×'
    )
  })

  it('keeps nbsp as U+00A0 (callers that flatten white space count it as space)', () => {
    expect(decodeEntities('区民政局、&nbsp;街道')).toBe('区民政局、\u00a0街道')
  })

  it('leaves text that is not a reference as written', () => {
    expect(decodeEntities('A&B, 关于<2021年>的通知, &unknown; &amp no semicolon')).toBe(
      'A&B, 关于<2021年>的通知, &unknown; &amp no semicolon'
    )
    expect(decodeEntities('')).toBe('')
  })

  it('replaces code points HTML forbids with U+FFFD, as browsers and htmlparser2 do', () => {
    expect(decodeEntities('&#0;|&#x110000;')).toBe('\uFFFD|\uFFFD')
  })
})
