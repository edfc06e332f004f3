import type { Dataset, TableField, TableSchema } from '@gongkai/schema'
import { datasetIri } from '../rdf/iris.js'

/** Input of {@link csvwMetadata}. */
export interface CsvwInput {
  /** URL of the CSV the metadata describes, absolute or relative to the metadata file. */
  csvUrl: string
  descriptor: Dataset
  schema: TableSchema
  /** Base URL of the portal, used to link the table to its DCAT dataset. */
  baseUrl: string
}

const DATATYPES: Record<TableField['type'], string> = {
  string: 'string',
  integer: 'integer',
  // decimal, not double: government figures are amounts, and writeCsv never emits exponents.
  number: 'decimal',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
  year: 'gYear',
  geopoint: 'string',
}

/**
 * A CSVW column name: RFC 6570 variable characters only (letters, digits, `_`, `.` inside,
 * percent-encoded UTF-8 otherwise), never starting with `_` (reserved by CSVW).
 * @example csvwColumnName('金额') // '%E9%87%91%E9%A2%9D'
 */
export function csvwColumnName(name: string): string {
  let out = ''
  const bytes = Buffer.from(name, 'utf8')
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number
    const c = String.fromCharCode(b)
    const plain =
      (b >= 48 && b <= 57) ||
      (b >= 65 && b <= 90) ||
      (b >= 97 && b <= 122) ||
      (b === 95 && i > 0) ||
      (b === 46 && i > 0 && i < bytes.length - 1 && bytes[i - 1] !== 46)
    out += plain ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

function datatype(field: TableField): string | Record<string, unknown> {
  const base = DATATYPES[field.type]
  const c = field.constraints
  const facets: Record<string, unknown> = {}
  if (field.type === 'boolean') facets.format = 'true|false'
  if (field.type === 'geopoint') facets.format = '-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?'
  if (c) {
    if (field.type === 'string' && c.pattern !== undefined) facets.format = c.pattern
    if (c.minLength !== undefined) facets.minLength = c.minLength
    if (c.maxLength !== undefined) facets.maxLength = c.maxLength
    if (field.type !== 'string' && field.type !== 'boolean' && field.type !== 'geopoint') {
      if (c.minimum !== undefined) facets.minimum = c.minimum
      if (c.maximum !== undefined) facets.maximum = c.maximum
    }
  }
  return Object.keys(facets).length === 0 ? base : { base, ...facets }
}

/**
 * The CSVW table metadata (`<file>.csv-metadata.json`) of a CSV distribution: dialect, columns
 * with datatypes mapped from the Table Schema, `required`, `null` and `primaryKey`.
 * The CSV header row holds field names, so each column's `titles` lists the name first.
 */
export function csvwMetadata(input: CsvwInput): Record<string, unknown> {
  const { csvUrl, descriptor, schema, baseUrl } = input
  const language = descriptor.language ?? 'zh-CN'
  // Our CSV writes null as the empty field; the declared missing values never survive ingest as
  // values, so listing them as null too is safe and keeps the dictionary complete.
  const nulls = ['', ...(schema.missingValues ?? []).filter((v) => v !== '')]
  const names = new Map<string, string>()
  const columns = schema.fields.map((field) => {
    const name = csvwColumnName(field.name)
    names.set(field.name, name)
    const column: Record<string, unknown> = {
      name,
      titles: field.title && field.title !== field.name ? [field.name, field.title] : field.name,
      datatype: datatype(field),
    }
    if (field.description) column['dc:description'] = field.description
    if (field.constraints?.required) column.required = true
    column.null = nulls.length === 1 ? '' : nulls
    return column
  })
  const tableSchema: Record<string, unknown> = { columns }
  if (schema.primaryKey !== undefined) {
    const keys = Array.isArray(schema.primaryKey) ? schema.primaryKey : [schema.primaryKey]
    const mapped = keys.map((k) => names.get(k) ?? csvwColumnName(k))
    tableSchema.primaryKey = mapped.length === 1 ? mapped[0] : mapped
  }
  const doc: Record<string, unknown> = {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': language }],
    url: csvUrl,
    'dc:title': descriptor.title,
    'dc:description': descriptor.description,
    'dc:publisher': descriptor.publisher.name,
    'dc:license': { '@id': descriptor.license },
    'rdfs:seeAlso': { '@id': datasetIri(baseUrl, descriptor.id) },
    dialect: { encoding: 'utf-8', header: true, lineTerminators: ['\r\n'], doubleQuote: true },
    tableSchema,
  }
  if (descriptor.modified)
    doc['dc:modified'] = { '@value': descriptor.modified, '@type': 'xsd:date' }
  return doc
}
