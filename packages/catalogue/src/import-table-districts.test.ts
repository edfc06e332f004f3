// District catalogue tables as they are published (not produced by exportTable): each fixture is
// one of the layouts domain.md §1.2–§1.4 records, with the markup habits of real portal pages.
import { describe, expect, it } from 'vitest'
import { importTable } from './import-table.js'

const entryAt = (r: ReturnType<typeof importTable>, i: number) => {
  const e = r.catalogue.entries[i]
  if (!e) throw new Error(`no entry ${i}`)
  return e
}

// 1. A 街道 page: a navigation table first, the title in a <p> above, no <thead>, nested <p>/<span>,
// &nbsp;, rowspan on 一级事项 / 公开依据 / 公开主体, ■□ and √ channels, 特定群众, ticks √ ✓ ● 是.
const streetPage = `<!doctype html><html><head><title>政务公开</title></head><body>
<table class="nav"><tr><td><a href="/">首页</a></td><td>政务公开</td></tr></table>
<p style="text-align:center"><strong>某某街道社会救助领域基层政务公开标准目录</strong></p>
<table border="1" cellspacing="0">
<tr><td rowspan="2">序号</td><td colspan="2">公开事项</td><td rowspan="2">公开内容（要素）及要求</td>
<td rowspan="2">公开依据</td><td rowspan="2">公开时限</td><td rowspan="2">公开主体</td>
<td rowspan="2">公开渠道和载体</td><td colspan="2">公开对象</td><td colspan="2">公开方式</td></tr>
<tr><td>一级事项</td><td>二级事项</td><td>全社会</td><td>特定群众</td><td>主动</td><td>依申请</td></tr>
<tr><td><p><span>1</span></p></td><td rowspan="3"><p><span style="font-family:宋体">最低生活保障</span></p></td>
<td>办理条件</td><td><p>●申请条件</p><p>●审核程序</p></td>
<td rowspan="3">《社会救助暂行办法》（国务院令第649号）<br/>《最低生活保障审核确认办法》（民发〔2021〕57号）</td>
<td>自信息形成之日起二十个工作日内</td><td rowspan="3">区民政局、&nbsp;街道办事处</td>
<td>■政府网站 □政府公报 ■两微一端<br>□其他____</td><td>√</td><td>&nbsp;</td><td>✓</td><td></td></tr>
<tr><td>2</td><td>审核确认结果</td><td>●姓名<br>●保障金额</td><td>公示期不少于7个工作日</td>
<td>√政府网站<br>■纸质载体<br>■行政服务中心<br>■村居/企事业单位公示栏（电子屏）<br>□其他：社区微信群</td>
<td></td><td>申请人所在社区居民</td><td>●</td><td>是</td></tr>
<tr><td>3</td><td>保障标准</td><td>●城乡低保标准</td><td>每季度</td><td>■政府网站　■便民服务站</td>
<td>√</td><td></td><td>√</td><td></td></tr>
</table>
<table><tr><td>主办：某某街道办事处</td></tr></table></body></html>`

