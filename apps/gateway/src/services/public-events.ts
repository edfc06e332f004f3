import type { GatewayDeps } from '../deps.js'
import type { FeedEvent } from './events.js'

/** The dataset an event is about (`datasets/<id>/…`), or undefined for records and catalogues. */
function eventDataset(target: string): string | undefined {
  const m = /^datasets\/([^/]+)\//.exec(target)
  return m?.[1]
}

/**
 * The newest `limit` events the public may see. Events of a dataset that is 非开放 now (or no
 * longer exists) are left out whatever it was when they happened: its title, versions, row counts
 * and withdrawal reasons stay out of the feed. Decided when read, so closing a dataset later hides
 * its past events too.
 */
export async function publicEvents(deps: GatewayDeps, limit: number): Promise<FeedEvent[]> {
  const out: FeedEvent[] = []
  const visible = new Map<string, boolean>()
  const batch = Math.max(limit, 50)
  let before: number | undefined
  for (;;) {
    const events = await deps.events.latest(batch, before)
    for (const e of events) {
      const id = eventDataset(e.target)
      if (id !== undefined) {
        let ok = visible.get(id)
        if (ok === undefined) {
          const d = await deps.datastore.getDataset(id)
          ok = d !== undefined && d.openness !== 'closed'
          visible.set(id, ok)
        }
        if (!ok) continue
      }
      out.push(e)
      if (out.length === limit) return out
    }
    const last = events[events.length - 1]
    if (events.length < batch || !last) return out
    before = last.seq
  }
}
