import type { Queryable } from '@gongkai/store'

/** Which item an event row of `cases_item_events` belongs to. */
export type ItemKind = 'message' | 'consultation'

/** Events of one item in entry order, payload merged back (type and date first, as entered). */
export async function readItemEvents<E extends { type: string; date: string }>(
  q: Queryable,
  kind: ItemKind,
  id: string
): Promise<E[]> {
  const rows = await q.all<{ type: string; date: string; payload: string | null }>(
    'SELECT type, date, payload FROM cases_item_events WHERE kind = ? AND item_id = ? ORDER BY seq',
    [kind, id]
  )
  return rows.map(
    (r) => ({ type: r.type, date: r.date, ...(r.payload ? JSON.parse(r.payload) : {}) }) as E
  )
}

/** Events of many items, grouped by item id, each in entry order. */
export async function readItemEventsOf<E extends { type: string; date: string }>(
  q: Queryable,
  kind: ItemKind,
  ids: readonly string[]
): Promise<Map<string, E[]>> {
  const out = new Map<string, E[]>()
  // Chunks keep the parameter count under SQLite's limit.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const rows = await q.all<{
      item_id: string
      type: string
      date: string
      payload: string | null
    }>(
      `SELECT item_id, type, date, payload FROM cases_item_events WHERE kind = ?
       AND item_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY item_id, seq`,
      [kind, ...chunk]
    )
    for (const r of rows) {
      const e = { type: r.type, date: r.date, ...(r.payload ? JSON.parse(r.payload) : {}) } as E
      const list = out.get(r.item_id)
      if (list) list.push(e)
      else out.set(r.item_id, [e])
    }
  }
  return out
}

/** Appends one event row (seq = position in entry order, from 1). */
export async function insertItemEvent(
  q: Queryable,
  kind: ItemKind,
  id: string,
  seq: number,
  event: { type: string; date: string }
): Promise<void> {
  const { type, date, ...rest } = event as Record<string, unknown> & { type: string; date: string }
  await q.run(
    'INSERT INTO cases_item_events (kind, item_id, seq, type, date, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      kind,
      id,
      seq,
      type,
      date,
      Object.keys(rest).length ? JSON.stringify(rest) : null,
      new Date().toISOString(),
    ]
  )
}

/** The next `seq` of a table and an id `<prefix>-<year>-<seq>` not yet taken (or `wanted`, refused when taken). */
export async function allocateId(
  q: Queryable,
  table: 'cases_messages' | 'cases_consultations',
  prefix: string,
  date: string,
  wanted: string | undefined,
  taken: (id: string) => Error
): Promise<{ id: string; seq: number }> {
  const row = await q.get<{ n: number }>(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM ${table}`)
  const seq = Number(row?.n ?? 1)
  const exists = async (id: string) =>
    !!(await q.get(`SELECT 1 AS x FROM ${table} WHERE id = ?`, [id]))
  if (wanted !== undefined) {
    if (await exists(wanted)) throw taken(wanted)
    return { id: wanted, seq }
  }
  const base = `${prefix}-${date.slice(0, 4)}-${String(seq).padStart(6, '0')}`
  let id = base
  for (let k = 2; await exists(id); k++) id = `${base}-${k}`
  return { id, seq }
}