describe('district tables: a 街道 page with two tables and merged cells', () => {
  const r = importTable(streetPage, { field: 'social_assistance' })
  it('picks the table with the header and reads its title from the heading above', () => {
    expect(r.ok).toBe(true)
    expect(r.problems).toEqual([])
    expect(r.catalogue.title).toBe('某某街道社会救助领域基层政务公开标准目录')
    expect(r.catalogue.entries.map((e) => e.item)).toEqual([
      { level1: '最低生活保障', level2: '办理条件' },
      { level1: '最低生活保障', level2: '审核确认结果' },
      { level1: '最低生活保障', level2: '保障标准' },
    ])
  })
  it('reads ticks, channels, merged basis and bodies, and named groups', () => {
    const [a, b, c] = [entryAt(r, 0), entryAt(r, 1), entryAt(r, 2)]
    expect(a.contentElements).toEqual(['申请条件', '审核程序'])
    expect(a.legalBasis).toEqual([
      { title: '《社会救助暂行办法》', docNo: '国务院令第649号' },
      { title: '《最低生活保障审核确认办法》', docNo: '民发〔2021〕57号' },
    ])
    expect(c.legalBasis).toEqual(a.legalBasis)
    expect(b.responsibleBodies).toEqual(['区民政局', '街道办事处'])
    expect(a.channels).toEqual([
      { code: 'gov_website', required: true },
      { code: 'gov_gazette', required: false },
      { code: 'two_micro_one_app', required: true },
      { code: 'other', required: false },
    ])
    expect(b.channels).toEqual([
      { code: 'gov_website', required: true },
      { code: 'print_media', required: true },
      { code: 'service_center', required: true },
      { code: 'bulletin_board', required: true },
      { code: 'other', required: false, text: '社区微信群' },
    ])
    expect(c.channels.map((x) => x.code)).toEqual(['gov_website', 'convenience_station'])
    expect(a.audience).toEqual({ general: true, specificGroups: [] })
    expect(b.audience).toEqual({ general: false, specificGroups: ['申请人所在社区居民'] })
    expect(a.modes).toEqual(['proactive'])
    expect(b.modes).toEqual(['proactive', 'on_request'])
    expect(a.levels).toBeUndefined()
  })
  it('structures the time limits (§8.3)', () => {
    expect(entryAt(r, 0).timeLimit).toEqual({
      type: 'after_event',
      text: '自信息形成之日起二十个工作日内',
      trigger: 'formed',
      amount: 20,
      unit: 'working_day',
    })
    expect(entryAt(r, 1).timeLimit).toMatchObject({
      publicityPeriod: { amount: 7, unit: 'working_day' },
    })
    expect(entryAt(r, 2).timeLimit).toEqual({
      type: 'recurring',
      text: '每季度',
      recurrence: 'quarterly',
    })
  })
})

// 2. A 黄石-style CSV: BOM, title row, one-row header with single 公开对象 / 公开方式 columns,
// extras 公开时长 / 公开范围 / 咨询电话, merged 一级事项 / 公开依据 / 公开主体 arriving blank.
const huangshiCsv = `\uFEFF黄石市住房保障领域基层政务公开标准目录,,,,,,,,,,,,
序号,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开时长,公开范围,咨询电话
1,公租房保障,申请条件,"●申请条件
●申请材料",《公共租赁住房管理办法》（住房和城乡建设部令第11号）第二十条,自信息形成之日起20个工作日内公开,市住房保障中心,"■政府网站
■两微一端
□公开查阅点",全社会,主动,长期公开,全市,0714-6221234
2,,分配结果,●分配名单,,公示期不少于7个工作日,,■政府网站 ■社区/企事业单位/村公示栏（电子屏）,特定群体（申请人）,主动、依申请,任期内,申请人所在社区,0714-6221234
3,,年度计划,●年度计划,,每年1月31日前,,"■政府网站　□其他____",全社会,依申请公开,最新有效,全市,
`

describe('district tables: a CSV with single-column audience and modes and extras', () => {
  const r = importTable(huangshiCsv, { field: 'housing_security' as never, id: 'hs_housing' })
  it('reads every row; blank merged cells take the value above', () => {
    expect(r.catalogue.title).toBe('黄石市住房保障领域基层政务公开标准目录')
    expect(r.catalogue.extraColumns).toEqual(['duration', 'scope', 'contactPhone'])
    expect(r.catalogue.entries).toHaveLength(3)
    const [a, b, c] = [entryAt(r, 0), entryAt(r, 1), entryAt(r, 2)]
    expect(b.item.level1).toBe('公租房保障')
    expect(c.legalBasis).toEqual([
      {
        title: '《公共租赁住房管理办法》',
        docNo: '住房和城乡建设部令第11号',
        article: '第二十条',
      },
    ])
    expect(b.responsibleBodies).toEqual(['市住房保障中心'])
    expect(a.timeLimit).toMatchObject({ trigger: 'formed', amount: 20, unit: 'working_day' })
    expect(c.timeLimit).toEqual({ type: 'fixed_date', text: '每年1月31日前', month: 1, day: 31 })
    expect(b.audience).toEqual({ general: false, specificGroups: ['申请人'] })
    expect(b.modes).toEqual(['proactive', 'on_request'])
    expect(c.modes).toEqual(['on_request'])
    expect([a.duration, b.duration, c.duration]).toEqual([
      { code: 'long_term' },
      { code: 'term' },
      { code: 'latest' },
    ])
    expect(b.scope).toBe('申请人所在社区')
    expect(a.contactPhone).toBe('0714-6221234')
    expect(c.contactPhone).toBeUndefined()
    expect(c.channels).toEqual([
      { code: 'gov_website', required: true },
      { code: 'other', required: false },
    ])
  })
  it('reports only what the schema rejects (an unknown field code), with its pointer', () => {
    expect(r.problems).toEqual([
      {
        row: 0,
        column: '/field',
        value: expect.stringContaining('housing_security'),
        message: expect.any(String),
      },
    ])
    const ok = importTable(huangshiCsv, { field: 'social_assistance' })
    expect(ok.problems).toEqual([])
    expect(ok.ok).toBe(true)
  })
})

