import type { Binding, Catalogue, CatalogueEntry, ContentItem, TimeLimit } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import type { LinkCheckResult } from '../check/link-check-result.js'
import { buildReport } from './build-report.js'
import { freshness } from './freshness.js'
import { reportToCsv } from './report-to-csv.js'
import { reportToHtml } from './report-to-html.js'
import { reportToJson } from './report-to-json.js'
import type { CatalogueReport, EntryReport } from './report-types.js'

const entry = (
  id: string,
  seq: number,
  level1: string,
  timeLimit: TimeLimit,
  bodies: string[]
): CatalogueEntry => ({
  id,
  seq,
  item: { level1, level2: `${level1}信息` },
  contentElements: ['内容'],
  legalBasis: [{ title: '《中华人民共和国政府信息公开条例》' }],
  timeLimit,
  responsibleBodies: bodies,
  channels: [{ code: 'gov_website', required: true }],
  audience: { general: true, specificGroups: [] },
  modes: ['proactive'],
  source: { title: 'test', status: 'L', copies: [] },
})

const art26: TimeLimit = {
  type: 'after_event',
  text: '信息形成或者变更之日起20个工作日内',
  trigger: 'formed_or_changed',
  amount: 20,
  unit: 'working_day',
}
const quarterly: TimeLimit = { type: 'recurring', text: '每季度公布一次', recurrence: 'quarterly' }
const timely: TimeLimit = { type: 'qualitative', text: '及时公开', kind: 'timely' }

const catalogue: Catalogue = {
  id: 'cn-test',
  title: '测试目录 <一>',
  kind: 'standard',
  version: '1.0.0',
  entries: [
    entry('plan', 1, '政策文件', art26, ['区政府办公室']),
    entry('funds', 2, '工作经费', quarterly, ['区民政局', '区政府办公室']),
    entry('aid', 3, '救助对象', timely, ['区民政局']),
    entry('news', 4, '工作动态', art26, ['区政府办公室']),
  ],
}

const item = (n: string, extra: Partial<ContentItem>): ContentItem => ({
  url: `https://zwgk.shcn.gov.cn/${n}.html`,
  title: `信息${n}`,
  ...extra,
})
const items: ContentItem[] = [
  item('a', { formedAt: '2021-04-14', publishedAt: '2021-04-16' }),
  item('b', { formedAt: '2021-04-14', publishedAt: '2021-05-14' }),
  item('c', { formedAt: '2021-04-14', publishedAt: '2021-05-13T10:00:00+08:00' }),
  item('q1', { formedAt: '2021-03-10', publishedAt: '2021-03-30' }),
  item('q1late', { formedAt: '2021-01-15', publishedAt: '2021-04-06' }),
  item('n1', { publishedAt: '2021-01-10' }),
  item('n2', { publishedAt: '2021-03-01' }),
  item('n3', { publishedAt: '2021-04-20' }),
  item('n4', { publishedAt: '2021-06-01' }),
  item('unbound', { publishedAt: '2021-06-01' }),
]
const bind = (entryId: string, n: string): Binding => ({
  entry: { catalogue: 'cn-test', entry: entryId },
  content: `https://zwgk.shcn.gov.cn/${n}.html`,
  method: 'column',
  confidence: 0.9,
})
const bindings: Binding[] = [
  bind('plan', 'a'),
  bind('plan', 'b'),
  bind('plan', 'c'),
  { ...bind('plan', 'c'), method: 'title', confidence: 0.6 },
  bind('funds', 'q1'),
  bind('funds', 'q1late'),
  bind('news', 'n1'),
  bind('news', 'n2'),
  bind('news', 'n3'),
  bind('news', 'n4'),
  bind('ghost', 'a'),
  bind('news', 'missing'),
]
const check = (
  n: string,
  status: LinkCheckResult['status'],
  checkedAt: string,
  httpStatus?: number
): LinkCheckResult => ({
  url: `https://zwgk.shcn.gov.cn/${n}.html`,
  status,
  ...(httpStatus ? { httpStatus } : {}),
  reason: httpStatus ? `HTTP ${httpStatus}` : 'soft 404',
  redirects: [],
  finalUrl: `https://zwgk.shcn.gov.cn/${n}.html`,
  checkedAt,
  elapsedMs: 5,
})
const linkChecks = [
  check('b', 'dead', '2021-06-20T00:00:00Z', 404),
  check('b', 'ok', '2021-06-01T00:00:00Z', 200),
  check('c', 'wrong_target', '2021-06-20T00:00:00Z'),
  check('a', 'ok', '2021-06-20T00:00:00Z', 200),
  check('unbound', 'dead', '2021-06-20T00:00:00Z', 500),
]

const report = buildReport({
  catalogues: [catalogue],
  items,
  bindings,
  linkChecks,
  today: '2021-06-21',
})
const entryOf = (id: string) => report.catalogues[0]?.entries.find((e) => e.entry === id)

