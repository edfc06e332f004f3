import { ensureOrganisation, gatewayMigrations } from '@gongkai/gateway'
import type { Store, Workspace } from '@gongkai/store'
import type { CommandContext } from './command.js'
import { openWorkspaceStore } from './workspace-store.js'

/**
 * The workspace store with the gateway's tables migrated and the workspace's organisation
 * registered (the first organisation), as token and organisation commands need it.
 */
export async function openOrganisationStore(
  ctx: CommandContext
): Promise<{ ws: Workspace; store: Store }> {
  const { ws, store } = openWorkspaceStore(ctx)
  try {
    await store.migrate(gatewayMigrations)
    await ensureOrganisation(store, ws.config.organisation)
  } catch (err) {
    await store.close()
    throw err
  }
  return { ws, store }
}
