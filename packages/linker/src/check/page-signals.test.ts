import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from './check-url.js'
import { isHomePath, pageSignals, sniffCharset } from './page-signals.js'
import { titleSimilarity } from './title-similarity.js'

describe('pageSignals', () => {
  it('reads title and h1 and flags soft 404 pages', () => {
    const s = pageSignals('<title>页面不存在 - 长宁区</title><h1>出错</h1>')
    expect(s.title).toBe('页面不存在 - 长宁区')
    expect(s.softNotFound).toBe('title "页面不存在 - 长宁区"')
    expect(
      pageSignals('<title>提示</title><p>抱歉，您访问的信息已被删除。</p>').softNotFound
    ).toContain('信息已被删除')
  })

  it('does not flag real documents that mention deletion or carry numbers', () => {
    const long = '<p>根据有关规定，现将清理情况通知如下。</p>'.repeat(40)
    expect(
      pageSignals(`<title>关于清理已删除信息的通知</title>${long}`).softNotFound
    ).toBeUndefined()
    expect(
      pageSignals(`<title>长府办〔2021〕4048号文件</title>${long}`).softNotFound
    ).toBeUndefined()
    expect(pageSignals(`<title>长宁区政务公开文件 404</title>${long}`).softNotFound).toBeUndefined()
    expect(pageSignals('<title>404 - 长宁区</title>').softNotFound).toBe('title "404 - 长宁区"')
    expect(pageSignals('<title>错误 404</title>').softNotFound).toBe('title "错误 404"')
    // A long page that mentions 页面不存在 in passing (e.g. a help text) is not an error page.
    expect(
      pageSignals(`<title>网站帮助</title>${long}<p>页面不存在时请反馈</p>`).softNotFound
    ).toBeUndefined()
  })

  it('ignores script text and decodes entities', () => {
    expect(pageSignals('<title>A&amp;B &#x4e2d;&#25991;</title>').title).toBe('A&B 中文')
    expect(
      pageSignals('<script>var a = "not found"</script><p>正常</p>').softNotFound
    ).toBeUndefined()
  })

  it('knows home paths and sniffs charsets', () => {
    expect(isHomePath('/')).toBe(true)
    expect(isHomePath('/Index.html')).toBe(true)
    expect(isHomePath('/xxgk/index.html')).toBe(false)
    expect(sniffCharset('text/html; charset=GBK', new Uint8Array())).toBe('gbk')
    expect(sniffCharset(null, new TextEncoder().encode('<meta charset="gb2312">'))).toBe('gb2312')
    expect(sniffCharset('text/html', new Uint8Array())).toBe('utf-8')
  })
})

describe('titleSimilarity', () => {
  it('scores identical and contained titles 1 and unrelated titles low', () => {
    expect(titleSimilarity('关于印发《要点》的通知', '关于印发 “要点” 的通知')).toBe(1)
    expect(titleSimilarity('2021年政务公开工作要点', '2021年政务公开工作要点_长宁区人民政府')).toBe(
      1
    )
    expect(titleSimilarity('区财政局2020年部门决算', '关于做好防汛工作的通知')).toBeLessThan(0.3)
    const near = titleSimilarity('2021年长宁区政务公开工作要点', '2021年长宁区政务公开工作要点解读')
    expect(near).toBe(1)
    const partial = titleSimilarity('长宁区2021年预算执行情况', '长宁区2020年预算执行情况报告')
    expect(partial).toBeGreaterThan(0.6)
    expect(partial).toBeLessThan(1)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
    const now = Date.parse('2021-05-01T00:00:00Z')
    expect(parseRetryAfter('Sat, 01 May 2021 00:00:10 GMT', now)).toBe(10_000)
  })
})