describe('buildReport', () => {
  it('computes on-time rate and working days late against the entry deadline', () => {
    const plan = entryOf('plan')
    expect(plan?.items).toBe(3)
    expect(plan?.timeliness).toMatchObject({ applicable: true, counted: 3, onTime: 2, late: 1 })
    expect(plan?.timeliness.onTimeRate).toBeCloseTo(2 / 3)
    // Formed 2021-04-14, due 2021-05-13 (20 working days), published 05-14: 1 working day late.
    expect(plan?.lateItems).toEqual([
      {
        url: 'https://zwgk.shcn.gov.cn/b.html',
        title: '信息b',
        formedAt: '2021-04-14',
        publishedAt: '2021-05-14',
        due: '2021-05-13',
        workingDaysLate: 1,
        provisional: false,
      },
    ])
  })

  it('judges recurring entries by the period the item falls in', () => {
    const funds = entryOf('funds')
    expect(funds?.timeliness).toMatchObject({ counted: 2, onTime: 1, late: 1 })
    // Q1 due 2021-03-31; 04-01, 04-02 and 04-06 are working days (04-03…05 清明).
    expect(funds?.lateItems[0]).toMatchObject({ due: '2021-03-31', workingDaysLate: 3 })
  })

  it('shows qualitative limits as n/a and uncovered entries', () => {
    const aid = entryOf('aid')
    expect(aid?.covered).toBe(false)
    expect(aid?.timeliness).toMatchObject({ applicable: false, counted: 0, onTimeRate: null })
    expect(aid?.freshness.failures).toEqual(['no_items'])
    expect(entryOf('news')?.timeliness).toMatchObject({ counted: 0, undated: 4, onTimeRate: null })
  })

  it('computes coverage per catalogue and per department', () => {
    expect(report.catalogues[0]?.summary).toMatchObject({ entries: 4, covered: 3, coverage: 0.75 })
    expect(report.departments.map((d) => [d.name, d.summary.entries, d.summary.covered])).toEqual([
      ['区政府办公室', 3, 3],
      ['区民政局', 2, 1],
    ])
    expect(report.departments[0]?.summary.onTimeRate).toBeCloseTo(3 / 5)
    expect(report.departments[1]?.summary.coverage).toBe(0.5)
  })

  it('checks freshness per entry', () => {
    // n1…n4: 4 items, latest 2021-06-01 (20 days before today), largest gap 50 days.
    expect(entryOf('news')?.freshness).toEqual({
      items: 4,
      latest: '2021-06-01',
      ageDays: 20,
      maxGapDays: 50,
      fresh: true,
      failures: [],
    })
    expect(entryOf('funds')?.freshness).toMatchObject({ ageDays: 76, failures: ['too_few_items'] })
    const p = { maxAgeDays: 90, minItems: 4, maxGapDays: 90 }
    expect(
      freshness(['2021-01-01', '2021-05-01', '2021-05-10', '2021-06-01'], '2021-06-21', p).failures
    ).toEqual(['gap'])
    expect(
      freshness(['2021-06-01', '2021-06-02', '2021-06-03', '2021-06-04'], '2021-06-21', {
        ...p,
        minItems: 5,
      }).failures
    ).toEqual(['too_few_items'])
  })

  it('reports broken and wrong links from the latest check of bound URLs', () => {
    const plan = entryOf('plan')
    expect(plan?.links).toEqual({
      checked: 3,
      ok: 1,
      dead: 1,
      wrongTarget: 1,
      unreachable: 0,
      unchecked: 0,
    })
    expect(plan?.brokenLinks.map((b) => [b.url.slice(-6), b.status])).toEqual([
      ['b.html', 'dead'],
      ['c.html', 'wrong_target'],
    ])
    // The overall link summary covers unbound URLs too.
    expect(report.links).toMatchObject({ checked: 4, ok: 1, dead: 2, wrongTarget: 1 })
  })

  it('lists quarterly entries due soon and can widen or narrow the window', () => {
    // Next quarterly due date 2021-06-30 is 7 working days after 2021-06-21.
    expect(report.dueSoon).toEqual([
      {
        catalogue: 'cn-test',
        entry: 'funds',
        name: '工作经费 / 工作经费信息',
        responsibleBodies: ['区民政局', '区政府办公室'],
        due: '2021-06-30',
        workingDaysLeft: 7,
        provisional: false,
      },
    ])
    const narrow = buildReport({
      catalogues: [catalogue],
      items,
      bindings,
      today: '2021-06-21',
      params: { dueSoonWorkingDays: 5 },
    })
    expect(narrow.dueSoon).toEqual([])
  })

  it('reports bindings to unknown entries and items and stays deterministic', () => {
    expect(report.problems).toEqual([
      'binding of https://zwgk.shcn.gov.cn/a.html: unknown entry cn-test/ghost',
      'binding to cn-test/news: unknown content item https://zwgk.shcn.gov.cn/missing.html',
    ])
    const again = buildReport({
      catalogues: [catalogue],
      items: [...items].reverse(),
      bindings: [...bindings].reverse(),
      linkChecks: [...linkChecks].reverse(),
      today: '2021-06-21',
    })
    expect(reportToJson(again)).toBe(reportToJson(report))
    expect(
      buildReport({ catalogues: [], items: [], bindings: [], today: 'soon' }).problems[0]
    ).toContain('today')
  })
})

