import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { resolveInside } from './safe-path.js'
import { openSqliteStore } from './sqlite-store.js'
import { StoreError } from './store-error.js'
import { assertStorePresent, markStorePresent } from './store-presence.js'
import type { Store } from './types.js'
import { CONFIG_FILE, parseConfig, type WorkspaceConfig } from './workspace-config.js'

/** An opened workspace: its root folder, its config and helpers to reach its files. */
export interface Workspace {
  root: string
  config: WorkspaceConfig
  /** Absolute path of a workspace-relative file, refusing paths that escape the workspace. */
  path(relativePath: string): string
  /** Absolute path of the SQLite store: `store.path` of the config, or the override it was opened with. */
  storePath: string
  /**
   * Opens the workspace's embedded store (not migrated: each package migrates its own tables).
   * Refuses (`store_missing`) to create an empty one where the workspace had a store, unless
   * `create` (init, restore).
   */
  openStore(options?: { create?: boolean }): Store
}

/** Options of {@link openWorkspace}. */
export interface OpenWorkspaceOptions {
  /**
   * An SQLite file to use instead of the config's `store.path` (e.g. the CLI's `--store`); absolute,
   * or relative to the current folder. Unlike `store.path` it may lie outside the workspace.
   */
  storePath?: string
}

/** Walks up from `start` to the nearest folder holding `gongkai.config.json`. */
export function findWorkspace(start: string = process.cwd()): string | undefined {
  let dir = resolve(start)
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir
    const up = dirname(dir)
    if (up === dir) return undefined
    dir = up
  }
}

/**
 * Opens the workspace at `dir` (or the nearest one above the current folder). Throws a
 * {@link StoreError} with code `config` naming the file and pointer when the config is wrong.
 */
export function openWorkspace(dir?: string, options: OpenWorkspaceOptions = {}): Workspace {
  const root = dir ? resolve(dir) : findWorkspace()
  if (!root) {
    throw new StoreError(
      'config',
      `no ${CONFIG_FILE} found here or above; run "gongkai init" first`
    )
  }
  const file = join(root, CONFIG_FILE)
  if (!existsSync(file)) {
    throw new StoreError('config', `${file} does not exist; run "gongkai init ${dir ?? '.'}" first`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new StoreError('config', `${file}: not valid JSON (${(err as Error).message})`)
  }
  const parsed = parseConfig(raw)
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `${file}#${e.pointer}: ${e.message}`)
    throw new StoreError('config', lines.join('\n'))
  }
  const config = parsed.value
  const storePath = options.storePath
    ? resolve(options.storePath)
    : resolveInside(root, config.store.path)
  return {
    root,
    config,
    path: (p) => resolveInside(root, p),
    storePath,
    openStore: (opts = {}) => {
      assertStorePresent(storePath, opts.create === true)
      const store = openSqliteStore(storePath, { queryWorkers: config.query.workers })
      markStorePresent(storePath)
      return store
    },
  }
}
