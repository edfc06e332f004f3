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
  | 'baseUrl'
  | 'store'
  | 'paths'
  | 'catalogues'
  | 'layer'
  | 'rateLimit'
  | 'organs'
  | 'trustProxy'
  | 'request'
  | 'query'
  | 'openData'
  | 'online'
  | 'participation'
  | 'reminders'
  | 'upload'
> & {
  trustProxy: boolean
  baseUrl: string
  store: Required<NonNullable<FileConfig['store']>>
  paths: Required<NonNullable<FileConfig['paths']>>
  catalogues: string[]
  layer: NonNullable<FileConfig['layer']>
  rateLimit: Required<NonNullable<FileConfig['rateLimit']>>
  /** Heavy-query limits; `workers` stays absent for the default (CPUs − 1). */
  query: NonNullable<FileConfig['query']> & {
    budgetMs: number
    maxCost: number
    totalEstimationThreshold: number
  }
  openData: Required<NonNullable<FileConfig['openData']>>
  organs: Organ[]
  request: Required<NonNullable<FileConfig['request']>>
  online: Required<NonNullable<FileConfig['online']>>
  participation: Required<NonNullable<FileConfig['participation']>>
  reminders: RemindersConfig
  /** API uploads: `maxBytes` (default 2 GiB). */
  upload: Required<NonNullable<FileConfig['upload']>>
}

/** Config `reminders`: thresholds filled in; `webhook`, `smtp` and `intervalMinutes` stay optional. */
export type RemindersConfig = NonNullable<FileConfig['reminders']> & {
  dueSoonWorkingDays: number[]
}

/**
 * An organ (a department or a government that answers requests), config `organs[]`; it belongs to
 * organisation `org`, and an officer token is scoped to its `id`.
 */
export type Organ = NonNullable<FileConfig['organs']>[number]

/** Site identity of the portal, config `site` (absent keys are left to the pages' defaults). */
export type SiteConfig = NonNullable<FileConfig['site']>

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
  const references = organReferences(value)
  if (references.length) return { ok: false, errors: references }
  return { ok: true, value }
}

/**
 * What the schema cannot say: organ ids are unique, and `organs[].parent` and `site.organ` name an
 * organ of `organs[]`.
 */
function organReferences(config: WorkspaceConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const ids = new Set<string>()
  config.organs.forEach((o, i) => {
    if (ids.has(o.id))
      problems.push({ pointer: `/organs/${i}/id`, message: `organ id "${o.id}" appears twice` })
    ids.add(o.id)
  })
  config.organs.forEach((o, i) => {
    if (o.parent !== undefined && !ids.has(o.parent))
      problems.push({
        pointer: `/organs/${i}/parent`,
        message: `"${o.parent}" is not the id of an organ in organs[]`,
      })
  })
  const site = config.site?.organ
  if (site !== undefined && !ids.has(site))
    problems.push({
      pointer: '/site/organ',
      message: `"${site}" is not the id of an organ in organs[]`,
    })
  return problems
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
