import { existsSync, readdirSync, statSync } from 'node:fs'
import { copyFile, cp, mkdir, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { openDatastore } from '@gongkai/open-data'
import { CONFIG_FILE, openWorkspace } from '@gongkai/store'
import { BackupError, verifyBackup, writeBackup } from '../backup-folder.js'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { shownPath } from '../shown-path.js'
import { workspaceFilesDir } from '../workspace-datastore.js'
import { openWorkspaceStore } from '../workspace-store.js'

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0

/** `gongkai backup --out <dir>`: store, version files and a manifest with checksums. */
export const backupCommand: Command = {
  name: 'backup',
  summary:
    'Back up the workspace: store.db (online, safe while the gateway runs), files/ and manifest.json (SHA-256 per file)',
  usage: 'gongkai backup --out <dir> [--force] [--json]',
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const out = ctx.flags.out as string | undefined
    if (!out) throw new UsageError('--out <dir> is required')
    const dir = resolve(ctx.io.cwd, out)
    if (existsSync(dir) && !statSync(dir).isDirectory())
      throw new UsageError(`--out names a folder to create; ${out} is a file`)
    const { ws, store } = openWorkspaceStore(ctx)
    try {
      if (!isEmptyDir(dir)) {
        if (!ctx.flags.force) {
          ctx.io.err(`${shownPath(ctx.io.cwd, dir)} is not empty; pass --force to replace it\n`)
          return ExitCode.failed
        }
        await rm(dir, { recursive: true, force: true })
      }
      const started = Date.now()
      const m = await writeBackup(store, workspaceFilesDir(ws), dir, {
        configFile: join(ws.root, CONFIG_FILE),
      })
      const bytes = m.files.reduce((a, f) => a + f.bytes, 0)
      if (ctx.json)
        ctx.io.out(
          `${JSON.stringify({ ok: true, dir, files: m.files.length, bytes, counts: m.counts })}\n`
        )
      else
        ctx.io.out(
          `backed up ${shownPath(ctx.io.cwd, store.location)} and ${m.files.length - 1} file(s) to ${shownPath(ctx.io.cwd, dir)} (${m.counts.datasets} datasets, ${m.counts.versions} versions, ${bytes} bytes, ${Date.now() - started} ms)\n`
        )
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}

/** `gongkai restore --from <dir> [--workspace <dir>]`: a verified backup into a workspace. */
export const restoreCommand: Command = {
  name: 'restore',
  summary:
    'Restore a backup folder into a workspace (verified against its manifest; an empty folder, or --force)',
  usage: 'gongkai restore --from <dir> [--workspace <dir>] [--force] [--json]',
  options: { from: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const from = ctx.flags.from as string | undefined
    if (!from) throw new UsageError('--from <dir> is required: a folder written by gongkai backup')
    const source = resolve(ctx.io.cwd, from)
    const root = ctx.workspace ?? ctx.io.cwd
    let manifest: Awaited<ReturnType<typeof verifyBackup>>
    try {
      manifest = await verifyBackup(source)
    } catch (err) {
      if (!(err instanceof BackupError)) throw err
      ctx.io.err(`backup refused: ${err.message}\n`)
      return ExitCode.failed
    }
    if (!isEmptyDir(root) && !ctx.flags.force) {
      ctx.io.err(
        `${shownPath(ctx.io.cwd, root)} is not empty; restore into an empty folder, or pass --force to replace its store and files\n`
      )
      return ExitCode.failed
    }
    await mkdir(root, { recursive: true })
    const hasConfig = manifest.files.some((f) => f.path === CONFIG_FILE)
    if (!existsSync(join(root, CONFIG_FILE))) {
      if (!hasConfig) {
        ctx.io.err(`${CONFIG_FILE}: the backup has none and ${root} has none; run gongkai init\n`)
        return ExitCode.failed
      }
      await copyFile(join(source, CONFIG_FILE), join(root, CONFIG_FILE))
    }
    const ws = openWorkspace(root, ctx.store ? { storePath: ctx.store.path } : {})
    const filesDir = workspaceFilesDir(ws)
    // Copy beside the targets, then swap: a failed copy leaves the workspace as it was.
    const storeTmp = `${ws.storePath}.restore-${process.pid}`
    const filesTmp = `${filesDir}.restore-${process.pid}`
    await mkdir(join(ws.storePath, '..'), { recursive: true })
    try {
      await copyFile(join(source, 'store.db'), storeTmp)
      await rm(filesTmp, { recursive: true, force: true })
      if (existsSync(join(source, 'files')))
        await cp(join(source, 'files'), filesTmp, { recursive: true })
      else await mkdir(filesTmp, { recursive: true })
      // A journal of the replaced store would be replayed onto the restored one.
      for (const f of [`${ws.storePath}-wal`, `${ws.storePath}-shm`]) await rm(f, { force: true })
      await rename(storeTmp, ws.storePath)
      await rm(filesDir, { recursive: true, force: true })
      await rename(filesTmp, filesDir)
    } finally {
      await rm(storeTmp, { force: true })
      await rm(filesTmp, { recursive: true, force: true })
    }
    // Opening the datastore applies migrations newer than the backup and checks the store reads.
    const store = ws.openStore()
    try {
      const ds = await openDatastore(store, { filesDir, baseUrl: ws.config.baseUrl })
      const datasets = (await ds.listDatasets()).length
      if (ctx.json)
        ctx.io.out(`${JSON.stringify({ ok: true, workspace: root, counts: manifest.counts })}\n`)
      else
        ctx.io.out(
          `restored ${shownPath(ctx.io.cwd, source)} into ${shownPath(ctx.io.cwd, root)} (${datasets} datasets, ${manifest.counts.versions} versions, ${manifest.files.length} files verified)\n`
        )
    } finally {
      await store.close()
    }
    return ExitCode.ok
  },
}
