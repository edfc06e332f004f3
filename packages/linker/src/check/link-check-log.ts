import { randomBytes } from 'node:crypto'
import type { Queryable, Store } from '@gongkai/store'
import { linkerMigrations } from '../content/summary-migrations.js'
import type { LinkCheckResult, LinkStatus } from './link-check-result.js'

/** One run of the link checker as stored. */
export interface LinkCheckRun {
  id: string
  startedAt: string
  finishedAt: string
  /** Results stored for the run. */
  checked: number
}

/** A URL whose status differs between two runs (`before` absent: not checked in the earlier run). */
export interface LinkChange {
  url: string
  before?: LinkStatus
  after: LinkStatus
  httpStatus?: number
  reason: string
}

/** What broke, got fixed or otherwise changed between two runs. */
export interface LinkCheckChanges {
  /** The earlier run compared against (undefined when there was none). */
  from?: string
  /** The later run. */
  to?: string
  /** Now dead or wrong_target; was ok, unreachable, or not checked before. */
  broken: LinkChange[]
  /** Now ok; was dead or wrong_target. */
  fixed: LinkChange[]
  /** Any other change of status (dead ⇄ wrong_target, to or from unreachable…). */
  changed: LinkChange[]
  /** Why no comparison could be made, e.g. an unknown run id. */
  error?: string
}

/** Options of `LinkCheckLog.save`. */
export interface SaveOptions {
  /** Appends to this run (created if new) instead of starting a fresh one. */
  runId?: string
  /** Rows per transaction (default 500). */
  batchSize?: number
}

/** The stored history of link checks. */
export interface LinkCheckLog {
  /** Stores results (streamed, in batches) as one run; returns the run. */
  save(
    results: Iterable<LinkCheckResult> | AsyncIterable<LinkCheckResult>,
    options?: SaveOptions
  ): Promise<LinkCheckRun>
  /** The most recent result for one URL. */
  latest(url: string): Promise<LinkCheckResult | undefined>
  /** The most recent result of every URL ever checked, ordered by URL. */
  latest(): Promise<LinkCheckResult[]>
  /** Compares a run (default: the latest) with an earlier one (default: the run before it). */
  changesSince(previousRunId?: string, currentRunId?: string): Promise<LinkCheckChanges>
  /** Every run, oldest first. */
  runs(): Promise<LinkCheckRun[]>
  /** The latest status of each of `urls` that was ever checked (one indexed read per 500 URLs). */
  statuses(urls: readonly string[]): Promise<Map<string, LinkStatus>>
}

interface Row {
  url: string
  status: LinkStatus
  http_status: number | null
  reason: string
  redirects: string
  final_url: string
  title: string | null
  checked_at: string
  elapsed_ms: number
}

interface RunRow {
  id: string
  started_at: string
  finished_at: string
  checked: number
}

const toResult = (r: Row): LinkCheckResult => {
  let redirects: string[] = []
  try {
    const parsed: unknown = JSON.parse(r.redirects)
    if (Array.isArray(parsed)) redirects = parsed.map(String)
  } catch {
    // A hand-edited row: keep the result, drop the unreadable chain.
  }
  const out: LinkCheckResult = {
    url: r.url,
    status: r.status,
    reason: r.reason,
    redirects,
    finalUrl: r.final_url,
    checkedAt: r.checked_at,
    elapsedMs: Number(r.elapsed_ms),
  }
  if (r.http_status !== null) out.httpStatus = Number(r.http_status)
  if (r.title !== null) out.title = r.title
  return out
}

const toRun = (r: RunRow): LinkCheckRun => ({
  id: r.id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  checked: Number(r.checked),
})

// Sortable by start time, unique across processes without a shared counter.
const newRunId = (at: string): string =>
  `${at.replace(/[-:.]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(4).toString('hex')}`

const COLUMNS =
  'url, status, http_status, reason, redirects, final_url, title, checked_at, elapsed_ms'
const BROKEN = new Set<LinkStatus>(['dead', 'wrong_target'])

/**
 * Opens the link-check log in a store (applies migration `linker/003-link-checks`).
 * @example const log = await openLinkCheckLog(store); const run = await log.save(checkLinks(urls))
 */
