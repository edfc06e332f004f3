import { findWorkspace, openWorkspace, type Store, type Workspace } from '@gongkai/store'
import type { CommandContext } from './command.js'

/** Opens the workspace of `--workspace` (or the one above the cwd) and its store. */
export function openWorkspaceStore(ctx: CommandContext): { ws: Workspace; store: Store } {
  // Without --workspace, the nearest workspace above the current folder.
  const ws = openWorkspace(ctx.workspace ?? findWorkspace(ctx.io.cwd))
  return { ws, store: ws.openStore() }
}