describe('report output', () => {
  it('writes RFC 4180 CSV with one row per entry', () => {
    const csv = reportToCsv(report, { bom: true })
    expect(csv.startsWith('\uFEFFcatalogue,entry,seq')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines).toHaveLength(6)
    expect(lines[5]).toBe('')
    const funds = lines[2] as string
    expect(funds).toContain('区民政局；区政府办公室')
    expect(lines[3]).toContain(',n/a,n/a,n/a,n/a,')
    expect(
      reportToCsv({
        ...report,
        catalogues: [
          {
            ...(report.catalogues[0] as CatalogueReport),
            entries: [{ ...(entryOf('plan') as EntryReport), name: 'a,"b"' }],
          },
        ],
      })
    ).toContain('"a,""b"""')
  })

  it('writes a standalone accessible HTML page with an SVG chart and escaped text', () => {
    const html = reportToHtml(report)
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/)
    expect(html).toContain('<svg')
    expect(html).toContain('role="img"')
    expect((html.match(/<caption>/g) ?? []).length).toBeGreaterThanOrEqual(4)
    expect(html).toContain('测试目录 &lt;一&gt;')
    expect(html).not.toContain('测试目录 <一>')
    expect(html).not.toMatch(/(src|href)="https?:/)
    expect(JSON.parse(reportToJson(report)).summary.entries).toBe(4)
  })
})

describe('composite time limits', () => {
  // 信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示
  const composite: TimeLimit = {
    type: 'composite',
    text: '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
    parts: [
      {
        type: 'after_event',
        text: '信息形成20个工作日内公开',
        trigger: 'formed',
        amount: 20,
        unit: 'working_day',
      },
      {
        appliesTo: ['administrative_licence', 'administrative_penalty'],
        type: 'after_event',
        text: '其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
        trigger: 'decision_made',
        amount: 7,
        unit: 'working_day',
      },
    ],
  }
  const cat: Catalogue = {
    ...catalogue,
    id: 'composite',
    entries: [entry('bidding', 1, '招标投标', composite, ['区发展改革委'])],
  }
  // Working day 8 after the decision of 2021-04-14 (2021-04-25, a Sunday, was a 补班 day).
  const day8 = '2021-04-25'
  const at = (n: string, extra: Partial<ContentItem>): ContentItem => ({
    url: `https://zwgk.shcn.gov.cn/${n}.html`,
    title: n,
    formedAt: '2021-04-14',
    publishedAt: day8,
    ...extra,
  })
  const judged = buildReport({
    catalogues: [cat],
    items: [
      at('penalty', { kind: 'administrative_penalty' }),
      at('关于某公司的行政处罚决定书', {}),
      at('policy', { kind: 'policy' }),
      at('untyped', {}),
    ],
    bindings: ['penalty', '关于某公司的行政处罚决定书', 'policy', 'untyped'].map((n) => ({
      entry: { catalogue: 'composite', entry: 'bidding' },
      content: `https://zwgk.shcn.gov.cn/${n}.html`,
      method: 'column' as const,
      confidence: 0.9,
    })),
    linkChecks: [],
    today: '2021-06-21',
  })
  const bidding = judged.catalogues[0]?.entries[0]

  it('judges a 处罚 decision by its clause: published on working day 8, one day late', () => {
    expect(bidding?.timeliness).toMatchObject({ applicable: true, counted: 4, onTime: 2, late: 2 })
    expect(bidding?.lateItems.map((l) => [l.title, l.due, l.workingDaysLate, l.clause])).toEqual([
      [
        'penalty',
        '2021-04-23',
        1,
        '其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
      ],
      // No 信息类别, but the title names a 行政处罚决定书.
      [
        '关于某公司的行政处罚决定书',
        '2021-04-23',
        1,
        '其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
      ],
    ])
  })

  it('reports a binding to an entry a layer removed, with the reason', () => {
    const layered = buildReport({
      catalogues: [
        {
          ...cat,
          removed: [
            {
              id: 'old',
              reason: '本区不适用',
              layer: 'composite',
              source: { title: 't', status: 'L', copies: [] },
            },
          ],
        },
      ],
      items: [at('penalty', {})],
      bindings: [
        {
          entry: { catalogue: 'composite', entry: 'old' },
          content: 'https://zwgk.shcn.gov.cn/penalty.html',
          method: 'manual',
          confidence: 1,
        },
      ],
      linkChecks: [],
      today: '2021-06-21',
    })
    expect(layered.problems).toContain(
      'binding of https://zwgk.shcn.gov.cn/penalty.html: entry composite/old was removed (composite: 本区不适用)'
    )
  })

  it('judges a policy document (or an item of no kind) by the general clause: on time', () => {
    expect(bidding?.lateItems.map((l) => l.title)).not.toContain('policy')
    expect(bidding?.lateItems.map((l) => l.title)).not.toContain('untyped')
  })
})
