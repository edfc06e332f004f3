import type { Catalogue } from '@gongkai/schema'
import { parseCsv } from '@gongkai/text'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exportTable } from './export-table.js'
import { parseHtmlTable, parseHtmlTables } from './html-table.js'
import { importTable } from './import-table.js'
import { committeeTemplate, education, entry } from './test-fixtures.js'

describe('exportTable', () => {
  const c = education()
  it('prints the official two-row header with the catalogue columns', () => {
    const rows = parseCsv(exportTable(c, 'csv', { machineColumns: false }))
    expect(rows[0]?.[0]).toBe(c.title)
    expect(rows[1]).toEqual([
      '序号',
      '公开事项',
      '',
      '',
      '公开内容（要素）',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '公开对象',
      '',
      '公开方式',
      '',
      '公开层级',
      '',
    ])
    expect(rows[2]).toEqual([
      '',
      '一级事项',
      '二级事项',
      '三级事项',
      '',
      '',
      '',
      '',
      '',
      '全社会',
      '特定群体',
      '主动',
      '依申请',
      '县级',
      '乡级',
    ])
    // Row of teachers.titles: ■/□ channels with 其他 text, ticks, named group.
    const teachers = rows[5] as string[]
    expect(teachers[8]).toBe('■政府网站\n□其他：学校公示栏')
    expect(teachers.slice(9)).toEqual(['', '教师', '√', '√', '√', '√'])
    // A repeated 一级事项 is blank, as merged cells.
    expect(rows[4]?.[1]).toBe('')
  })
  it('writes Excel CSV with BOM and CRLF, plain CSV without', () => {
    const x = exportTable(c, 'xlsx-csv')
    expect(x.startsWith('\uFEFF')).toBe(true)
    // The same writer as dataset downloads: formula-like cells get a ' in front.
    const risky = exportTable(
      {
        ...c,
        entries: [{ ...(c.entries[0] as (typeof c.entries)[number]), responsibleBodies: ['=1+1'] }],
      },
      'xlsx-csv'
    )
    expect(risky).toContain(",'=1+1,")
    expect(x.split('\r\n').length).toBeGreaterThan(5)
    expect(exportTable(c, 'csv').includes('\r\n')).toBe(false)
  })
  it('quotes fields per RFC 4180', () => {
    const csv = exportTable(c, 'csv')
    expect(csv).toContain('"●校园安全应急预案, 含 ""quoted"" 文本 & <b>标记</b>"')
  })
  it('writes an escaped HTML table with rowspans and data attributes', () => {
    const html = exportTable(c, 'html')
    expect(html).toContain('<caption>义务教育领域基层政务公开标准目录</caption>')
    expect(html).toContain('<th colspan="3" scope="col">公开事项</th>')
    expect(html).toContain('<th rowspan="2" scope="col">序号</th>')
    expect(html).toContain('<td rowspan="2">招生管理</td>')
    expect(html).toContain('data-entry-id="teachers.titles"')
    expect(html).toContain('&lt;b&gt;标记&lt;/b&gt;')
    expect(html).not.toMatch(/<script|<b>/)
    const plain = exportTable(c, 'html', { machineColumns: false, document: true })
    expect(plain).not.toContain('data-gongkai')
    expect(plain).toMatch(/^<!doctype html>/)
  })
  it('puts 类别 first among the extras', () => {
    const rows = parseCsv(exportTable(committeeTemplate(), 'csv'))
    expect(rows[1]?.slice(0, 3)).toEqual(['序号', '类别', '公开事项'])
  })
})

