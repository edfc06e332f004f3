import { schemaData } from './generated/data.js'

/** File stem of a bundled JSON Schema (`schemas/<stem>.schema.json`). */
export type SchemaName = keyof typeof schemaData

/** The raw JSON Schemas keyed by file stem (e.g. for OpenAPI generation); treat as read-only. */
export const schemas: Readonly<Record<SchemaName, Readonly<Record<string, unknown>>>> = schemaData