// 3. A 石城/锡林浩特-style table: <th> header without <thead>, a leading 类别 column, numeric item
// codes, 三级事项, 公开层级 区级 / 镇（街）级, ● ticks, 五公开 boxes, inline ● elements.
const ecologyTable = `<table><tbody>
<tr><th rowspan="2">类别</th><th rowspan="2">事项编码</th><th colspan="3">公开事项</th><th rowspan="2">公开内容</th>
<th rowspan="2">公开依据</th><th rowspan="2">公开时限</th><th rowspan="2">公开主体</th><th rowspan="2">公开渠道和载体</th>
<th colspan="2">公开对象</th><th colspan="2">公开方式</th><th colspan="2">公开层级</th><th rowspan="2">五公开</th></tr>
<tr><th>一级事项</th><th>二级事项</th><th>三级事项</th><th>全社会</th><th>特定群体</th><th>主动</th><th>依申请</th>
<th>区级</th><th>镇（街）级</th></tr>
<tr><td rowspan="2">生态环境</td><td>0505</td><td rowspan="2">环境影响评价</td><td rowspan="2">建设项目环评审批</td>
<td>受理情况</td><td>●项目名称　●建设地点</td>
<td>【部门规章及规范性文件】《环境影响评价公众参与办法》（生态环境部令第4号）</td><td>受理后5个工作日内</td>
<td>市生态环境局<p>区分局</p></td><td><p>●政府网站</p><p>○两微一端</p></td><td>●</td><td></td><td>●</td><td></td>
<td>●</td><td>&nbsp;</td><td>□决策 ■执行 □管理 □服务 ■结果</td></tr>
<tr><td>0507</td><td>审批结果</td><td>●批复文件</td><td>【法律】《中华人民共和国环境影响评价法》</td>
<td>作出审批决定之日起七个工作日内</td><td>市生态环境局</td><td>■政府网站<br/>■纸质载体</td><td>✓</td><td></td>
<td>✓</td><td></td><td>✓</td><td>✓</td><td>■执行■结果</td></tr>
</tbody></table>`

describe('district tables: 类别, codes, 三级事项, 层级 and 五公开', () => {
  const r = importTable(ecologyTable, { field: 'ecology_environment', id: 'eco' })
  it('reads the extras and the hierarchy', () => {
    expect(r.problems).toEqual([])
    expect(r.catalogue.extraColumns).toEqual([
      'category',
      'code',
      'level3',
      'levels',
      'fiveOpenness',
    ])
    const [a, b] = [entryAt(r, 0), entryAt(r, 1)]
    expect([a.code, b.code]).toEqual(['0505', '0507'])
    expect(b.category).toBe('生态环境')
    expect(b.item).toEqual({
      level1: '环境影响评价',
      level2: '建设项目环评审批',
      level3: '审批结果',
    })
    expect(a.contentElements).toEqual(['项目名称', '建设地点'])
    expect(a.responsibleBodies).toEqual(['市生态环境局', '区分局'])
    expect(a.channels).toEqual([
      { code: 'gov_website', required: true },
      { code: 'two_micro_one_app', required: false },
    ])
    expect(a.levels).toEqual([{ code: 'county', label: '区级' }])
    expect(b.levels).toEqual([
      { code: 'county', label: '区级' },
      { code: 'township', label: '镇（街）级' },
    ])
    expect(a.fiveOpenness).toEqual(['execution', 'result'])
    expect(b.fiveOpenness).toEqual(['execution', 'result'])
    expect(a.legalBasis[0]?.kind).toBe('departmental_rule')
    expect(b.timeLimit).toMatchObject({ trigger: 'decision_made', amount: 7 })
  })
})

