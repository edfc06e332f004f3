import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadCatalogue, loadCatalogueDir, loadCatalogueFile } from './load-catalogue.js'
import { education } from './test-fixtures.js'

describe('loadCatalogue', () => {
  it('accepts a valid catalogue as object or text', () => {
    expect(loadCatalogue(education()).ok).toBe(true)
    expect(loadCatalogue(JSON.stringify(education())).ok).toBe(true)
  })
  it('reports bad JSON with the file name', () => {
    const r = loadCatalogue('{"id": ', { file: 'x.json' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toMatchObject({ file: 'x.json', pointer: '', keyword: 'json' })
  })
  it('reports schema errors with file and pointer', () => {
    const c = education() as unknown as { entries: Record<string, unknown>[] }
    delete c.entries[1]?.timeLimit
    const r = loadCatalogue(c, { file: 'edu.json' })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.errors).toContainEqual(
        expect.objectContaining({
          file: 'edu.json',
          pointer: '/entries/1/timeLimit',
          keyword: 'required',
        })
      )
  })
  it('rejects duplicate entry ids', () => {
    const c = education()
    ;(c.entries[2] as { id: string }).id = 'admission.policy'
    const r = loadCatalogue(c)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toMatchObject({ pointer: '/entries/2/id', keyword: 'unique' })
  })
})

describe('loadCatalogueFile / loadCatalogueDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-cat-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'a.json'), `\uFEFF${JSON.stringify(education())}`)
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...education(), kind: 'nope' }))
  writeFileSync(join(dir, 'c.json'), JSON.stringify(education()))
  writeFileSync(join(dir, 'notes.txt'), 'ignored')

  it('reads a file (BOM tolerated) and reports a missing one', async () => {
    expect((await loadCatalogueFile(join(dir, 'a.json'))).ok).toBe(true)
    const missing = await loadCatalogueFile(join(dir, 'missing.json'))
    expect(missing.ok).toBe(false)
  })
  it('keeps the good files and reports the others per file', async () => {
    const r = await loadCatalogueDir(dir)
    expect(r.catalogues.map((c) => c.id)).toEqual(['edu_test'])
    expect(r.files.map((f) => [f.file.slice(dir.length + 1), f.ok])).toEqual([
      ['a.json', true],
      ['b.json', false],
      ['c.json', false],
    ])
    expect(r.errors).toContainEqual(
      expect.objectContaining({ file: join(dir, 'b.json'), pointer: '/kind' })
    )
    expect(r.errors).toContainEqual(
      expect.objectContaining({ file: join(dir, 'c.json'), keyword: 'unique' })
    )
  })
})
