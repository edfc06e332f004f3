import { createServer } from 'node:net'
import { type GatewayConfig, type RunningServer, startServer } from '@gongkai/gateway'
import { type Command, type CommandContext, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { gatewayConfigOf } from '../gateway-config.js'
import { shownPath } from '../shown-path.js'
import { openWorkspaceCases } from '../workspace-cases.js'
import { openWorkspaceStore } from '../workspace-store.js'
import { remindOnce } from './remind.js'

/** A free port on `host`, for `--port 0`: the base URL must be known before the app is built. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, host, () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}

/**
 * `--rate-limit 600/60`: reads and writes per window (the window stays config `rateLimit.windowMs`).
 */
function parseRateLimit(value: string | undefined): { max: number; writeMax: number } | undefined {
  if (value === undefined) return undefined
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(value)
  const max = Number(m?.[1])
  const writeMax = Number(m?.[2])
  if (!m || max < 1 || writeMax < 1)
    throw new UsageError('--rate-limit expects <max>/<writeMax>, e.g. 600/60 (both at least 1)')
  return { max, writeMax }
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on)
      process.off('SIGTERM', on)
      resolve(signal)
    }
    process.on('SIGINT', on)
    process.on('SIGTERM', on)
  })
}

/**
 * Runs `gongkai remind` now and then every `minutes` (config `reminders.intervalMinutes`) on its own
 * store handle, one run at a time; a failed run is reported on stderr and the timer goes on. The
 * store's notice log keeps this from sending what a cron job or another replica already sent.
 * Returns the function that stops it (waiting for a run in progress).
 */
function startReminderTimer(ctx: CommandContext, minutes: number | undefined): () => Promise<void> {
  if (!minutes) return async () => {}
  let running: Promise<void> | undefined
  const tick = () => {
    if (running) return
    running = (async () => {
      try {
        const w = await openWorkspaceCases(ctx)
        try {
          const r = await remindOnce(ctx, w)
          if (r.sent || r.failed) ctx.io.err(`reminders: ${r.sent} sent, ${r.failed} failed\n`)
        } finally {
          await w.store.close()
        }
      } catch (err) {
        ctx.io.err(`reminders: ${(err as Error).message}\n`)
      } finally {
        running = undefined
      }
    })()
  }
  tick()
  const timer = setInterval(tick, minutes * 60_000)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}

/** `gongkai serve`: the gateway on the workspace store until SIGINT/SIGTERM. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the portal, REST, CKAN and DCAT APIs of the workspace (until Ctrl-C)',
  usage:
    'gongkai serve [--port 8787] [--host 127.0.0.1] [--rate-limit <max>/<writeMax>] [--trust-proxy] [--quiet] [--json]',
  options: {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    'rate-limit': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const portFlag = (ctx.flags.port as string | undefined) ?? '8787'
    if (!/^\d{1,5}$/.test(portFlag) || Number(portFlag) > 65535)
      throw new UsageError('--port expects a port number 0-65535 (0 picks a free one)')
    const host = (ctx.flags.host as string | undefined) ?? '127.0.0.1'
    if (!/^[A-Za-z0-9.:[\]-]+$/.test(host))
      throw new UsageError('--host expects an address or name')
    const limits = parseRateLimit(ctx.flags['rate-limit'] as string | undefined)
    const { ws, store } = openWorkspaceStore(ctx)
    let server: RunningServer | undefined
    try {
      let port = Number(portFlag)
      if (port === 0) port = await freePort(host)
      const overrides: Partial<GatewayConfig> = {}
      if (limits) overrides.rateLimit = { ...ws.config.rateLimit, ...limits }
      if (ctx.flags['trust-proxy']) overrides.trustProxy = true
      // One JSON line per request on stderr (route pattern, status, ms, bytes), unless --quiet.
      if (!ctx.flags.quiet) overrides.requestLog = (line) => ctx.io.err(`${line}\n`)
      const { config, problems } = await gatewayConfigOf(ctx, ws, { host, port }, overrides)
      for (const p of problems) ctx.io.err(`${p}\n`)
      try {
        server = await startServer({ store, config, port, host })
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        const message =
          code === 'EADDRINUSE'
            ? `port ${port} on ${host} is already in use; stop the other server or pass --port <another>`
            : code === 'EACCES'
              ? `not allowed to listen on ${host}:${port}; choose a port above 1023`
              : `cannot listen on ${host}:${port}: ${(err as Error).message}`
        if (ctx.json) ctx.io.out(`${JSON.stringify({ ok: false, error: message })}\n`)
        ctx.io.err(`gongkai serve: ${message}\n`)
        return ExitCode.failed
      }
      // The first stdout line is the URL: scripts and tests wait for it.
      if (ctx.json)
        ctx.io.out(
          `${JSON.stringify({ ok: true, url: server.url, baseUrl: config.baseUrl, workspace: ws.root })}\n`
        )
      else {
        ctx.io.out(`gongkai serving ${shownPath(ctx.io.cwd, ws.root)} at ${server.url}\n`)
        ctx.io.err(`base URL ${config.baseUrl}; press Ctrl-C to stop\n`)
      }
      const stopReminders = startReminderTimer(ctx, ws.config.reminders.intervalMinutes)
      const signal = await untilSignal()
      await stopReminders()
      if (!ctx.json) ctx.io.err(`${signal}: stopping\n`)
      return ExitCode.ok
    } finally {
      await server?.close()
      await store.close()
    }
  },
}
