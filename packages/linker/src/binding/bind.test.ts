import { readFileSync } from 'node:fs'
import type { Catalogue, ContentItem } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { bind } from './bind.js'
import { loadTestTopLayers } from './load-test-catalogues.js'

// Read, not imported: the lint rule for relative import extensions has no case for JSON modules.
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/district-site.json', import.meta.url), 'utf8')
) as { rows: unknown[]; catalogues: string[] }

type Row = [title: string, column: string, issuer: string | null, expected: string | null]

// The fixture is labelled by field; a district binds to each field's top layer.
const all = loadTestTopLayers()
const pick = (ids: readonly string[]) =>
  ids.map((id) => {
    const c = all.find((x) => x.id === id)
    if (!c) throw new Error(`catalogue ${id} missing from packages/catalogues/data`)
    return c
  })

const rows = fixture.rows as Row[]
const itemsOf = (rs: Row[]): ContentItem[] =>
  rs.map(([title, column, issuer], i) => ({
    url: `https://www.example.gov.cn/xxgk/${String(i).padStart(4, '0')}.html`,
    title,
    column,
    ...(issuer ? { issuer } : {}),
  }))

describe('bind defaults on the hand-labelled district fixture', () => {
  it('reaches precision >= 0.9 and recall >= 0.7', async () => {
    expect(rows.length).toBeGreaterThanOrEqual(200)
    const catalogues = pick(fixture.catalogues)
    const items = itemsOf(rows)
    const result = await bind({ catalogues, items })
    const best = new Map<string, string>()
    for (const b of result.bindings) {
      // One default binding per item; keep the most confident should that ever change.
      const prev = best.get(b.content)
      if (!prev || Number(prev.split('|')[1]) < b.confidence)
        best.set(b.content, `${b.entry.catalogue}:${b.entry.entry}|${b.confidence}`)
    }
    let truePositives = 0
    let predicted = 0
    let positives = 0
    rows.forEach(([, , , expected], i) => {
      const got = best.get(items[i]?.url as string)?.split('|')[0]
      if (expected) positives++
      if (got) predicted++
      if (got && got === expected) truePositives++
    })
    const precision = truePositives / predicted
    const recall = truePositives / positives
    console.log(
      `default binding rules: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${truePositives} correct of ${predicted} bound, ${positives} labelled)`
    )
    expect(precision).toBeGreaterThanOrEqual(0.9)
    expect(recall).toBeGreaterThanOrEqual(0.7)
  })

  it('is deterministic whatever the input order', async () => {
    const catalogues = pick(fixture.catalogues)
    const items = itemsOf(rows)
    const a = await bind({ catalogues, items })
    const b = await bind({ catalogues, items: [...items].reverse() })
    expect(b).toEqual(a)
    const urls = a.bindings.map((x) => x.content)
    expect(urls).toEqual([...urls].sort())
  })

  it('lists unbound URLs and entries without content', async () => {
    const catalogues = pick(['compulsory_education'])
    const items = itemsOf(rows.slice(0, 3)).concat([
      { url: 'https://www.example.gov.cn/news/1.html', title: '区领导调研', column: '工作动态' },
    ])
    const result = await bind({ catalogues, items })
    expect(result.unbound).toEqual(['https://www.example.gov.cn/news/1.html'])
    const bound = new Set(result.bindings.map((b) => b.entry.entry))
    const total = (catalogues[0] as Catalogue).entries.length
    expect(result.entriesWithoutContent).toHaveLength(total - bound.size)
    expect(result.entriesWithoutContent.some((e) => e.entry === 'enrolment.enrolment_plan')).toBe(
      false
    )
    expect(result.entriesWithoutContent.some((e) => e.entry === 'teachers.recruitment')).toBe(true)
  })
})

