import type { AddressInfo } from 'node:net'
import type { Store } from '@gongkai/store'
import { serve } from '@hono/node-server'
import { buildApp, createDeps } from './app.js'
import { DEFAULT_BODY_TIMEOUT_MS, type GatewayConfig } from './config.js'

/** Options of {@link startServer}. */
export interface StartServerOptions {
  store: Store
  config: GatewayConfig
  /** Port (default 8787; 0 picks a free one). */
  port?: number
  /** Interface (default 127.0.0.1: loopback only unless asked). */
  host?: string
}

/** A running gateway. */
export interface RunningServer {
  /** `http://host:port` actually bound. */
  url: string
  port: number
  /** Stops accepting connections, flushes batched counts, resolves when the server is closed. */
  close(): Promise<void>
}

/**
 * Starts the gateway with @hono/node-server.
 * @example const { url, close } = await startServer({ store, config, port: 0 })
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const deps = await createDeps(options.store, options.config)
  const app = buildApp(deps)
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    // Node's own deadline, a little after the app's body deadline (which answers 408 with a JSON
    // body): a backstop for bodies no route reads. It is an idle deadline on the socket, not one
    // on the whole request, so a 2 GiB upload that keeps sending is not cut; a heavy query may
    // keep the socket quiet for its whole budget. Answers are not timed.
    const bodyMs = options.config.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS
    const idleMs = Math.max(bodyMs, options.config.query?.budgetMs ?? 0) + 5_000
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port ?? 8787,
        hostname: host,
        serverOptions: { requestTimeout: 0, headersTimeout: Math.min(60_000, bodyMs + 5_000) },
      },
      (info: AddressInfo) => {
        const shown = info.address.includes(':') ? `[${info.address}]` : info.address
        resolve({
          url: `http://${shown}:${info.port}`,
          port: info.port,
          close: async () => {
            await new Promise<void>((done, fail) => {
              server.close((err) => (err ? fail(err) : done()))
              // Keep-alive sockets would hold close() open; end the idle ones.
              ;(server as { closeIdleConnections?: () => void }).closeIdleConnections?.()
            })
            // The rate-limit counts of the last interval, batched in memory, go to the store.
            await deps.limiter?.flush?.()
          },
        })
      }
    )
    server.setTimeout(idleMs)
    server.once('error', reject)
  })
}
