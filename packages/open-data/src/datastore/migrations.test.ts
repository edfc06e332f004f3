import { schemas, validateDataset } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import { LINK_URL_PATTERN } from '@gongkai/text'
import { describe, expect, it } from 'vitest'
import { openDataMigrations } from './migrations.js'

const descriptor = {
  id: 'schools',
  title: '学校名录',
  description: '示例',
  publisher: { id: 'changning', name: '长宁区', url: 'javascript:alert(1)' },
  license: 'javascript:alert(document.cookie)',
  landingPage: 'https://www.example.gov.cn/schools',
  contact: { name: '数据专员', url: 'data:text/html,<script>alert(1)</script>' },
  themes: ['http://publications.europa.eu/resource/authority/data-theme/EDUC', 'vbscript:x'],
  distributions: [
    { id: 'a', format: 'csv', downloadURL: 'JavaScript:x', accessURL: 'https://a.example/' },
    { id: 'b', format: 'json', accessURL: 'file:///etc/passwd' },
    { id: 'c', format: 'api', accessURL: 'mailto:xxgk@example.gov.cn' },
  ],
  openness: 'unconditional',
}

describe('open-data/002-link-urls', () => {
  it('drops every stored URL a page may not link to, keeping the safe ones', async () => {
    const store = openSqliteStore(':memory:')
    await store.migrate(openDataMigrations.slice(0, 1))
    const at = '2024-01-01T00:00:00Z'
    await store.run(
      'INSERT INTO od_datasets (id, title, openness, descriptor, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
      ['schools', '学校名录', 'unconditional', JSON.stringify(descriptor), at, at]
    )
    await store.run(
      "INSERT INTO od_versions (dataset_id, version, status, table_name, descriptor, table_schema, created_at) VALUES (?, 1, 'published', 't1', ?, '{}', ?)",
      ['schools', JSON.stringify(descriptor), at]
    )
    await store.migrate(openDataMigrations)
    const expected = {
      ...descriptor,
      publisher: { id: 'changning', name: '长宁区' },
      contact: { name: '数据专员' },
      themes: ['http://publications.europa.eu/resource/authority/data-theme/EDUC'],
      distributions: [
        { id: 'a', format: 'csv', accessURL: 'https://a.example/' },
        { id: 'b', format: 'json' },
        { id: 'c', format: 'api', accessURL: 'mailto:xxgk@example.gov.cn' },
      ],
    } as Record<string, unknown>
    delete expected.license
    for (const table of ['od_datasets', 'od_versions']) {
      const row = await store.get<{ descriptor: string }>(`SELECT descriptor FROM ${table}`)
      expect(JSON.parse(row?.descriptor ?? '{}'), table).toEqual(expected)
    }
    // What stays validates except for the licence, which the next version must name.
    const r = validateDataset(expected, { locale: 'en' })
    expect(!r.ok && r.errors.map((e) => e.pointer)).toEqual(['/license'])
    await store.close()
  })

  it('refuses javascript: and other schemes in every URL field of a new descriptor', () => {
    const r = validateDataset(descriptor, { locale: 'en' })
    expect(!r.ok && [...new Set(r.errors.map((e) => e.pointer))].sort()).toEqual(
      [
        '/contact/url',
        '/distributions/0/downloadURL',
        '/distributions/1/accessURL',
        '/license',
        '/publisher/url',
        '/themes/1',
      ].sort()
    )
  })

  it('uses the one rule of @gongkai/text in every URL field of the dataset schema', () => {
    const patterns: string[] = []
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return
      const n = node as Record<string, unknown>
      if (n.format === 'uri') patterns.push(String(n.pattern))
      for (const v of Object.values(n)) walk(v)
    }
    walk(schemas.dataset)
    expect(patterns).toHaveLength(7)
    for (const p of patterns) expect(new RegExp(p).source).toBe(LINK_URL_PATTERN.source)
  })
})
