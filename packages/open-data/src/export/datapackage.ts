import type { Dataset, TableField, TableSchema } from '@gongkai/schema'
import { datasetIri } from '../rdf/iris.js'

/** The Frictionless Data Package v2 profile URL (`$schema` of the descriptor). */
export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json'
/** The Frictionless Table Schema v2 profile URL (`$schema` of the inline table schema). */
export const TABLE_SCHEMA_PROFILE = 'https://datapackage.org/profiles/2.0/tableschema.json'

/** Input of {@link dataPackage}. */
export interface DataPackageInput {
  descriptor: Dataset
  /** Table schema of the version described. */
  schema: TableSchema
  /** Public base URL of the portal. */
  baseUrl: string
  /** Version described: its number and publication time. */
  version: { version: number; publishedAt: string }
  /** URL of the version's canonical CSV (absolute, or relative to the datapackage.json). */
  csvUrl: string
  /** Size of that CSV in bytes, when known. */
  bytes?: number
}

/**
 * A Frictionless Data Package name: lower-case letters, digits, `-`, `_` and `.` (the spec's
 * recommended form). Dataset ids already are; anything else is folded to `-`.
 */
export function packageName(id: string): string {
  const name = id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')
  return name === '' ? 'dataset' : name
}

/**
 * One field of the published CSV as a Frictionless field descriptor. The CSV holds canonical
 * values (ISO dates, `lon,lat` points, `true`/`false`), so date and point formats are dropped:
 * a reader must not parse `2021-03-01` with the ingest pattern `%d/%m/%Y`. A masked column's
 * published values no longer match value constraints (a masked 身份证号 fails its pattern, and
 * two masked numbers may coincide), so only `required` survives masking.
 */
export function frictionlessField(field: TableField): Record<string, unknown> {
  const out: Record<string, unknown> = { name: field.name, type: field.type }
  if (field.title) out.title = field.title
  if (field.description) out.description = field.description
  if (field.type === 'string' && field.format && field.format !== 'default')
    out.format = field.format
  if (field.unit) out.unit = field.unit
  const c = field.constraints
  if (c) {
    const kept: Record<string, unknown> = {}
    if (c.required) kept.required = true
    if (!field.mask) {
      if (c.unique) kept.unique = true
      if (c.enum) kept.enum = c.enum
      if (c.pattern !== undefined) kept.pattern = c.pattern
      if (c.minLength !== undefined) kept.minLength = c.minLength
      if (c.maxLength !== undefined) kept.maxLength = c.maxLength
      if (c.minimum !== undefined) kept.minimum = c.minimum
      if (c.maximum !== undefined) kept.maximum = c.maximum
    }
    if (Object.keys(kept).length > 0) out.constraints = kept
  }
  if (field.mask) out.masked = true
  return out
}

/** The Table Schema of the published CSV, inline in the Data Package (ours minus gongkai-only keys). */
export function frictionlessSchema(schema: TableSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: schema.fields.map(frictionlessField),
    // Our CSV writes null as the empty field; the source's missing values never survive ingest.
    missingValues: [''],
  }
  if (schema.primaryKey !== undefined)
    out.primaryKey = Array.isArray(schema.primaryKey) ? schema.primaryKey : [schema.primaryKey]
  return out
}

/**
 * The Frictionless Data Package v2 (`datapackage.json`) of one dataset version: one tabular
 * resource, the version's canonical CSV, with its dialect and the table schema inline.
 * @example dataPackage({ descriptor, schema, baseUrl, version: { version: 1, publishedAt }, csvUrl })
 */
export function dataPackage(input: DataPackageInput): Record<string, unknown> {
  const { descriptor: d, schema, baseUrl, version } = input
  const name = packageName(d.id)
  const resource: Record<string, unknown> = {
    name,
    type: 'table',
    path: input.csvUrl,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: {
      $schema: 'https://datapackage.org/profiles/2.0/tabledialect.json',
      header: true,
      delimiter: ',',
      lineTerminator: '\r\n',
      quoteChar: '"',
      doubleQuote: true,
    },
    schema: frictionlessSchema(schema),
  }
  if (input.bytes !== undefined) resource.bytes = input.bytes
  const pkg: Record<string, unknown> = {
    $schema: DATA_PACKAGE_PROFILE,
    name,
    id: datasetIri(baseUrl, d.id),
    title: d.title,
    description: d.description,
    homepage: datasetIri(baseUrl, d.id),
    // Our versions are whole numbers; each one is a new publication of the whole table.
    version: `${version.version}.0.0`,
    created: version.publishedAt,
    contributors: [{ title: d.publisher.name, roles: ['publisher'] }],
  }
  if (d.keywords && d.keywords.length > 0) pkg.keywords = d.keywords
  if (d.license) pkg.licenses = [{ path: d.license, title: d.license }]
  pkg.resources = [resource]
  return pkg
}
