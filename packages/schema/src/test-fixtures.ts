// Shared valid documents for the tests (not part of the package API).
import type { Catalogue, CatalogueEntry, ContentItem, Dataset } from './generated/types.js'

/** A valid catalogue entry (义务教育, 招生政策). */
export function entry(overrides: Partial<CatalogueEntry> = {}): CatalogueEntry {
  return {
    id: 'enrolment-policy',
    seq: 1,
    item: { level1: '招生入学', level2: '招生政策' },
    contentElements: ['招生范围', '招生条件', '招生计划'],
    legalBasis: [{ title: '《中华人民共和国义务教育法》', kind: 'law' }],
    timeLimit: {
      type: 'after_event',
      text: '信息形成或者变更之日起20个工作日内',
      trigger: 'formed_or_changed',
      amount: 20,
      unit: 'working_day',
    },
    responsibleBodies: ['区教育局'],
    channels: [
      { code: 'gov_website', required: true },
      { code: 'bulletin_board', required: false },
    ],
    audience: { general: true, specificGroups: [] },
    modes: ['proactive'],
    levels: [{ code: 'county', label: '县级' }],
    source: { title: '义务教育领域基层政务公开标准指引', status: 'N', copies: [] },
    ...overrides,
  }
}

/** A valid standard catalogue with two entries. */
export function catalogue(overrides: Partial<Catalogue> = {}): Catalogue {
  return {
    id: 'compulsory-education',
    title: '义务教育领域基层政务公开标准目录',
    kind: 'standard',
    field: 'compulsory_education',
    version: '2021.1',
    effectiveFrom: '2021-04-14',
    entries: [entry(), entry({ id: 'enrolment-result', seq: 2 })],
    ...overrides,
  }
}

/** A valid content item. */
export function contentItem(overrides: Partial<ContentItem> = {}): ContentItem {
  return {
    url: 'https://www.shcn.gov.cn/col/col1234/art/2021/04/16/abc.html',
    title: '2021年长宁区政务公开工作要点',
    docNo: '长府办〔2021〕5号',
    attribute: { code: 'proactive' },
    formedAt: '2021-04-14',
    publishedAt: '2021-04-16',
    ...overrides,
  }
}

/** A valid dataset descriptor. */
export function dataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: 'rc-funds-2021',
    title: '居委会工作经费',
    description: '各居委会季度工作经费收支',
    publisher: { id: 'changning', name: '长宁区人民政府' },
    license: 'https://creativecommons.org/licenses/by/4.0/',
    openness: 'unconditional',
    temporal: { start: '2021-01-01', end: '2021-12-31' },
    contact: { name: '区政务公开办', email: 'gk@example.gov.cn' },
    tableSchema: { fields: [{ name: 'amount', type: 'number' }] },
    ...overrides,
  }
}