describe('importTable round trip', () => {
  for (const make of [education, committeeTemplate])
    for (const format of ['html', 'csv', 'xlsx-csv'] as const)
      it(`${make().id} via ${format}`, () => {
        const c = make()
        const r = importTable(exportTable(c, format), {
          format: format === 'html' ? 'html' : 'csv',
        })
        expect(r.problems).toEqual([])
        expect(r.ok).toBe(true)
        expect(r.catalogue).toStrictEqual(c)
      })

  it('round-trips arbitrary entry text (property)', () => {
    const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '')
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            l1: text,
            l2: text,
            el: fc.array(text, { minLength: 1, maxLength: 3 }),
            body: text,
            tl: text,
          }),
          { minLength: 1, maxLength: 4 }
        ),
        (rows) => {
          const c: Catalogue = {
            ...education(),
            entries: rows.map((r, i) =>
              entry({
                id: `e${i}`,
                seq: i + 1,
                item: { level1: r.l1, level2: r.l2 },
                contentElements: r.el,
                responsibleBodies: [r.body],
                timeLimit: { type: 'qualitative', text: r.tl, kind: 'timely' },
              })
            ),
          }
          for (const format of ['html', 'csv', 'xlsx-csv'] as const) {
            const back = importTable(exportTable(c, format), {
              format: format === 'html' ? 'html' : 'csv',
            })
            expect(back.catalogue).toStrictEqual(c)
          }
        }
      ),
      { numRuns: 60 }
    )
  })

  it('keeps a leading quote of a plain CSV cell, and removes only the Excel one', () => {
    const c: Catalogue = {
      ...education(),
      entries: [entry({ id: 'q', seq: 1, responsibleBodies: ["'-", "'=x", '-5'] })],
    }
    for (const format of ['csv', 'xlsx-csv'] as const) {
      const back = importTable(exportTable(c, format), { format: 'csv' })
      expect(back.catalogue?.entries[0]?.responsibleBodies).toEqual(["'-", "'=x", '-5'])
    }
  })

  it('reads the printed layout without machine columns', () => {
    const c = education()
    const r = importTable(exportTable(c, 'csv', { machineColumns: false }), {
      field: 'compulsory_education',
      id: 'edu_test',
      version: '2019.1',
    })
    expect(r.ok).toBe(true)
    expect(r.catalogue.entries.map((e) => e.item)).toEqual(c.entries.map((e) => e.item))
    expect(r.catalogue.entries.map((e) => e.channels)).toEqual(c.entries.map((e) => e.channels))
    expect(r.catalogue.entries.map((e) => e.timeLimit)).toEqual(c.entries.map((e) => e.timeLimit))
    expect(r.catalogue.entries.map((e) => e.legalBasis)).toEqual(c.entries.map((e) => e.legalBasis))
    expect(r.catalogue.entries.map((e) => e.id)).toEqual(
      ['h0', 'h1', 'h2', 'h3'].map(() => expect.stringMatching(/^h[0-9a-z]+\.h[0-9a-z]+/))
    )
  })
})

// How a district publishes its catalogue: no machine columns, merged cells, a 三级事项,
// header variants, a channel label outside the vocabulary and a note row.
const district = `
<html><body><p>某县义务教育领域</p>
<table border="1">
  <caption>某县义务教育领域基层政务公开标准目录</caption>
  <tr><td rowspan="2">序号</td><td colspan="3">公开事项</td><td rowspan="2">公开内容（要素）及要求</td>
      <td rowspan="2">公开依据</td><td rowspan="2">公开时限</td><td rowspan="2">公开主体</td>
      <td rowspan="2">公开渠道和载体</td><td colspan="2">公开对象</td><td colspan="2">公开方式</td>
      <td colspan="2">公开层级</td></tr>
  <tr><td>一级事项</td><td>二级事项</td><td>三级事项</td><td>全社会</td><td>特定群众</td>
      <td>主动</td><td>依申请公开</td><td>县级</td><td>乡级</td></tr>
  <tr><td>1</td><td rowspan="2">招生管理</td><td>招生政策</td><td>义务教育招生</td>
      <td>●各校招生实施方案<br>●随迁子女入学办法</td>
      <td>【行政法规】《中华人民共和国政府信息公开条例》（国务院令第711号）</td>
      <td rowspan="2">信息形成或者变更之日起二十个工作日内</td><td rowspan="2">县教育局</td>
      <td>■政府网站 □两微一端 ■家长微信群</td><td>√</td><td></td><td>√</td><td></td><td>√</td><td></td></tr>
  <tr><td>2</td><td>招生范围</td><td>学区划分</td><td>招生范围、学区划分详细情况</td><td></td>
      <td>■政府网站<br>□其他（学校公告栏）</td><td>√</td><td></td><td>√</td><td></td><td>√</td><td>√</td></tr>
  <tr><td>3</td><td>教师管理</td><td>教师职称评审</td><td></td><td>评审结果</td><td></td>
      <td>信息形成(变更)3个工作日内，公示不少于7个工作日</td><td>县教育局、学校</td>
      <td>■社区/村公示栏（电子屏）</td><td></td><td>√（教师）</td><td>√</td><td>√</td><td></td><td>√</td></tr>
  <tr><td colspan="15">注：■为必选项，□为可选项。</td></tr>
</table></body></html>`

