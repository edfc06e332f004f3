import { describe, expect, it } from 'vitest'
import { answerDoc, datasetDoc, documentDoc, entryDocs } from './documents.js'
import { MemoryIndex } from './memory-index.js'

const catalogue = {
  id: 'social_assistance',
  title: '社会救助领域基层政务公开标准目录',
  version: '2021',
  kind: 'standard',
  field: 'social_assistance',
  entries: [
    {
      id: 'minimum_living.service_guide',
      seq: 1,
      item: { level1: '最低生活保障', level2: '办事指南' },
      contentElements: ['办理条件', '最低生活保障标准', '申请材料'],
      legalBasis: [{ title: '社会救助暂行办法' }],
      responsibleBodies: ['区民政局'],
    },
    {
      id: 'extreme_poverty.service_guide',
      seq: 2,
      item: { level1: '特困人员救助供养', level2: '办事指南' },
      contentElements: ['办理条件', '申请材料'],
      legalBasis: [{ title: '社会救助暂行办法' }],
      responsibleBodies: ['区民政局'],
    },
  ],
} as unknown as Parameters<typeof entryDocs>[0]

function index() {
  const idx = new MemoryIndex()
  for (const d of entryDocs(catalogue, { fieldName: '社会救助' })) idx.add(d)
  idx.add(
    documentDoc(
      {
        url: 'https://x.gov.cn/1.html',
        title: '关于调整本区2021年城乡居民最低生活保障标准的通知',
        docNo: '示民〔2021〕12号',
        issuer: '示例区民政局',
        publishedAt: '2021-06-17',
      },
      { fields: ['social_assistance'] }
    )
  )
  idx.add(
    documentDoc({
      url: 'https://x.gov.cn/2.html',
      title: '关于调整本区2022年城乡居民最低生活保障标准的通知',
      docNo: '示民〔2022〕15号',
      issuer: '示例区民政局',
      publishedAt: '2022-06-27',
    })
  )
  idx.add(
    documentDoc({
      url: 'https://x.gov.cn/3.html',
      title: '示例区2021年义务教育阶段学校招生入学工作实施意见',
      issuer: '示例区教育局',
      publishedAt: '2021-04-20',
    })
  )
  idx.add(
    datasetDoc({
      id: 'dibao-stats',
      title: '最低生活保障统计',
      description: '按月统计的保障户数和人数',
      publisher: { id: 'mzj', name: '示例区民政局' },
      license: 'cc-by-4.0',
      openness: 'unconditional',
      field: 'social_assistance',
      issued: '2021-02-01',
      tableSchema: { fields: [{ name: 'households', title: '保障户数', type: 'integer' }] },
    } as Parameters<typeof datasetDoc>[0])
  )
  return idx
}

