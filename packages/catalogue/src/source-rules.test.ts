import type { EntrySource } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { countCopies, governmentDomain, registrableDomain, sourceProblems } from './source-rules.js'

const copy = (url: string) => ({ url, title: 'copy' })

describe('registrableDomain', () => {
  it('keeps one label under the public suffix', () => {
    expect(registrableDomain('ghzrzyj.cq.gov.cn')).toBe('cq.gov.cn')
    expect(registrableDomain('www.tonghai.gov.cn')).toBe('tonghai.gov.cn')
    expect(registrableDomain('tonghai.gov.cn')).toBe('tonghai.gov.cn')
    expect(registrableDomain('m.taishandichan.com')).toBe('taishandichan.com')
    expect(registrableDomain('www.sangco.com.cn')).toBe('sangco.com.cn')
    expect(registrableDomain('tenggeli.cn')).toBe('tenggeli.cn')
    expect(registrableDomain('183.203.90.35')).toBe('183.203.90.35')
  })
})

describe('governmentDomain', () => {
  it('counts hosts under .gov.cn and listed sites, nothing else', () => {
    expect(governmentDomain('zwgk.shcn.gov.cn')).toBe('shcn.gov.cn')
    expect(governmentDomain('www.gov.cn')).toBe('www.gov.cn')
    expect(governmentDomain('gov.cn.example.com')).toBeUndefined()
    expect(governmentDomain('notgov.cn')).toBeUndefined()
    const listed = [{ domain: 'npc.cn', reason: '全国人大网' }]
    expect(governmentDomain('www.npc.cn', listed)).toBe('npc.cn')
    expect(governmentDomain('xnpc.cn', listed)).toBeUndefined()
  })
})

describe('countCopies', () => {
  it('records copies elsewhere but never counts them; one site counts once', () => {
    const r = countCopies([
      copy('https://a.cq.gov.cn/x'),
      copy('https://b.cq.gov.cn/y'),
      copy('https://m.taishandichan.com/z'),
      copy('http://183.203.90.35/news'),
      copy('not a url'),
    ])
    expect(r.domains).toEqual(['cq.gov.cn'])
    expect(r.counted).toHaveLength(2)
    expect(r.other.map((c) => c.url)).toEqual([
      'https://m.taishandichan.com/z',
      'http://183.203.90.35/news',
      'not a url',
    ])
  })
})

describe('sourceProblems', () => {
  const n = (...urls: string[]): EntrySource => ({
    title: 't',
    status: 'N',
    copies: urls.map(copy),
  })
  it('N needs two government sites with different registrable domains', () => {
    expect(sourceProblems(n('https://www.tonghai.gov.cn/a', 'http://www.fsxf.gov.cn/b'))).toEqual(
      []
    )
    expect(sourceProblems(n('https://a.cq.gov.cn/x', 'https://b.cq.gov.cn/y'))[0]).toMatch(
      /has 1 \(cq\.gov\.cn\)/
    )
    expect(sourceProblems(n('https://www.tonghai.gov.cn/a', 'https://mirror.com/a'))[0]).toMatch(
      /has 1/
    )
    expect(sourceProblems(n())[0]).toMatch(/has 0$/)
  })
  it('? needs a note; SH and L need neither', () => {
    expect(sourceProblems({ title: 't', status: '?', copies: [] })).toEqual([
      'status ? needs a note saying what to verify',
    ])
    expect(sourceProblems({ title: 't', status: '?', copies: [], note: '核对' })).toEqual([])
    expect(sourceProblems({ title: 't', status: 'SH', copies: [] })).toEqual([])
    expect(sourceProblems({ title: 't', status: 'L', copies: [] })).toEqual([])
  })
})
