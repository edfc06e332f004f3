import { describe, expect, it } from 'vitest'
import { schemaOrgDataset, searchDescription } from './schema-org.js'
import { sampleCatalog } from './test-support.js'

const cp = (s: string) => [...s].length

describe('searchDescription', () => {
  it('extends a short description with facts until it reaches 50 characters', () => {
    const out = searchDescription('简短说明', [
      '本数据集由长宁区人民政府发布。',
      '共 12 行数据。',
      '第三条事实，足够长了吧，再长一点点就可以了。',
      '不会用到。',
    ])
    expect(out.startsWith('简短说明。本数据集由长宁区人民政府发布。')).toBe(true)
    expect(cp(out)).toBeGreaterThanOrEqual(50)
    expect(out).not.toContain('不会用到')
  })

  it('leaves descriptions in range alone', () => {
    const d = '这是一个足够长的描述。'.repeat(6)
    expect(searchDescription(d, ['不要'])).toBe(d)
  })

  it('cuts a long description at a sentence end within 5000 characters', () => {
    const long = '句子内容十个字左右。'.repeat(600)
    const out = searchDescription(long, [])
    expect(cp(out)).toBeLessThanOrEqual(5000)
    expect(out.endsWith('。')).toBe(true)
    expect(long.startsWith(out)).toBe(true)
    const noStops = '字'.repeat(6000)
    const cut = searchDescription(noStops, [])
    expect(cp(cut)).toBe(5000)
    expect(cut.endsWith('…')).toBe(true)
  })

  it('counts emoji as one character each', () => {
    // 49 emoji are 98 UTF-16 units but 49 characters, so a fact must still be added.
    const out = searchDescription('😀'.repeat(49), ['A'])
    expect(out).toBe(`${'😀'.repeat(49)}。A`)
  })
})

describe('schemaOrgDataset', () => {
  it('builds a Dataset with creator, license and DataDownload distributions', () => {
    const doc = schemaOrgDataset(sampleCatalog(), 'school-enrolment') as Record<string, unknown>
    expect(doc['@context']).toEqual({ '@vocab': 'http://schema.org/' })
    expect(doc['@type']).toBe('Dataset')
    expect(doc.name).toBe('长宁区义务教育阶段学校招生范围')
    expect(doc.license).toBe('https://creativecommons.org/licenses/by/4.0/')
    expect(doc.creator).toMatchObject({ '@type': 'Organization', name: '长宁区教育局' })
    expect(doc.temporalCoverage).toBe('2024-01-01/2024-12-31')
    expect(doc.spatialCoverage).toEqual({ '@type': 'Place', name: '长宁区' })
    expect(doc.version).toBe('2')
    const dist = doc.distribution as Record<string, unknown>[]
    expect(dist.map((d) => d.contentUrl)).toEqual([
      'https://data.example.gov.cn/datasets/school-enrolment/versions/2/data.csv',
      'https://data.example.gov.cn/datasets/school-enrolment/versions/2/data.json',
      'https://data.example.gov.cn/datasets/school-enrolment/versions/2/data.ndjson',
    ])
    expect(dist[0]).toMatchObject({ '@type': 'DataDownload', encodingFormat: 'text/csv' })
  })

  it('gives a minimal dataset a 50+ character description built from facts', () => {
    const doc = schemaOrgDataset(sampleCatalog(), 'bus-stops') as Record<string, unknown>
    const description = doc.description as string
    expect(description.startsWith('简短说明')).toBe(true)
    expect(cp(description)).toBeGreaterThanOrEqual(50)
    expect(description).toContain('长宁区人民政府')
    expect(schemaOrgDataset(sampleCatalog(), 'bus-stops')).toEqual(doc)
  })
})
