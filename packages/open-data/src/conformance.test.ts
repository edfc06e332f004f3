// Our table schemas are a Frictionless Table Schema subset: every table schema the repo ships, and one
// using every field type and constraint we accept, must validate against the official v2 profile
// (vendored in ../conformance, see PROVENANCE.md).
import { readdirSync, readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { describe, expect, it } from 'vitest'

const conformance = new URL('../conformance/frictionless-2.0/', import.meta.url)
const samples = new URL('../../../samples/', import.meta.url)

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv

function profile(name: string) {
  // The profiles are draft-07 and use non-standard annotation keywords (propertyOrder, …).
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  // A UI hint of the profiles, not a value format.
  ajv.addFormat('textarea', true)
  return ajv.compile(JSON.parse(readFileSync(new URL(name, conformance), 'utf8')))
}

const tableSchema = profile('tableschema.json')

function check(value: unknown): string[] {
  if (tableSchema(value)) return []
  return (tableSchema.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}

describe('Frictionless Table Schema 2.0 profile', () => {
  it('accepts every table schema in samples/', () => {
    const files = readdirSync(samples).filter((f) => f.endsWith('.schema.json'))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const schema = JSON.parse(readFileSync(new URL(file, samples), 'utf8'))
      expect({ file, errors: check(schema) }).toEqual({ file, errors: [] })
    }
  })

  it('accepts every field type and constraint our table-schema subset allows', () => {
    const schema = {
      fields: [
        { name: 'id', type: 'integer', constraints: { required: true, unique: true, minimum: 1 } },
        { name: '名称', type: 'string', constraints: { maxLength: 50, pattern: '^\\S' } },
        { name: 'amount', type: 'number', constraints: { minimum: 0, maximum: 1e9 } },
        { name: 'open', type: 'boolean' },
        { name: 'day', type: 'date', format: '%Y/%m/%d' },
        { name: 'at', type: 'datetime' },
        { name: 'year', type: 'year' },
        { name: 'where', type: 'geopoint', format: 'array' },
        { name: 'kind', type: 'string', constraints: { enum: ['a', 'b'] } },
      ],
      primaryKey: ['id'],
      missingValues: ['', '-'],
    }
    expect(check(schema)).toEqual([])
  })

  it('refuses what is not a table schema (the profile really checks)', () => {
    expect(check({ fields: [{ name: 'a', type: 'no-such-type' }] })).not.toEqual([])
    expect(check({ primaryKey: ['a'] })).not.toEqual([])
  })

  it('a data package with one of our table schemas inline meets the Data Package profile', () => {
    const dataPackage = profile('datapackage.json')
    const schema = JSON.parse(readFileSync(new URL('people.schema.json', samples), 'utf8'))
    const pkg = {
      name: 'people',
      resources: [{ name: 'people', path: 'people.csv', format: 'csv', schema }],
    }
    expect(dataPackage(pkg)).toBe(true)
    expect(dataPackage({ name: 'people', resources: [] })).toBe(false)
  })
})
