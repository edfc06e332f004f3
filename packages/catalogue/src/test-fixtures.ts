// Small hand-written catalogues shared by the tests (not exported from the package).
import type { Catalogue, CatalogueEntry, EntrySource } from '@gongkai/schema'

const source: EntrySource = {
  title: '教育部 义务教育领域基层政务公开标准指引',
  status: 'N',
  copies: [
    { url: 'https://www.tonghai.gov.cn/a.html', title: '通海县 义务教育领域基层政务公开标准目录' },
    { url: 'http://www.fsxf.gov.cn/b.html', title: '抚松县 义务教育领域基层政务公开标准目录' },
  ],
}

/** One entry with every printed field filled. */
export function entry(over: Partial<CatalogueEntry> & { id: string; seq: number }): CatalogueEntry {
  return {
    item: { level1: '招生管理', level2: '招生范围' },
    contentElements: ['招生范围', '学区划分详细情况'],
    legalBasis: [
      {
        title: '《中华人民共和国政府信息公开条例》',
        docNo: '国务院令第711号',
        kind: 'administrative_regulation',
      },
    ],
    timeLimit: {
      type: 'after_event',
      text: '信息形成或者变更之日起20个工作日内',
      trigger: 'formed_or_changed',
      amount: 20,
      unit: 'working_day',
    },
    responsibleBodies: ['县级教育行政部门'],
    channels: [
      { code: 'gov_website', required: true },
      { code: 'two_micro_one_app', required: false },
    ],
    audience: { general: true, specificGroups: [] },
    modes: ['proactive'],
    levels: [{ code: 'county', label: '县级' }],
    source,
    ...over,
  }
}

/** A standard catalogue of four entries. */
export function education(): Catalogue {
  return {
    id: 'edu_test',
    title: '义务教育领域基层政务公开标准目录',
    kind: 'standard',
    field: 'compulsory_education',
    version: '2019.1',
    entries: [
      entry({
        id: 'admission.policy',
        seq: 1,
        item: { level1: '招生管理', level2: '招生政策' },
        contentElements: ['各校招生实施方案', '随迁子女入学办法'],
      }),
      entry({ id: 'admission.scope', seq: 2 }),
      entry({
        id: 'teachers.titles',
        seq: 3,
        item: { level1: '教师管理', level2: '教师职称评审' },
        contentElements: ['评审政策', '评审结果'],
        timeLimit: {
          type: 'after_event',
          text: '信息形成(变更)3个工作日内；公示不少于7个工作日',
          trigger: 'formed_or_changed',
          amount: 3,
          unit: 'working_day',
          publicityPeriod: { amount: 7, unit: 'working_day' },
        },
        audience: { general: false, specificGroups: ['教师'] },
        modes: ['proactive', 'on_request'],
        channels: [
          { code: 'gov_website', required: true },
          { code: 'other', required: false, text: '学校公示栏' },
        ],
        levels: [
          { code: 'county', label: '县级' },
          { code: 'township', label: '乡级' },
        ],
      }),
      entry({
        id: 'safety.plan',
        seq: 4,
        item: { level1: '校园安全', level2: '安全管理', level3: '应急预案' },
        contentElements: ['校园安全应急预案, 含 "quoted" 文本 & <b>标记</b>'],
        legalBasis: [],
        timeLimit: {
          type: 'qualitative',
          text: '长期公开，发生变更及时更新',
          kind: 'long_term',
          onChange: true,
        },
        responsibleBodies: ['县级教育行政部门', '各中小学校'],
      }),
    ],
  }
}

/** A residents'-committee template with placeholders and a record schema. */
export function committeeTemplate(): Catalogue {
  const c = committee()
  for (const e of c.entries) delete e.levels
  return c
}

function committee(): Catalogue {
  return {
    id: 'rc_test',
    title: '{居委会名称}居务公开目录',
    kind: 'residents_committee',
    template: true,
    placeholders: ['{居委会名称}', '{街道名称}'],
    organisation: '{街道名称}{居委会名称}',
    version: '2020.1',
    extraColumns: ['category'],
    entries: [
      entry({
        id: 'finance.working_funds',
        seq: 1,
        category: '财务信息',
        item: { level1: '财务信息', level2: '居委会工作经费使用情况' },
        contentElements: ['收入', '支出'],
        legalBasis: [],
        timeLimit: { type: 'recurring', text: '每季度公布一次', recurrence: 'quarterly' },
        responsibleBodies: ['{居委会名称}'],
        channels: [{ code: 'rc_notice_board', required: true }],
        recordSchema: {
          type: 'object',
          title: '{居委会名称}工作经费季度公开表',
          properties: { year: { type: 'string', pattern: '^\\d{4}$' } },
        },
      }),
    ],
  }
}
