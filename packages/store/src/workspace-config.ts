import {
  schemas,
  validateWorkspaceConfig,
  type WorkspaceConfig as WorkspaceConfigFile,
} from '@gongkai/schema'

type FileConfig = Omit<WorkspaceConfigFile, '$schema'>

/**
 * `gongkai.config.json` as the code sees it: the file's shape (workspace-config.schema.json, the one
 * definition) with every key that has a default there filled in.
 */
export type WorkspaceConfig = Omit<
  FileConfig,
  'baseUrl' | 'store' | 'paths' | 'catalogues' | 'rateLimit'
> & {
  baseUrl: string
  store: Required<NonNullable<FileConfig['store']>>
  paths: Required<NonNullable<FileConfig['paths']>>
  catalogues: string[]
  rateLimit: Required<NonNullable<FileConfig['rateLimit']>>
}

/** File name of the workspace configuration. */
export const CONFIG_FILE = 'gongkai.config.json'

/** A problem in the configuration, located by JSON pointer. */
export interface ConfigProblem {
  pointer: string
  message: string
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A copy of `value` with the schema's `default`s filled in wherever a property is absent, level by
 * level: an absent object with a default (`{}`) is created and then filled from its own properties.
 */
export function withDefaults(schema: Json, value: unknown): unknown {
  if (!isObject(value) || !isObject(schema.properties)) return value
  const out: Json = { ...value }
  for (const [key, sub] of Object.entries(schema.properties)) {
    if (!isObject(sub)) continue
    if (out[key] === undefined && 'default' in sub) out[key] = structuredClone(sub.default)
    if (out[key] !== undefined) out[key] = withDefaults(sub, out[key])
  }
  return out
}

const configSchema = schemas['workspace-config'] as Json

/**
 * Checks a parsed `gongkai.config.json` against workspace-config.schema.json and fills every
 * default the schema declares. Returns every problem with its JSON pointer, so a data officer can
 * fix the file in one go.
 */
export function parseConfig(
  raw: unknown
): { ok: true; value: WorkspaceConfig } | { ok: false; errors: ConfigProblem[] } {
  const r = validateWorkspaceConfig(raw)
  if (!r.ok) {
    return {
      ok: false,
      errors: r.errors.map((e) => ({ pointer: e.pointer, message: e.message })),
    }
  }
  const { $schema: _, ...filled } = withDefaults(configSchema, r.value) as WorkspaceConfigFile
  const value = filled as WorkspaceConfig
  value.baseUrl = value.baseUrl.replace(/\/+$/, '')
  return { ok: true, value }
}

/** The config of a new workspace of the given organisation: every default of the schema. */
export function defaultConfig(
  organisation: { id: string; name: string } = { id: 'demo-district', name: '示例区人民政府' }
): WorkspaceConfig {
  const r = parseConfig({ organisation })
  if (!r.ok) {
    const problems = r.errors.map((e) => `#${e.pointer}: ${e.message}`).join('; ')
    throw new Error(`invalid organisation for a workspace config: ${problems}`)
  }
  return r.value
}
