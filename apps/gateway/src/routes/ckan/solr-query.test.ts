import { describe, expect, it } from 'vitest'
import { CkanError } from './ckan-error.js'
import { checkQuery, matches, searchDoc, solrDate } from './search-index.js'
import { parseSolr } from './solr-query.js'

const NOW = new Date('2024-06-15T12:00:00Z')
const doc = searchDoc({
  id: 'schools',
  title: '学校名录',
  openness: 'unconditional',
  currentVersion: 1,
  versionCount: 1,
  updatedAt: '2023-03-01T08:00:00.000Z',
  schema: { fields: [] },
  descriptor: {
    id: 'schools',
    title: '学校名录',
    description: '中小学 names',
    publisher: { id: 'demo-district', name: '示例区' },
    license: 'cc-by',
    openness: 'unconditional',
    keywords: ['教育', 'school zone'],
    field: 'compulsory_education',
  },
})
const hit = (q: string) => {
  const n = parseSolr(q, 'fq')
  checkQuery(n, 'fq', NOW)
  return matches(doc, n, NOW)
}
const refused = (q: string) => {
  try {
    const n = parseSolr(q, 'fq')
    checkQuery(n, 'fq', NOW)
  } catch (e) {
    expect(e).toBeInstanceOf(CkanError)
    return (e as CkanError).fields
  }
  throw new Error(`accepted: ${q}`)
}

describe('Solr q/fq subset', () => {
  it('matches fields, negation, quotes, groups and boolean operators', () => {
    expect(hit('organization:demo-district')).toBe(true)
    expect(hit('-organization:demo-district')).toBe(false)
    expect(hit('NOT organization:other')).toBe(true)
    expect(hit('tags:"school zone"')).toBe(true)
    expect(hit('tags:school')).toBe(false)
    expect(hit('tags:(交通 OR 教育)')).toBe(true)
    expect(hit('organization:x OR organization:demo-district')).toBe(true)
    expect(hit('organization:demo-district AND -tags:教育')).toBe(false)
    expect(hit('+groups:compulsory_education name:school*')).toBe(true)
    expect(hit('(name:a || name:schools) && res_format:CSV')).toBe(true)
    expect(hit('*:*')).toBe(true)
    expect(hit('学校')).toBe(true)
    expect(hit('title:名录 notes:NAMES')).toBe(true)
  })

  it('compares date and number ranges with open ends, inclusive or not', () => {
    expect(hit('metadata_modified:[2021-01-01T00:00:00Z TO *]')).toBe(true)
    expect(hit('metadata_modified:[* TO 2023-03-01T08:00:00Z]')).toBe(true)
    expect(hit('metadata_modified:[* TO 2023-03-01T08:00:00Z}')).toBe(false)
    expect(hit('metadata_modified:{2023-03-01T08:00:00Z TO *]')).toBe(false)
    expect(hit('metadata_modified:[NOW-2YEARS TO NOW]')).toBe(true)
    expect(hit('metadata_modified:[NOW-1DAY TO *]')).toBe(false)
    expect(hit('metadata_modified:[2023-03-01 TO 2023-03-02]')).toBe(true)
    expect(hit('num_tags:[2 TO 2]')).toBe(true)
    expect(solrDate('NOW/DAY', NOW)).toBe(Date.parse('2024-06-15T00:00:00Z'))
  })

  it('refuses what it cannot read, naming the parameter', () => {
    expect(refused('colour:red')).toHaveProperty('fq')
    expect(refused('metadata_modified:[yesterday TO *]')).toHaveProperty('fq')
    expect(refused('metadata_modified:[2021-01-01 *]')).toHaveProperty('fq')
    expect(refused('tags:"open')).toHaveProperty('fq')
    expect(refused('(tags:a')).toHaveProperty('fq')
    expect(refused('tags:a)')).toHaveProperty('fq')
    expect(refused('AND tags:a')).toHaveProperty('fq')
    expect(refused('num_tags:many')).toHaveProperty('fq')
  })
})
