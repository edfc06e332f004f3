import { findWorkspace, openWorkspace, type Store, type Workspace } from '@gongkai/store'
import type { CommandContext } from './command.js'

/**
 * Opens the workspace at `dir`, else the one of `--workspace`, else the nearest one above the
 * current folder, with the store of `--store` when given.
 */
export function openCliWorkspace(
  ctx: Pick<CommandContext, 'workspace' | 'store' | 'io'>,
  dir?: string
): Workspace {
  const root = dir ?? ctx.workspace ?? findWorkspace(ctx.io.cwd)
  return openWorkspace(root, ctx.store ? { storePath: ctx.store.path } : {})
}

/** Opens the workspace (see {@link openCliWorkspace}) and its store. */
export function openWorkspaceStore(ctx: CommandContext): { ws: Workspace; store: Store } {
  const ws = openCliWorkspace(ctx)
  return { ws, store: ws.openStore() }
}
