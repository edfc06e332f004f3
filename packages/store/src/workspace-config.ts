/** `gongkai.config.json`: what a data officer keeps at the top of a workspace. */
export interface WorkspaceConfig {
  /** The organisation that publishes (a district government, a department, a committee). */
  organisation: { id: string; name: string }
  /** Public base URL of the portal; stable IRIs of datasets and entries hang off it. */
  baseUrl: string
  /** Store location; `.gongkai/store.db` relative to the workspace by default. */
  store: { path: string }
  /** Folders and files, relative to the workspace. */
  paths: {
    catalogues: string
    content: string
    bindings: string
    datasets: string
    holidays: string
  }
  /** Catalogue ids this workspace uses (the standard ones and its own instantiated ones). */
  catalogues: string[]
}

/** File name of the workspace configuration. */
export const CONFIG_FILE = 'gongkai.config.json'

/** Defaults for a new workspace of the given organisation. */
export function defaultConfig(
  organisation: { id: string; name: string } = { id: 'demo-district', name: '示例区人民政府' }
): WorkspaceConfig {
  return {
    organisation,
    baseUrl: 'http://127.0.0.1:8787',
    store: { path: '.gongkai/store.db' },
    paths: {
      catalogues: 'catalogues',
      content: 'content',
      bindings: 'bindings.json',
      datasets: 'datasets',
      holidays: 'holidays',
    },
    catalogues: [],
  }
}

/** A problem in the configuration, located by JSON pointer. */
export interface ConfigProblem {
  pointer: string
  message: string
}

const ID = /^[a-z0-9][a-z0-9_.-]*$/

/**
 * Checks a parsed config and fills defaults for what is missing. Returns every problem, so a data
 * officer can fix the file in one go.
 */
export function parseConfig(
  raw: unknown
): { ok: true; value: WorkspaceConfig } | { ok: false; errors: ConfigProblem[] } {
  const errors: ConfigProblem[] = []
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ pointer: '', message: 'expected a JSON object' }] }
  }
  const r = raw as Record<string, unknown>
  const d = defaultConfig()
  const str = (v: unknown, pointer: string, fallback: string): string => {
    if (v === undefined) return fallback
    if (typeof v !== 'string' || v.length === 0) {
      errors.push({ pointer, message: 'expected a non-empty string' })
      return fallback
    }
    return v
  }
  const obj = (v: unknown, pointer: string): Record<string, unknown> => {
    if (v === undefined) return {}
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      errors.push({ pointer, message: 'expected an object' })
      return {}
    }
    return v as Record<string, unknown>
  }
  const org = obj(r.organisation, '/organisation')
  const organisation = {
    id: str(org.id, '/organisation/id', d.organisation.id),
    name: str(org.name, '/organisation/name', d.organisation.name),
  }
  if (!ID.test(organisation.id)) {
    errors.push({ pointer: '/organisation/id', message: `expected a lower-case id matching ${ID}` })
  }
  const baseUrl = str(r.baseUrl, '/baseUrl', d.baseUrl)
  if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) {
    errors.push({
      pointer: '/baseUrl',
      message: 'expected an http(s) URL, e.g. https://zwgk.example.gov.cn',
    })
  }
  const store = obj(r.store, '/store')
  const paths = obj(r.paths, '/paths')
  const p = (k: keyof WorkspaceConfig['paths']) => str(paths[k], `/paths/${k}`, d.paths[k])
  let catalogues: string[] = []
  if (r.catalogues !== undefined) {
    if (!Array.isArray(r.catalogues) || r.catalogues.some((c) => typeof c !== 'string')) {
      errors.push({ pointer: '/catalogues', message: 'expected an array of catalogue ids' })
    } else catalogues = r.catalogues as string[]
  }
  const known = new Set(['$schema', 'organisation', 'baseUrl', 'store', 'paths', 'catalogues'])
  for (const k of Object.keys(r)) {
    if (!known.has(k)) errors.push({ pointer: `/${k}`, message: 'unknown setting' })
  }
  const value: WorkspaceConfig = {
    organisation,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    store: { path: str(store.path, '/store/path', d.store.path) },
    paths: {
      catalogues: p('catalogues'),
      content: p('content'),
      bindings: p('bindings'),
      datasets: p('datasets'),
      holidays: p('holidays'),
    },
    catalogues,
  }
  return errors.length ? { ok: false, errors } : { ok: true, value }
}
