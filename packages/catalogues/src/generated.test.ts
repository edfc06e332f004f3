import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { layers } from './catalogues.js'

const root = join(import.meta.dirname, '..')
const run = (script: string) =>
  execFileSync(process.execPath, [join(root, 'scripts', script), '--stdout'], { encoding: 'utf8' })

describe('generated files', () => {
  it('src/generated/data.ts imports every data file (run scripts/generate-data-index.mjs)', () => {
    expect(readFileSync(join(root, 'src/generated/data.ts'), 'utf8')).toBe(
      run('generate-data-index.mjs')
    )
  })
  it('the README coverage table is current (run scripts/generate-readme-table.mjs)', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(run('generate-readme-table.mjs'))
  })
})

describe('stable entry ids', () => {
  const snapshot: Record<string, string[]> = JSON.parse(
    readFileSync(join(import.meta.dirname, 'entry-ids.snapshot.json'), 'utf8')
  )
  // Ids each file defines: its entries, or a layer's added entries.
  const current = new Map(
    layers.map((c) => [
      c.id,
      new Set([
        ...c.entries.map((e) => e.id),
        ...(c.operations ?? []).flatMap((op) => (op.op === 'add' ? [op.entry.id] : [])),
      ]),
    ])
  )
  // The ids of each field's chain (national <- .sh <- .changning-2021): an id may move between
  // the layers of its field (a national row no official copy supports goes to the Changning layer).
  const bottomOf = (id: string): string => {
    const c = layers.find((l) => l.id === id)
    return c?.extends ? bottomOf(c.extends.id) : id
  }
  const chains = new Map<string, Set<string>>()
  for (const [id, ids] of current) {
    const b = bottomOf(id)
    chains.set(b, new Set([...(chains.get(b) ?? []), ...ids]))
  }
  it('no id in src/entry-ids.snapshot.json has disappeared from its field', () => {
    const gone = Object.entries(snapshot).flatMap(([cat, ids]) =>
      ids.filter((id) => !chains.get(bottomOf(cat))?.has(id)).map((id) => `${cat}/${id}`)
    )
    expect(gone, 'entry ids are stable: restore these or edit the snapshot on purpose').toEqual([])
  })
  it('every current id is in the snapshot (run scripts/generate-entry-ids.mjs)', () => {
    const missing = [...current].flatMap(([cat, ids]) =>
      [...ids].filter((id) => !snapshot[cat]?.includes(id)).map((id) => `${cat}/${id}`)
    )
    expect(missing).toEqual([])
  })
})
