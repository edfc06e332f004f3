import type { Store } from '@gongkai/store'
import type { WithdrawResult } from './datastore.js'

/**
 * Marks a published version withdrawn with a reason (`Datastore.withdraw`); its rows and files stay.
 * The current version moves to the latest one still published, or none.
 */
export async function withdrawVersion(
  store: Store,
  now: () => Date,
  id: string,
  version: number,
  reason: string
): Promise<WithdrawResult> {
  if (typeof reason !== 'string' || reason.trim() === '')
    return { ok: false, message: 'a reason is required' }
  return store.transaction(async (tx) => {
    const r = await tx.run(
      "UPDATE od_versions SET status = 'withdrawn', withdrawn_at = ?, withdrawn_reason = ? WHERE dataset_id = ? AND version = ? AND status = 'published'",
      [now().toISOString(), reason.trim(), id, version]
    )
    if (r.changes === 0)
      return {
        ok: false as const,
        message: `dataset "${id}" has no published version ${version}`,
      }
    const cur = await tx.get<{ v: number | null }>(
      "SELECT max(version) AS v FROM od_versions WHERE dataset_id = ? AND status = 'published'",
      [id]
    )
    const currentVersion = cur?.v ?? null
    await tx.run('UPDATE od_datasets SET current_version = ?, updated_at = ? WHERE id = ?', [
      currentVersion,
      now().toISOString(),
      id,
    ])
    return { ok: true as const, currentVersion }
  })
}
