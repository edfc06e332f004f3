// Writes src/entry-ids.snapshot.json (catalogue id -> ids of the entries that file defines: its
// entries, or a layer's added ones), the record of stable ids: the tests fail when an id in it
// disappears. Run after adding entries. (A layer removes an inherited entry by an operation; the
// id then stays reserved in the resolved catalogue's `removed`.)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const path = join(root, 'src/entry-ids.snapshot.json')
const current = {}
for (const f of readdirSync(join(root, 'data'))
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const c = JSON.parse(readFileSync(join(root, 'data', f), 'utf8'))
  current[c.id] = [
    ...c.entries.map((e) => e.id),
    ...(c.operations ?? []).flatMap((op) => (op.op === 'add' ? [op.entry.id] : [])),
  ]
}
// Ids are never dropped from the snapshot: a removed id must stay visible as a failure.
let previous = {}
try {
  previous = JSON.parse(readFileSync(path, 'utf8'))
} catch {}
const merged = {}
for (const id of [...new Set([...Object.keys(previous), ...Object.keys(current)])].sort()) {
  const ids = [...(current[id] ?? [])]
  for (const old of previous[id] ?? []) if (!ids.includes(old)) ids.push(old)
  merged[id] = ids
}
writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`)