describe('bind with rules', () => {
  const catalogues = pick(['compulsory_education', 'social_assistance'])
  const edu = (entry: string) => ({ catalogue: 'compulsory_education', entry })

  it('applies column, title, issuer, doc-number and date rules before the defaults', async () => {
    const items: ContentItem[] = [
      { url: 'https://x.gov.cn/a', title: '2021年秋季招生简章', column: '招生专栏' },
      {
        url: 'https://x.gov.cn/b',
        title: '关于2021年教师招聘的补充通知',
        column: '通知公告',
        docNo: '长教〔2021〕12号',
        publishedAt: '2021-05-01',
      },
      {
        url: 'https://x.gov.cn/c',
        title: '旧通知',
        column: '通知公告',
        docNo: '长教〔2019〕3号',
        publishedAt: '2019-05-01',
      },
      {
        url: 'https://x.gov.cn/d',
        title: '学籍信息核对',
        column: '其他',
        issuer: '上海市长宁区学籍管理中心',
      },
    ]
    const result = await bind({
      catalogues,
      items,
      rules: {
        rules: [
          { id: 'col', entry: edu('enrolment.enrolment_policy'), column: '招生专栏' },
          {
            id: 'doc',
            entry: edu('teachers.recruitment'),
            docNoPattern: '^长教〔\\d{4}〕\\d+号$',
            from: '2021-01-01',
            confidence: 0.8,
          },
          { id: 'iss', entry: edu('students.student_status'), issuer: '学籍管理中心' },
        ],
      },
    })
    const by = Object.fromEntries(result.bindings.map((b) => [b.content, b]))
    expect(by['https://x.gov.cn/a']).toMatchObject({
      entry: edu('enrolment.enrolment_policy'),
      method: 'rule',
      rule: 'col',
      confidence: 0.95,
    })
    expect(by['https://x.gov.cn/b']).toMatchObject({
      entry: edu('teachers.recruitment'),
      rule: 'doc',
      confidence: 0.8,
    })
    expect(by['https://x.gov.cn/c']).toBeUndefined()
    expect(by['https://x.gov.cn/d']).toMatchObject({
      entry: edu('students.student_status'),
      rule: 'iss',
    })
  })

  it('lets manual bindings and exclusions win', async () => {
    const items: ContentItem[] = [
      { url: 'https://x.gov.cn/p', title: '2021年小学招生计划', column: '招生计划' },
      { url: 'https://x.gov.cn/q', title: '2021年初中招生计划', column: '招生计划' },
    ]
    const result = await bind({
      catalogues,
      items,
      rules: {
        manual: [{ entry: edu('enrolment.enrolment_result'), content: 'https://x.gov.cn/p' }],
        exclusions: [
          { content: 'https://x.gov.cn/p' },
          { content: 'https://x.gov.cn/q', entry: edu('enrolment.enrolment_plan') },
        ],
      },
    })
    expect(result.bindings).toEqual([
      {
        entry: edu('enrolment.enrolment_result'),
        content: 'https://x.gov.cn/p',
        method: 'manual',
        confidence: 1,
      },
    ])
    expect(result.unbound).toEqual(['https://x.gov.cn/q'])
  })

  it('reports rules naming entries that do not exist, by pointer', async () => {
    const result = await bind({
      catalogues,
      items: [],
      rules: {
        rules: [{ id: 'x', entry: edu('no.such'), column: 'x' }],
        manual: [{ entry: { catalogue: 'nope', entry: 'a' }, content: 'https://x.gov.cn/' }],
      },
    })
    expect(result.problems.map((p) => p.pointer)).toEqual(['/rules/0/entry', '/manual/0/entry'])
  })

  it('disambiguates a shared 二级 name by the 一级 in the column path, and flags what it cannot', async () => {
    const items: ContentItem[] = [
      { url: 'https://x.gov.cn/1', title: '办事指南', column: '社会救助 > 临时救助 > 办事指南' },
      { url: 'https://x.gov.cn/2', title: '办事指南', column: '办事指南' },
    ]
    const result = await bind({ catalogues, items })
    expect(result.bindings).toEqual([
      {
        entry: { catalogue: 'social_assistance', entry: 'temporary_assistance.service_guide' },
        content: 'https://x.gov.cn/1',
        method: 'column',
        confidence: 0.85,
      },
    ])
    expect(result.ambiguous?.[0]?.content).toBe('https://x.gov.cn/2')
    expect(result.ambiguous?.[0]?.candidates.length).toBeGreaterThan(1)
  })
})
