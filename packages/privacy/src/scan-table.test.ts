import { describe, expect, it } from 'vitest'
import { scanTable, TableScanner } from './scan-table.js'

const rulesAt = (r: ReturnType<typeof scanTable>) =>
  r.findings.filter((f) => !f.allowed).map((f) => [f.pointer, f.rule])

describe('scanTable', () => {
  it('refuses a valid mobile in a school list, letting the schools and landlines through', () => {
    const r = scanTable({
      title: '长宁区中小学名录',
      columns: ['学校名称', '地址', '联系电话'],
      rows: [
        ['上海市愚园路第一小学', '愚园路1088号', '021-62521234'],
        ['上海市延安初级中学', '延安西路601号', '13812345678'],
      ],
    })
    expect(r.findings).toEqual([
      {
        pointer: '/rows/1/联系电话',
        rule: 'mobile',
        value: '138****5678',
        override: '/fields/2/privacy/allow',
        row: 3,
        column: '联系电话',
      },
    ])
    expect(r).toMatchObject({ count: 1, blocking: 1 })
  })

  it('raises personal column titles once, contact columns only in tables about people', () => {
    const people = scanTable({
      columns: ['姓名', '联系电话', '家庭住址'],
      rows: [
        ['张三', '62345678', '愚园路1088弄5号201室'],
        ['李四', '62345679', '仙霞路350弄7号602室'],
      ],
    })
    expect(rulesAt(people)).toEqual([
      ['/columns/姓名', 'name'],
      ['/columns/联系电话', 'mobile'],
      ['/columns/家庭住址', 'address'],
    ])
    const offices = scanTable({
      columns: ['单位', '联系电话', '地址'],
      rows: [['江苏路街道办事处', '62345678', '愚园路1088号']],
    })
    expect(offices.findings).toEqual([])
  })

  it('honours privacy.allow and masks, and reports allowed findings without refusing', () => {
    const r = scanTable({
      title: '最低生活保障审核公示',
      columns: [
        { name: '户主姓名', privacy: { allow: ['name'], reason: '社会救助暂行办法第六十一条' } },
        { name: '手机', mask: { type: 'mobile' } },
      ],
      rows: [['张三', '13812345678']],
    })
    expect(r.findings).toEqual([
      expect.objectContaining({ pointer: '/columns/户主姓名', rule: 'name', allowed: true }),
    ])
    expect(r.blocking).toBe(0)
  })

  it('finds an ID split over two adjacent columns, and columns of names under a vague title', () => {
    const split = scanTable({
      columns: ['编号', '证件', ''],
      rows: [['1', '310105', '198506150011']],
    })
    expect(rulesAt(split)).toEqual([
      ['/rows/0/证件', 'id_number'],
      ['/rows/0/', 'id_number'],
    ])
    const names = scanTable({
      columns: ['救助对象', '金额'],
      rows: [
        ['张秀兰', '2000'],
        ['李国强', '1500'],
      ],
    })
    expect(rulesAt(names)).toEqual([['/columns/救助对象', 'name']])
    const kinds = scanTable({
      columns: ['服务对象', '金额'],
      rows: [
        ['老年人', '2000'],
        ['残疾人', '1500'],
      ],
    })
    expect(kinds.findings).toEqual([])
  })

  it('never reads amounts as phone numbers, and scans the title and description', () => {
    const r = scanTable({
      title: '项目预算',
      description: '联系人张三，手机13812345678',
      columns: [{ name: '预算金额（元）', type: 'number' }],
      rows: [[13812345678], [15900000000]],
    })
    expect(rulesAt(r)).toEqual([['/description', 'mobile']])
  })

  it('numbers rows from firstRow, or as given when rows are skipped', () => {
    const s = new TableScanner({ fields: [{ name: '备注' }] })
    s.scanRow(['无'])
    s.scanRow(['电话13812345678'], 5)
    expect(s.report().findings.map((f) => [f.row, f.pointer])).toEqual([[5, '/rows/3/备注']])
  })
})

describe('scanTable: organisation codes under personal titles', () => {
  it('lets a credit code through a 证件号码 column, refuses an ID there', () => {
    const r = scanTable({
      columns: ['当事人', '证件类型', '证件号码'],
      rows: [
        ['上海某某物流有限公司', '统一社会信用代码', '91310105MA1FL12346'],
        ['王某', '居民身份证', '310105198506150011'],
      ],
    })
    expect(rulesAt(r)).toEqual([['/rows/1/证件号码', 'id_number']])
  })
})