export async function openLinkCheckLog(store: Store): Promise<LinkCheckLog> {
  await store.migrate(linkerMigrations)
  const insertSql = `INSERT INTO linker_link_checks (run_id, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id, url) DO UPDATE SET status = excluded.status, http_status = excluded.http_status,
reason = excluded.reason, redirects = excluded.redirects, final_url = excluded.final_url,
title = excluded.title, checked_at = excluded.checked_at, elapsed_ms = excluded.elapsed_ms`

  const runs = async (): Promise<LinkCheckRun[]> =>
    (
      await store.all<RunRow>(
        'SELECT id, started_at, finished_at, checked FROM linker_check_runs ORDER BY started_at, id'
      )
    ).map(toRun)

  const save: LinkCheckLog['save'] = async (results, options = {}) => {
    const startedAt = new Date().toISOString()
    const runId = options.runId ?? newRunId(startedAt)
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? 500))
    await store.run(
      `INSERT INTO linker_check_runs (id, started_at, finished_at, checked) VALUES (?, ?, ?, 0)
ON CONFLICT (id) DO NOTHING`,
      [runId, startedAt, startedAt]
    )
    let batch: LinkCheckResult[] = []
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return
      const rows = batch.map((r) => [
        runId,
        r.url,
        r.status,
        r.httpStatus ?? null,
        r.reason,
        JSON.stringify(r.redirects ?? []),
        r.finalUrl ?? r.url,
        r.title ?? null,
        r.checkedAt,
        Math.round(r.elapsedMs ?? 0),
      ])
      const results = batch
      batch = []
      await store.transaction(async (tx) => {
        await tx.runMany(insertSql, rows)
        for (const r of results) await keepLatest(tx, runId, r)
        await tx.run(
          `UPDATE linker_check_runs SET finished_at = ?,
checked = (SELECT COUNT(*) FROM linker_link_checks WHERE run_id = ?) WHERE id = ?`,
          [new Date().toISOString(), runId, runId]
        )
      })
    }
    for await (const r of results) {
      batch.push(r)
      if (batch.length >= batchSize) await flush()
    }
    await flush()
    const row = await store.get<RunRow>(
      'SELECT id, started_at, finished_at, checked FROM linker_check_runs WHERE id = ?',
      [runId]
    )
    return toRun(row as RunRow)
  }

  async function latest(url: string): Promise<LinkCheckResult | undefined>
  async function latest(): Promise<LinkCheckResult[]>
  async function latest(url?: string): Promise<LinkCheckResult | LinkCheckResult[] | undefined> {
    if (url !== undefined) {
      const row = await store.get<Row>(
        `SELECT ${COLUMNS} FROM linker_link_checks WHERE url = ? ORDER BY checked_at DESC, run_id DESC LIMIT 1`,
        [url]
      )
      return row ? toResult(row) : undefined
    }
    const rows = await store.all<Row>(
      `SELECT ${COLUMNS} FROM (
  SELECT ${COLUMNS}, ROW_NUMBER() OVER (PARTITION BY url ORDER BY checked_at DESC, run_id DESC) AS n
  FROM linker_link_checks) AS t WHERE n = 1 ORDER BY url`
    )
    return rows.map(toResult)
  }

  const changesSince: LinkCheckLog['changesSince'] = async (previousRunId, currentRunId) => {
    const all = await runs()
    const empty: LinkCheckChanges = { broken: [], fixed: [], changed: [] }
    const known = (id: string) => all.some((r) => r.id === id)
    const to = currentRunId ?? all[all.length - 1]?.id
    if (to === undefined) return { ...empty, error: 'no link-check runs stored yet' }
    if (!known(to)) return { ...empty, error: `run "${to}" not found` }
    const toIndex = all.findIndex((r) => r.id === to)
    const from = previousRunId ?? all[toIndex - 1]?.id
    if (from !== undefined && !known(from)) {
      return {
        ...empty,
        to,
        error: `run "${from}" not found; known runs: ${all.map((r) => r.id).join(', ')}`,
      }
    }
    const rows = await store.all<Row & { before: LinkStatus | null }>(
      `SELECT c.url, c.status, c.http_status, c.reason, c.redirects, c.final_url, c.title, c.checked_at,
  c.elapsed_ms, p.status AS before
FROM linker_link_checks c LEFT JOIN linker_link_checks p ON p.url = c.url AND p.run_id = ?
WHERE c.run_id = ? AND (p.status IS NULL OR p.status <> c.status) ORDER BY c.url`,
      [from ?? '', to]
    )
    const out: LinkCheckChanges = from === undefined ? { to, ...empty } : { from, to, ...empty }
    for (const r of rows) {
      const change: LinkChange = { url: r.url, after: r.status, reason: r.reason }
      if (r.before !== null) change.before = r.before
      if (r.http_status !== null) change.httpStatus = Number(r.http_status)
      if (BROKEN.has(r.status) && (r.before === null || !BROKEN.has(r.before)))
        out.broken.push(change)
      else if (r.status === 'ok' && r.before !== null && BROKEN.has(r.before))
        out.fixed.push(change)
      else if (r.before !== null) out.changed.push(change)
    }
    return out
  }

  const statuses: LinkCheckLog['statuses'] = async (urls) => {
    const out = new Map<string, LinkStatus>()
    const unique = [...new Set(urls)]
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500)
      const rows = await store.all<{ url: string; status: LinkStatus }>(
        `SELECT url, status FROM linker_link_latest WHERE url IN (${chunk.map(() => '?').join(', ')})`,
        chunk
      )
      for (const r of rows) out.set(r.url, r.status)
    }
    return out
  }

  return { save, latest, changesSince, runs, statuses }
}

/**
 * Keeps `linker_link_latest` and the per-entry broken counts in step with one stored result: when it
 * is now the URL's latest check and it moves the URL in or out of 断链/错链, every entry bound to the
 * URL gains or loses one broken link. So pages never read the whole log.
 */
async function keepLatest(tx: Queryable, runId: string, r: LinkCheckResult): Promise<void> {
  const old = await tx.get<{ status: LinkStatus; checked_at: string; run_id: string }>(
    'SELECT status, checked_at, run_id FROM linker_link_latest WHERE url = ?',
    [r.url]
  )
  // Same order as latest(): checked_at, then run id; a result saved again for its run replaces itself.
  const newer =
    !old ||
    old.run_id === runId ||
    r.checkedAt > old.checked_at ||
    (r.checkedAt === old.checked_at && runId > old.run_id)
  if (!newer) return
  await tx.run(
    `INSERT INTO linker_link_latest (url, status, checked_at, run_id) VALUES (?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at, run_id = excluded.run_id`,
    [r.url, r.status, r.checkedAt, runId]
  )
  const delta = Number(BROKEN.has(r.status)) - Number(old ? BROKEN.has(old.status) : false)
  if (delta !== 0)
    await tx.run(
      `UPDATE linker_entry_counts SET broken = broken + ?
WHERE (catalogue, entry) IN (SELECT catalogue, entry FROM bindings WHERE url = ?)`,
      [delta, r.url]
    )
}
