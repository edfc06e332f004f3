import { existsSync, rmSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { shownPath } from '../shown-path.js'
import { openWorkspaceStore } from '../workspace-store.js'

/** `gongkai backup --out <file>`: an online backup of the workspace store. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the workspace store (SQLite online backup, safe while the gateway runs)',
  usage: 'gongkai backup --out <file> [--force] [--json]',
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const out = ctx.flags.out as string | undefined
    if (!out) throw new UsageError('--out <file> is required')
    const file = resolve(ctx.io.cwd, out)
    const { store } = openWorkspaceStore(ctx)
    try {
      if (resolve(store.location) === file)
        throw new UsageError('--out is the store itself; choose another file')
      if (existsSync(file)) {
        if (!ctx.flags.force) {
          ctx.io.err(`${file} already exists; pass --force to overwrite it\n`)
          return ExitCode.failed
        }
        // A stale journal next to the old copy would be replayed onto the new one.
        for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
      }
      const started = Date.now()
      await store.backup(file)
      const bytes = statSync(file).size
      if (ctx.json) ctx.io.out(`${JSON.stringify({ ok: true, file, bytes })}\n`)
      else
        ctx.io.out(
          `backed up ${shownPath(ctx.io.cwd, store.location)} to ${shownPath(ctx.io.cwd, file)} (${bytes} bytes, ${Date.now() - started} ms)\n`
        )
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}
