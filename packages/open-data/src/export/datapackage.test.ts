import { readFileSync } from 'node:fs'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { Ajv, type ErrorObject } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { dataPackage, frictionlessField, packageName } from './datapackage.js'

// The official Frictionless 2.0 profiles (JSON Schema draft-07), vendored unmodified beside the
// repository; resolved from this file, never from an absolute path.
const PROFILES = new URL('../../conformance/frictionless-2.0/', import.meta.url)
const profile = (name: string) =>
  JSON.parse(readFileSync(new URL(name, PROFILES), 'utf8')) as Record<string, unknown>

const ajv = new Ajv({ strict: false, allErrors: true })
addFormats.default(ajv)
// A UI-only format the profiles use; it constrains nothing.
ajv.addFormat('textarea', true)
const checkPackage = ajv.compile(profile('datapackage.json'))
const checkSchema = ajv.compile(profile('tableschema.json'))

const errorsOf = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath} ${e.message}`)

const descriptor: Dataset = {
  id: 'school-funds',
  title: '学校经费',
  description: '各校年度经费',
  publisher: { id: 'demo', name: '示例区教育局' },
  openness: 'unconditional',
  license: 'https://creativecommons.org/licenses/by/4.0/',
  keywords: ['教育', '经费'],
} as Dataset

const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer', constraints: { required: true, unique: true, minimum: 1 } },
    { name: '学校', title: '学校名称', type: 'string', constraints: { maxLength: 50 } },
    { name: '金额', type: 'number', unit: '万元', description: '年度拨款' },
    { name: '日期', type: 'date', format: '%d/%m/%Y' },
    { name: '位置', type: 'geopoint', format: 'array' },
    { name: '联系邮箱', type: 'string', format: 'email' },
    {
      name: '身份证号',
      type: 'string',
      mask: { type: 'id_number' },
      constraints: { required: true, pattern: '^\\d{17}[\\dX]$', unique: true },
    },
    { name: '公办', type: 'boolean' },
    { name: '年份', type: 'year' },
    { name: '更新时间', type: 'datetime' },
  ],
  primaryKey: '编号',
  missingValues: ['', '无'],
  filterColumns: ['学校'],
}

const pkg = dataPackage({
  descriptor,
  schema,
  baseUrl: 'https://data.example.gov.cn/',
  version: { version: 3, publishedAt: '2021-05-01T08:00:00.000Z' },
  csvUrl: 'https://data.example.gov.cn/datasets/school-funds/versions/3/data.csv',
  bytes: 1234,
})

describe('dataPackage', () => {
  it('is valid against the official Frictionless 2.0 datapackage profile', () => {
    const ok = checkPackage(pkg)
    expect(errorsOf(checkPackage.errors)).toEqual([])
    expect(ok).toBe(true)
  })

  it('carries the table schema inline, valid against the tableschema profile', () => {
    const resource = (pkg.resources as Record<string, unknown>[])[0] as Record<string, unknown>
    expect(resource.path).toBe(
      'https://data.example.gov.cn/datasets/school-funds/versions/3/data.csv'
    )
    expect(resource).toMatchObject({
      name: 'school-funds',
      type: 'table',
      format: 'csv',
      bytes: 1234,
    })
    const inline = resource.schema as Record<string, unknown>
    expect(checkSchema(inline)).toBe(true)
    expect(errorsOf(checkSchema.errors)).toEqual([])
    const fields = inline.fields as Record<string, unknown>[]
    expect(fields.map((f) => f.name)).toEqual(schema.fields.map((f) => f.name))
    // primaryKey as an array (the v2 form); gongkai-only keys stay out.
    expect(inline.primaryKey).toEqual(['编号'])
    expect(inline).not.toHaveProperty('filterColumns')
    // The published CSV writes null as an empty field, whatever the source used.
    expect(inline.missingValues).toEqual([''])
  })

  it('describes the published CSV: canonical date and point formats, masked columns without value rules', () => {
    const byName = new Map(schema.fields.map((f) => [f.name, frictionlessField(f)]))
    expect(byName.get('日期')).not.toHaveProperty('format')
    expect(byName.get('位置')).not.toHaveProperty('format')
    expect(byName.get('联系邮箱')?.format).toBe('email')
    expect(byName.get('金额')).toMatchObject({ unit: '万元', description: '年度拨款' })
    expect(byName.get('编号')?.constraints).toEqual({ required: true, unique: true, minimum: 1 })
    expect(byName.get('身份证号')).toMatchObject({ masked: true, constraints: { required: true } })
    expect(byName.get('身份证号')?.constraints).not.toHaveProperty('pattern')
  })

  it('the profile does fire: a field type it does not know and a resource without a path fail', () => {
    const broken = structuredClone(pkg) as { resources: Record<string, unknown>[] }
    const res = broken.resources[0] as { schema: { fields: { type: string }[] }; path?: string }
    ;(res.schema.fields[0] as { type: string }).type = 'money'
    expect(checkPackage(broken)).toBe(false)
    delete res.path
    res.schema.fields[0] = { type: 'integer' } as never
    expect(checkPackage(broken)).toBe(false)
    expect(checkPackage({ name: 'x' })).toBe(false)
  })

  it('names packages with the recommended characters only', () => {
    expect(packageName('School_Funds.2021')).toBe('school_funds.2021')
    expect(packageName('学校')).toBe('-')
    expect(packageName('')).toBe('dataset')
  })
})