describe('MemoryIndex', () => {
  it('finds the official name for an everyday one, the entry first', () => {
    const r = index().search({ q: '低保' })
    expect(r.items[0]?.id).toBe('social_assistance/minimum_living.service_guide')
    expect(r.items.map((i) => i.id)).toEqual(
      expect.arrayContaining(['https://x.gov.cn/1.html', 'https://x.gov.cn/2.html', 'dibao-stats'])
    )
    expect(r.items.map((i) => i.id)).not.toContain('https://x.gov.cn/3.html')
  })

  it('finds a document by its 文号 in any bracket style', () => {
    for (const q of ['示民〔2021〕12号', '示民[2021]12号', '示民（２０２１）１２号'])
      expect(index().search({ q }).items[0]?.id, q).toBe('https://x.gov.cn/1.html')
  })

  it('corrects a near miss and says so', () => {
    const r = index().search({ q: '底保' })
    expect(r.didYouMean).toBe('低保')
    expect(r.total).toBeGreaterThan(0)
    expect(index().search({ q: '低保' }).didYouMean).toBeUndefined()
  })

  it('filters by type, field, organ and year, with facets counted under the other filters', () => {
    const idx = index()
    const all = idx.search({ q: '最低生活保障' })
    expect(all.facets.type).toEqual(
      [
        { value: 'entry', count: 1 },
        { value: 'document', count: 2 },
        { value: 'dataset', count: 1 },
      ].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    )
    const docs = idx.search({ q: '最低生活保障', type: 'document', year: 2022 })
    expect(docs.items.map((i) => i.id)).toEqual(['https://x.gov.cn/2.html'])
    // The type facet still counts every type of 2022, the year facet every year of documents.
    expect(docs.facets.year.map((y) => y.value)).toEqual(['2022', '2021'])
    expect(idx.search({ q: '最低生活保障', field: 'social_assistance' }).total).toBe(3)
    expect(idx.search({ q: '最低生活保障', organ: '示例区民政局', type: 'dataset' }).total).toBe(1)
  })

  it('matches nothing for a field, organ or year no document has', () => {
    const idx = index()
    // Entries have no year: a year nobody has must not select them.
    expect(idx.search({ q: '最低生活保障', year: 1999 }).total).toBe(0)
    expect(idx.search({ q: '最低生活保障', field: 'no_such_field' }).total).toBe(0)
    expect(idx.search({ q: '最低生活保障', organ: '无此机关' }).total).toBe(0)
  })

  it('ranks and pages many matches as one sorted list, before and after compaction', () => {
    const idx = new MemoryIndex()
    // More documents than are re-ranked (200), in 7 kinds of title, so scores tie in groups and
    // dates and ids decide within a group.
    for (let i = 0; i < 1_300; i++)
      idx.add(
        documentDoc({
          url: `https://x.gov.cn/${i}.html`,
          title: `${'第一批'.repeat((i % 7) + 1)}最低生活保障资金发放名单`,
          issuer: i % 2 ? '示例区民政局' : '示例区财政局',
          publishedAt: `20${10 + (i % 13)}-01-0${(i % 9) + 1}`,
        })
      )
    const check = (n: number) => {
      const whole = idx.search({ q: '低保资金', limit: n })
      expect(whole.total).toBe(n)
      const paged: string[] = []
      let offset: number | undefined = 0
      while (offset !== undefined) {
        const page = idx.search({ q: '低保资金', limit: 97, offset })
        paged.push(...page.items.map((i) => i.id))
        offset = page.nextOffset
      }
      expect(paged).toEqual(whole.items.map((i) => i.id))
      const scores = whole.items.map((i) => i.score)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
      const organs = idx.search({ q: '低保资金', organ: '示例区民政局' })
      expect(organs.total).toBe(n / 2)
      expect(organs.facets.organ).toEqual([
        { value: '示例区民政局', count: n / 2 },
        { value: '示例区财政局', count: n / 2 },
      ])
    }
    check(1_300)
    // Removing most documents compacts the index: filters and facets must survive it.
    for (let i = 200; i < 1_300; i++) idx.remove('document', `https://x.gov.cn/${i}.html`)
    check(200)
  })

  it('pages without repeating or losing results', () => {
    const idx = index()
    const whole = idx.search({ q: '最低生活保障', limit: 50 }).items.map((i) => i.id)
    const paged: string[] = []
    let offset: number | undefined = 0
    while (offset !== undefined) {
      const page = idx.search({ q: '最低生活保障', limit: 1, offset })
      paged.push(...page.items.map((i) => i.id))
      offset = page.nextOffset
    }
    expect(paged).toEqual(whole)
  })

  it('replaces and removes documents', () => {
    const idx = index()
    idx.add(documentDoc({ url: 'https://x.gov.cn/1.html', title: '防汛工作通知' }))
    expect(idx.search({ q: '示民〔2021〕12号' }).items.map((i) => i.id)).not.toContain(
      'https://x.gov.cn/1.html'
    )
    expect(idx.search({ q: '防汛' }).items.map((i) => i.id)).toEqual(['https://x.gov.cn/1.html'])
    expect(idx.remove('document', 'https://x.gov.cn/1.html')).toBe(true)
    expect(idx.search({ q: '防汛' }).total).toBe(0)
  })

  it('never indexes personal data of a published answer', () => {
    const idx = new MemoryIndex()
    const doc = answerDoc({
      id: 'a-1',
      title: '关于低保待遇的答复',
      body: '经核实，申请人张三（身份证号110101199003077731，手机13812345678）的低保待遇已恢复。',
      url: '/answers/a-1',
    })
    idx.add(doc)
    expect(JSON.stringify(doc)).not.toContain('13812345678')
    expect(JSON.stringify(doc)).not.toContain('110101199003077731')
    expect(idx.search({ q: '13812345678' }).total).toBe(0)
    expect(idx.search({ q: '低保待遇' }).total).toBe(1)
  })

  it('answers an empty or punctuation-only query with nothing', () => {
    expect(index().search({ q: '' }).total).toBe(0)
    expect(index().search({ q: '？！' }).items).toEqual([])
  })
})
