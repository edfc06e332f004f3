// Writes src/entry-ids.snapshot.json (catalogue id -> ids of the entries that file defines: its
// entries, or a layer's added ones), the record of stable ids: the tests fail when an id in it
// disappears. Run after adding entries. An id may move to another layer of the same field (the
// national table lost a row that the Changning layer keeps): it then moves in the snapshot too.
// (A layer removes an inherited entry by an operation; the id stays reserved in `removed`.)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const path = join(root, 'src/entry-ids.snapshot.json')
const current = {}
const files = readdirSync(join(root, 'data'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(root, 'data', f), 'utf8')))
for (const c of files)
  current[c.id] = [
    ...c.entries.map((e) => e.id),
    ...(c.operations ?? []).flatMap((op) => (op.op === 'add' ? [op.entry.id] : [])),
  ]
// The bottom catalogue of each file's chain: ids are stable within a chain.
const byId = new Map(files.map((c) => [c.id, c]))
const bottomOf = (id) => {
  let c = byId.get(id)
  while (c?.extends && byId.has(c.extends.id)) c = byId.get(c.extends.id)
  return c?.id ?? id
}
const inChain = new Map()
for (const [id, ids] of Object.entries(current)) {
  const b = bottomOf(id)
  inChain.set(b, new Set([...(inChain.get(b) ?? []), ...ids]))
}
// Ids are never dropped from the snapshot: a removed id must stay visible as a failure.
let previous = {}
try {
  previous = JSON.parse(readFileSync(path, 'utf8'))
} catch {}
const merged = {}
for (const id of [...new Set([...Object.keys(previous), ...Object.keys(current)])].sort()) {
  const ids = [...(current[id] ?? [])]
  const chain = inChain.get(bottomOf(id)) ?? new Set()
  for (const old of previous[id] ?? [])
    if (!ids.includes(old) && !(current[id] && chain.has(old))) ids.push(old)
  merged[id] = ids
}
writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`)
