export { checksum, type PlannedMigration, planMigrations } from './migrations.js'
export { Mutex } from './mutex.js'
export { defaultPoolSize, QueryPool, type QueryPoolOptions } from './query-pool.js'
export { resolveInside } from './safe-path.js'
export {
  DEFAULT_QUERY_BUDGET_MS,
  openSqliteStore,
  type SqliteStoreOptions,
} from './sqlite-store.js'
export { StoreError } from './store-error.js'
export type {
  AppliedMigration,
  Dialect,
  HeavyRead,
  HeavyReadOptions,
  IterateOptions,
  MigrateResult,
  Migration,
  Params,
  Queryable,
  RawRow,
  RunResult,
  SqlValue,
  Store,
  StoreFileState,
} from './types.js'
export {
  findWorkspace,
  type OpenWorkspaceOptions,
  openWorkspace,
  type Workspace,
} from './workspace.js'
export {
  CONFIG_FILE,
  type ConfigProblem,
  defaultConfig,
  type Organ,
  parseConfig,
  type RemindersConfig,
  type SiteConfig,
  type WorkspaceConfig,
} from './workspace-config.js'
