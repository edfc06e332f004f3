import type { GatewayConfig } from '@gongkai/gateway'
import { defaultConfig, type Workspace } from '@gongkai/store'
import type { CommandContext } from './command.js'
import { workspaceCatalogues } from './workspace-catalogues.js'
import { workspaceFilesDir } from './workspace-datastore.js'

/**
 * The gateway configuration of a workspace: its organisation, organs, site identity and 公开专栏
 * texts, files folder, rate limits, SMTP server (for approved applications' tokens),
 * proxy trust, catalogues (bundled plus its own) and layer level, and `baseUrl` from the config,
 * or the listening address when the config still has the default one (so links work on a local
 * demo).
 */
export async function gatewayConfigOf(
  ctx: CommandContext,
  ws: Workspace,
  listen?: { host: string; port: number },
  overrides: Partial<GatewayConfig> = {}
): Promise<{ config: GatewayConfig; problems: string[] }> {
  const { catalogues, problems } = await workspaceCatalogues({ ...ctx, workspace: ws.root })
  let baseUrl = ws.config.baseUrl
  if (listen && baseUrl === defaultConfig().baseUrl) {
    const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host
    baseUrl = `http://${host}:${listen.port}`
  }
  return {
    config: {
      baseUrl,
      organisation: ws.config.organisation,
      filesDir: workspaceFilesDir(ws),
      rateLimit: ws.config.rateLimit,
      trustProxy: ws.config.trustProxy,
      organs: ws.config.organs,
      request: ws.config.request,
      online: ws.config.online,
      participation: ws.config.participation,
      holidaysDir: ws.path(ws.config.paths.holidays),
      reportsDir: ws.path('reports'),
      conditionalAcceptDays: ws.config.openData.conditionalAcceptDays,
      ...(ws.config.reminders.smtp ? { smtp: ws.config.reminders.smtp } : {}),
      site: ws.config.site,
      xxgk: ws.config.xxgk,
      catalogues,
      layer: ws.config.layer,
      upload: ws.config.upload,
      query: {
        budgetMs: ws.config.query.budgetMs,
        maxCost: ws.config.query.maxCost,
        totalEstimationThreshold: ws.config.query.totalEstimationThreshold,
      },
      ...overrides,
    },
    problems,
  }
}
