import { createDeps, type GatewayDeps } from '@gongkai/gateway'
import type { SearchType } from '@gongkai/search'
import type { Store, Workspace } from '@gongkai/store'
import type { CommandContext } from './command.js'
import { gatewayConfigOf } from './gateway-config.js'

/** The gateway's services on a workspace store, as `gongkai serve` would build them. */
export async function workspaceDeps(
  ctx: CommandContext,
  ws: Workspace,
  store: Store
): Promise<GatewayDeps> {
  const { config } = await gatewayConfigOf(ctx, ws, undefined, { rateLimit: false })
  return createDeps(store, config)
}

/**
 * Brings the search index in the store up to date after an import or publish, so every process
 * serving the store finds the new items at its next search. A failure is a warning: the import
 * stands and `gongkai search reindex` repairs the index.
 */
export async function refreshSearch(
  ctx: CommandContext,
  ws: Workspace,
  store: Store,
  types: readonly SearchType[]
): Promise<void> {
  try {
    await (await workspaceDeps(ctx, ws, store)).search.refresh(types)
  } catch (e) {
    ctx.io.err(
      `warning: search index not updated (${(e as Error).message}); run gongkai search reindex\n`
    )
  }
}
