import { createHash } from 'node:crypto'
import { createReadStream, existsSync, lstatSync, readdirSync } from 'node:fs'
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { CONFIG_FILE, openSqliteStore, type Store } from '@gongkai/store'

/** `format` of a backup manifest. */
const BACKUP_FORMAT = 'gongkai-backup'
/** Version of the manifest layout this code writes and reads. */
const BACKUP_VERSION = 1

/** One file of a backup, relative to the backup folder with `/` separators. */
interface BackupFile {
  path: string
  bytes: number
  sha256: string
}

/** `manifest.json` of a backup folder. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  version: typeof BACKUP_VERSION
  createdAt: string
  /** Migrations applied in the store, in order: a restore names a store newer than its code. */
  migrations: string[]
  /** Rows of the store, so a restore can say what it brings back. */
  counts: { datasets: number; versions: number }
  /** `store.db` first, the workspace's `gongkai.config.json`, then every file under `files/`, sorted. */
  files: BackupFile[]
}

/** A backup or restore refused, naming the file and what was expected. */
export class BackupError extends Error {
  constructor(
    readonly path: string,
    message: string
  ) {
    super(`${path}: ${message}`)
    this.name = 'BackupError'
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function describe(root: string, file: string): Promise<BackupFile> {
  return {
    path: relative(root, file).split(sep).join('/'),
    bytes: (await stat(file)).size,
    sha256: await sha256(file),
  }
}

/** Every regular file under `dir`, sorted; a symbolic link is refused (it could point anywhere). */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    const st = lstatSync(path)
    if (st.isSymbolicLink()) throw new BackupError(path, 'a symbolic link; backups hold files only')
    if (st.isDirectory()) out.push(...walk(path))
    else if (st.isFile()) out.push(path)
  }
  return out
}

/** The published and withdrawn versions a store records, as `<id>/<version>` folder names. */
async function versionFolders(store: Store): Promise<Set<string>> {
  const rows = await store.all<{ dataset_id: string; version: number }>(
    "SELECT dataset_id, version FROM od_versions WHERE status != 'staging'"
  )
  return new Set(rows.map((r) => `${r.dataset_id}/${r.version}`))
}

/**
 * Backs up a workspace into `out` (an empty or new folder): `store.db` (SQLite online backup, safe
 * while the gateway serves and publishes), `files/<id>/<version>/` of every version that copy of
 * the store records (a version published after the snapshot is left out, so the pair agrees), and
 * `manifest.json` with the SHA-256 and size of each file, the migrations and the row counts.
 */
export async function writeBackup(
  store: Store,
  filesDir: string,
  out: string,
  options: { configFile?: string; now?: Date } = {}
): Promise<BackupManifest> {
  const now = options.now ?? new Date()
  await mkdir(out, { recursive: true })
  const storeCopy = join(out, 'store.db')
  await store.backup(storeCopy)
  const copy = openSqliteStore(storeCopy, { readonly: true })
  let folders: Set<string>
  let migrations: string[]
  let counts: BackupManifest['counts']
  try {
    folders = await versionFolders(copy)
    migrations = (
      await copy.all<{ id: string }>('SELECT id FROM _migrations ORDER BY applied_at, rowid')
    ).map((r) => r.id)
    const n = async (table: string) =>
      (await copy.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0
    counts = { datasets: await n('od_datasets'), versions: folders.size }
  } finally {
    await copy.close()
  }
  const files: BackupFile[] = [await describe(out, storeCopy)]
  if (options.configFile && existsSync(options.configFile)) {
    // The workspace config comes along, so a backup restores into an empty folder.
    await copyFile(options.configFile, join(out, CONFIG_FILE))
    files.push(await describe(out, join(out, CONFIG_FILE)))
  }
  for (const file of walk(filesDir)) {
    const rel = relative(filesDir, file).split(sep)
    // Only `<id>/<version>/<file>` of a version the copied store knows.
    if (rel.length !== 3 || !folders.has(`${rel[0]}/${rel[1]}`)) continue
    const target = join(out, 'files', ...rel)
    await mkdir(dirname(target), { recursive: true })
    await copyFile(file, target)
    files.push(await describe(out, target))
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    migrations,
    counts,
    files,
  }
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads and checks a backup folder: the manifest's shape (errors name its JSON pointer), every
 * file listed present with its size and SHA-256, no file that the manifest does not list, no path
 * that leaves the folder. Throws {@link BackupError} at the first problem.
 */
export async function verifyBackup(from: string): Promise<BackupManifest> {
  const file = join(from, 'manifest.json')
  if (!existsSync(file)) throw new BackupError(file, 'missing: not a gongkai backup folder')
  let m: unknown
  try {
    m = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    throw new BackupError(file, `not valid JSON (${(err as Error).message})`)
  }
  const bad = (pointer: string, expected: string) =>
    new BackupError(`${file}#${pointer}`, `expected ${expected}`)
  if (!isObject(m)) throw bad('', 'an object')
  if (m.format !== BACKUP_FORMAT) throw bad('/format', `"${BACKUP_FORMAT}"`)
  if (m.version !== BACKUP_VERSION)
    throw bad('/version', `${BACKUP_VERSION} (this gongkai reads backups of version 1 only)`)
  if (!Array.isArray(m.migrations) || m.migrations.some((x) => typeof x !== 'string'))
    throw bad('/migrations', 'a list of migration ids')
  if (!isObject(m.counts)) throw bad('/counts', 'an object { datasets, versions }')
  if (!Array.isArray(m.files)) throw bad('/files', 'a list of { path, bytes, sha256 }')
  const listed = new Set<string>()
  // Every entry's shape and path first, so a path that leaves the folder is never read.
  const entries = m.files.map((f, i) => {
    if (
      !isObject(f) ||
      typeof f.path !== 'string' ||
      typeof f.bytes !== 'number' ||
      typeof f.sha256 !== 'string'
    )
      throw bad(`/files/${i}`, '{ path, bytes, sha256 }')
    const path = f.path
    if (path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '' || p === '.'))
      throw bad(`/files/${i}/path`, 'a relative path inside the backup folder')
    if (!(path === 'store.db' || path === CONFIG_FILE || path.startsWith('files/')))
      throw bad(`/files/${i}/path`, `"store.db", "${CONFIG_FILE}" or a path under "files/"`)
    if (listed.has(path)) throw bad(`/files/${i}/path`, `a path listed once (${path} repeats)`)
    listed.add(path)
    return { path, bytes: f.bytes, sha256: f.sha256 }
  })
  for (const f of entries) {
    const local = join(from, ...f.path.split('/'))
    if (!existsSync(local)) throw new BackupError(local, 'listed in manifest.json but missing')
    const size = (await stat(local)).size
    if (size !== f.bytes)
      throw new BackupError(local, `${size} bytes, the manifest says ${f.bytes}: the file changed`)
    const sum = await sha256(local)
    if (sum !== f.sha256)
      throw new BackupError(
        local,
        `SHA-256 ${sum}, the manifest says ${f.sha256}: the file changed`
      )
  }
  if (!listed.has('store.db')) throw bad('/files', 'an entry for store.db')
  for (const local of walk(join(from, 'files'))) {
    const rel = relative(from, local).split(sep).join('/')
    if (!listed.has(rel)) throw new BackupError(local, 'not listed in manifest.json')
  }
  return m as unknown as BackupManifest
}