// 4. A 青浦-style Shanghai table (§1.4): <thead>, no 公开层级, 特定对象, channels written without
// marks on separate lines or with spaces, a qualified channel, and an unknown channel and column.
const shanghaiTable = `<table class="MsoNormalTable">
<thead><tr><th rowspan="2">序号</th><th colspan="2">公开事项</th><th rowspan="2">公开内容（要素）</th>
<th rowspan="2">公开依据</th><th rowspan="2">公开时限</th><th rowspan="2">公开主体</th><th rowspan="2">公开渠道和载体</th>
<th colspan="2">公开对象</th><th colspan="2">公开方式</th><th rowspan="2">备注栏</th></tr>
<tr><th>一级事项</th><th>二级事项</th><th>全社会</th><th>特定对象</th><th>主动</th><th>依申请</th></tr></thead>
<tbody>
<tr><td>1</td><td>学校信息</td><td>学校概况</td><td>●办学规模<br>●联系方式</td>
<td>《上海市政府信息公开规定》（沪府令第9号）</td><td>实时</td><td>区教育局</td>
<td>政府网站<br>两微一端<br>村居/企事业单位公示栏（电子屏）</td><td>√</td><td></td><td>√</td><td></td><td>—</td></tr>
<tr><td>2</td><td>学校信息</td><td>收费标准</td><td>●收费项目</td><td>《上海市政府信息公开规定》</td>
<td>长期</td><td>区教育局</td><td>政府网站 两微一端 ■家校通</td><td>√</td><td></td><td>√</td><td></td><td></td></tr>
<tr><td>3</td><td>学校信息</td><td>招生计划</td><td>●招生计划</td><td>《上海市政府信息公开规定》</td>
<td>每年4月30日前</td><td>区教育局</td><td>■政府网站（青浦区人民政府网）</td><td>√</td><td></td><td>√</td><td></td><td></td></tr>
</tbody></table>`

describe('district tables: a Shanghai table with <thead> and no 公开层级', () => {
  const r = importTable(shanghaiTable, { field: 'compulsory_education', title: '青浦区教育目录' })
  it('reads channels written without marks', () => {
    expect(r.catalogue.entries).toHaveLength(3)
    const [a, , c] = [entryAt(r, 0), entryAt(r, 1), entryAt(r, 2)]
    expect(a.channels.map((x) => x.code)).toEqual([
      'gov_website',
      'two_micro_one_app',
      'bulletin_board',
    ])
    expect(c.channels).toEqual([{ code: 'gov_website', required: true, text: '青浦区人民政府网' }])
    expect(a.timeLimit).toMatchObject({ type: 'qualitative', kind: 'realtime' })
    expect(entryAt(r, 1).timeLimit).toMatchObject({ type: 'qualitative', kind: 'long_term' })
    expect(c.timeLimit).toMatchObject({ type: 'fixed_date', month: 4, day: 30 })
    expect(r.catalogue.extraColumns).toBeUndefined()
  })
  it('reports the unknown column and the unknown channel with row and column', () => {
    expect(r.problems).toContainEqual({
      row: 1,
      column: '备注栏',
      value: '备注栏',
      message: expect.stringContaining('无法识别的列'),
    })
    // "政府网站 两微一端 ■家校通": unmarked labels before the marks count as required.
    expect(entryAt(r, 1).channels).toEqual([
      { code: 'gov_website', required: true },
      { code: 'two_micro_one_app', required: true },
      { code: 'other', required: true, text: '家校通' },
    ])
    const unknown = r.problems.filter((p) => p.column === '公开渠道和载体')
    expect(unknown.map((p) => p.row)).toEqual([4])
    expect(unknown[0]?.message).toContain('家校通')
  })
})