describe('importTable of a district table', () => {
  const r = importTable(district, { field: 'compulsory_education', id: 'county_edu' })
  it('reads every entry with merged cells expanded', () => {
    expect(r.ok).toBe(true)
    expect(r.catalogue.title).toBe('某县义务教育领域基层政务公开标准目录')
    expect(r.catalogue.extraColumns).toEqual(['level3', 'levels'])
    const [a, b, c] = r.catalogue.entries
    expect(r.catalogue.entries).toHaveLength(3)
    expect(a?.item).toEqual({ level1: '招生管理', level2: '招生政策', level3: '义务教育招生' })
    expect(b?.item.level1).toBe('招生管理')
    expect(b?.timeLimit).toEqual(a?.timeLimit)
    expect(a?.timeLimit).toMatchObject({
      type: 'after_event',
      trigger: 'formed_or_changed',
      amount: 20,
    })
    expect(a?.legalBasis).toEqual([
      {
        title: '《中华人民共和国政府信息公开条例》',
        docNo: '国务院令第711号',
        kind: 'administrative_regulation',
      },
    ])
    expect(a?.contentElements).toEqual(['各校招生实施方案', '随迁子女入学办法'])
    expect(b?.channels).toEqual([
      { code: 'gov_website', required: true },
      { code: 'other', required: false, text: '学校公告栏' },
    ])
    expect(b?.levels).toEqual([
      { code: 'county', label: '县级' },
      { code: 'township', label: '乡级' },
    ])
    expect(c?.audience).toEqual({ general: false, specificGroups: ['教师'] })
    expect(c?.modes).toEqual(['proactive', 'on_request'])
    expect(c?.responsibleBodies).toEqual(['县教育局', '学校'])
    expect(c?.channels).toEqual([{ code: 'bulletin_board', required: true }])
    expect(c?.timeLimit).toMatchObject({
      amount: 3,
      publicityPeriod: { amount: 7, unit: 'working_day' },
    })
    expect(new Set(r.catalogue.entries.map((e) => e.id)).size).toBe(3)
  })
  it('reports the cells it cannot map', () => {
    expect(r.problems).toContainEqual({
      row: 3,
      column: '公开渠道和载体',
      value: '■政府网站 □两微一端 ■家长微信群',
      message: expect.stringContaining('家长微信群'),
    })
    expect(r.catalogue.entries[0]?.channels).toContainEqual({
      code: 'other',
      required: true,
      text: '家长微信群',
    })
    expect(r.problems).toHaveLength(2)
    expect(r.problems.some((p) => p.row === 6 && /说明行/.test(p.message))).toBe(true)
  })
  it('gives ids that are stable between imports', () => {
    const again = importTable(district, { field: 'compulsory_education' })
    expect(again.catalogue.entries.map((e) => e.id)).toEqual(r.catalogue.entries.map((e) => e.id))
  })
  it('reports a missing table or header instead of throwing', () => {
    expect(importTable('<p>nothing</p>', { format: 'html' }).problems[0]?.message).toMatch(/table/)
    const noHeader = importTable('a,b\n1,2\n', { format: 'csv' })
    expect(noHeader.ok).toBe(false)
    expect(noHeader.problems[0]?.message).toMatch(/表头/)
  })
  it('reads markup as a browser does: script text, stray ends, entities in attributes', () => {
    const html =
      '<script>document.write("<table><tr><td>假</td></tr></table>")</script>' +
      '<table data-gongkai="{&quot;a&quot;:&quot;b&amp;c&quot;}"><tr DATA-ENTRY-ID="e1"><td>甲</p>乙<td>丙<style>td{}</style></table>'
    const tables = parseHtmlTables(html)
    expect(tables).toHaveLength(1)
    expect(tables[0]?.attributes['data-gongkai']).toBe('{"a":"b&c"}')
    expect(tables[0]?.rows).toEqual([
      { attributes: { 'data-entry-id': 'e1' }, cells: ['甲\n乙', '丙'] },
    ])
    expect(html.slice(tables[0]?.offset, tables[0]?.end)).toMatch(
      /^<table data-gongkai[\s\S]*<\/table>$/
    )
  })
  it('reports broken CSV quoting with its record and line', () => {
    const r = importTable('序号,公开事项,公开内容\n1,"未闭合,x\n', { format: 'csv' })
    expect(r.problems).toContainEqual({
      row: 2,
      column: '',
      value: '',
      message: 'CSV 第 2 行：a quoted field is not closed before the end of the file',
    })
  })
  it('expands rowspan and colspan into a grid', () => {
    const t = parseHtmlTable(
      '<table><tr><td rowspan="2">a</td><td colspan="2">b&amp;c</td></tr><tr><td>d</td><td>e<br/>f</td></tr></table>'
    )
    expect(t?.rows.map((r) => r.cells)).toEqual([
      ['a', 'b&c', 'b&c'],
      ['a', 'd', 'e\nf'],
    ])
  })
})

describe('importTable spans', () => {
  it('refuses a table whose rowspans do not add up, naming the row, column and cell', () => {
    const html = exportTable(education(), 'html')
    // One rowspan one too large: every later row would shift by one column.
    const broken = html.replace('<td rowspan="2">招生管理</td>', '<td rowspan="3">招生管理</td>')
    expect(broken).not.toBe(html)
    const r = importTable(broken, { format: 'html' })
    expect(r.ok).toBe(false)
    expect(r.refused).toBe(true)
    expect(r.catalogue.entries).toEqual([])
    const p = r.problems[0]
    expect(p?.row).toBe(5)
    expect(p?.column).toBe('公开事项')
    expect(p?.message).toContain('"招生管理" at row 3, column 2 (rowspan 3)')
  })

  it('refuses a colspan too wide', () => {
    const html = exportTable(education(), 'html').replace(
      '<td rowspan="2">招生管理</td>',
      '<td rowspan="2" colspan="2">招生管理</td>'
    )
    const r = importTable(html, { format: 'html' })
    expect(r.refused).toBe(true)
    expect(r.problems.map((p) => p.row)).toEqual([3])
    expect(r.problems[0]?.message).toContain('colspan 2')
  })
})
