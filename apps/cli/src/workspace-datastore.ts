import { dirname, join } from 'node:path'
import { type Datastore, openDatastore } from '@gongkai/open-data'
import type { Store, Workspace } from '@gongkai/store'
import type { CommandContext } from './command.js'
import { openWorkspaceStore } from './workspace-store.js'

/** Where published dataset versions keep their files: `files/` next to the store (never tracked). */
export function workspaceFilesDir(ws: Workspace): string {
  return join(dirname(ws.storePath), 'files')
}

/** Opens the datastore on an open workspace store (runs the open-data migrations). */
export function openDatastoreOf(ws: Workspace, store: Store): Promise<Datastore> {
  return openDatastore(store, { filesDir: workspaceFilesDir(ws), baseUrl: ws.config.baseUrl })
}

/**
 * Runs `fn` with the workspace, its store and its datastore, and closes the store afterwards,
 * also when `fn` throws.
 */
export async function withDatastore<T>(
  ctx: CommandContext,
  fn: (ws: Workspace, ds: Datastore, store: Store) => Promise<T>
): Promise<T> {
  const { ws, store } = openWorkspaceStore(ctx)
  try {
    return await fn(ws, await openDatastoreOf(ws, store), store)
  } finally {
    await store.close()
  }
}