// 5. A 居务 CSV with a leading 类别 column, single 公开层级 column ("社区、街道"), 公开时长, and
// broken cells: a non-numeric 序号, an unknown 层级, a row with no 一级事项 at all.
const committeeCsv = `类别,序号,公开事项,公开内容（要素）及要求,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级,公开时长
居务公开,1,工作经费使用,"1.经费收入
2.经费支出",《上海市居民委员会工作条例》第十七条,每季度公开一次,居委会,"■居务公开栏
■""社区云""小程序",全社会,主动,"社区、街道",长期公开
,一,为老服务,●服务项目,《上海市居民委员会工作条例》,实时,居委会,■居务公开栏,全社会,主动,楼组,
,3,社会救助,●救助对象,《上海市社会救助条例》第三十三条,公示期不少于7个工作日,居委会,■居务公开栏,特定群体（辖区居民）,主动,社区,
`

describe('district tables: a 居务 CSV with broken cells', () => {
  const r = importTable(committeeCsv, { kind: 'template' as never, title: '居务公开目录' })
  it('keeps going and reports each bad cell with its row and column', () => {
    expect(r.catalogue.entries).toHaveLength(3)
    expect(r.problems).toContainEqual({
      row: 3,
      column: '序号',
      value: '一',
      message: expect.stringContaining('序号'),
    })
    expect(r.problems).toContainEqual({
      row: 3,
      column: '公开层级',
      value: '楼组',
      message: expect.stringContaining('楼组'),
    })
    const [a, b, c] = [entryAt(r, 0), entryAt(r, 1), entryAt(r, 2)]
    expect(a.category).toBe('居务公开')
    expect(b.category).toBeUndefined()
    expect(a.contentElements).toEqual(['经费收入', '经费支出'])
    expect(a.levels).toEqual([
      { code: 'village', label: '社区' },
      { code: 'township', label: '街道' },
    ])
    expect(a.channels.map((x) => x.code)).toEqual(['rc_notice_board', 'shequyun'])
    expect(a.timeLimit).toMatchObject({ type: 'recurring', recurrence: 'quarterly' })
    expect(b.seq).toBe(2)
    expect(c.audience).toEqual({ general: false, specificGroups: ['辖区居民'] })
    expect(c.timeLimit).toMatchObject({ publicityPeriod: { amount: 7, unit: 'working_day' } })
  })
})

// 6. Hostile input: no header anywhere, a header but ragged rows, stray markup. Never throws.
describe('district tables: malformed input', () => {
  it('reports instead of throwing', () => {
    const inputs = [
      '<table><tr><td>首页</td></tr></table><table><tr><td>a</td></tr></table>',
      '<table><tr><th>序号</th><th>公开事项</th><th>公开内容</th><tr><td>1',
      '序号,公开事项,公开内容\n1,"unterminated\n',
      '<table><tr><td rowspan="99999">x</td></tr></table>',
      '',
    ]
    for (const text of inputs) {
      const r = importTable(text)
      expect(r.ok).toBe(false)
      expect(r.problems.length).toBeGreaterThan(0)
      for (const p of r.problems) expect(typeof p.row).toBe('number')
    }
  })
  it('names the row of an entry the schema rejects', () => {
    const csv =
      '序号,一级事项,二级事项,公开内容,公开时限,公开主体,公开渠道和载体\n1,甲,乙,,每月,,■政府网站\n'
    const r = importTable(csv, { field: 'social_assistance' })
    expect(r.ok).toBe(false)
    const rows = r.problems.filter((p) => p.column.startsWith('/entries/0/'))
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((p) => p.row === 2)).toBe(true)
  })
})
