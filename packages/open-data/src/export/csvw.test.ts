import type { Dataset, TableSchema } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { csvwColumnName, csvwMetadata } from './csvw.js'

const descriptor: Dataset = {
  id: 'fees',
  title: '居委会工作经费',
  description: '季度工作经费公开',
  publisher: { id: 'cn-gov', name: '长宁区人民政府' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'unconditional',
  modified: '2024-03-31',
}
const schema: TableSchema = {
  fields: [
    { name: 'id', type: 'integer', constraints: { required: true, minimum: 1 } },
    { name: '金额', title: '金额（元）', type: 'number' },
    { name: 'paid', type: 'boolean' },
    { name: 'day', type: 'date' },
    { name: 'at', type: 'datetime' },
    { name: 'year', type: 'year' },
    { name: 'where', type: 'geopoint' },
    { name: '_note', type: 'string', constraints: { maxLength: 200, pattern: '^[^<>]*$' } },
  ],
  primaryKey: 'id',
  missingValues: ['', '-', 'NA'],
}

describe('csvwMetadata', () => {
  const doc = csvwMetadata({
    csvUrl: 'data.csv',
    descriptor,
    schema,
    baseUrl: 'https://d.example/',
  })
  const columns = (doc.tableSchema as { columns: Record<string, unknown>[] }).columns

  it('describes the CSV with the CSVW context, url, title and dialect', () => {
    expect(doc['@context']).toEqual(['http://www.w3.org/ns/csvw', { '@language': 'zh-CN' }])
    expect(doc.url).toBe('data.csv')
    expect(doc['dc:title']).toBe('居委会工作经费')
    expect(doc.dialect).toMatchObject({ encoding: 'utf-8', header: true })
    expect(doc['rdfs:seeAlso']).toEqual({ '@id': 'https://d.example/datasets/fees' })
  })

  it('maps Table Schema types to CSVW datatypes', () => {
    const base = columns.map((c) =>
      typeof c.datatype === 'string' ? c.datatype : (c.datatype as { base: string }).base
    )
    expect(base).toEqual([
      'integer',
      'decimal',
      'boolean',
      'date',
      'dateTime',
      'gYear',
      'string',
      'string',
    ])
    expect(columns[0]?.datatype).toEqual({ base: 'integer', minimum: 1 })
    expect(columns[7]?.datatype).toEqual({ base: 'string', format: '^[^<>]*$', maxLength: 200 })
  })

  it('keeps titles compatible with the header row, marks required, null and primary key', () => {
    expect(columns[0]).toMatchObject({ name: 'id', titles: 'id', required: true })
    expect(columns[1]).toMatchObject({ name: '%E9%87%91%E9%A2%9D', titles: ['金额', '金额（元）'] })
    expect(columns[2]?.required).toBeUndefined()
    expect(columns[0]?.null).toEqual(['', '-', 'NA'])
    expect((doc.tableSchema as { primaryKey: unknown }).primaryKey).toBe('id')
  })

  it('makes valid CSVW column names', () => {
    expect(csvwColumnName('_note')).toBe('%5Fnote')
    expect(csvwColumnName('a.b')).toBe('a.b')
    expect(csvwColumnName('a b')).toBe('a%20b')
    expect(csvwColumnName('.x.')).toBe('%2Ex%2E')
    for (const c of columns)
      expect(c.name).toMatch(/^(?!_)([A-Za-z0-9_]|%[0-9A-F]{2})+(\.([A-Za-z0-9_]|%[0-9A-F]{2})+)*$/)
  })
})
