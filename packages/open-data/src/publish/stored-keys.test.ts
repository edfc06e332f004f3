import { join } from 'node:path'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openDatastore } from '../datastore/datastore.js'
import { tempDir, writeTemp } from '../ingest/test-files.js'
import { validateRows } from '../ingest/validate-rows.js'

const descriptor: Dataset = {
  id: 'keys',
  title: '编号表',
  description: '主键与唯一列',
  publisher: { id: 'bench', name: '测试' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'unconditional',
}

// A composite primary key, a unique text column and a unique boolean column.
const schema: TableSchema = {
  fields: [
    { name: 'a', type: 'integer' },
    { name: 'b', type: 'string' },
    { name: 'u', type: 'string', constraints: { unique: true } },
    { name: 'f', type: 'boolean', constraints: { unique: true } },
    { name: 'note', type: 'string' },
  ],
  primaryKey: ['a', 'b'],
}

type Rule = [number, string | undefined, string, string]
const rulesOf = (errors: { row: number; column?: string; rule: string; message: string }[]) =>
  errors.map((e): Rule => [e.row, e.column, e.rule, e.message])

/**
 * Publishes `text` with skipBadRows and returns the key errors and the rows stored, next to what
 * validateRows (which checks the keys in memory) reports for the same file.
 */
async function both(text: string) {
  const dir = tempDir('od-keys-')
  const file = writeTemp(dir, 'data.csv', text)
  const ds = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
    filesDir: join(dir, 'files'),
  })
  const published = await ds.publish({ descriptor, schema, source: file, skipBadRows: true })
  if (!published.ok) throw new Error(JSON.stringify(published.errors.slice(0, 3)))
  const validated = await validateRows(file, schema)
  return {
    published: rulesOf(published.skipped.flatMap((s) => s.errors)),
    validated: rulesOf(validated.errors),
    stored: published.rowCount,
    valid: validated.validRowCount,
  }
}

describe('keys checked by the staging table', () => {
  it('reports the same key errors as the in-memory check, at the same rows', async () => {
    const text = [
      'a,b,u,f,note',
      '1,p,m,true,甲',
      '1,p,n,,乙', // duplicate primary key
      '2,p,m,,丙', // duplicate unique u
      '1,p,m,false,丁', // both, and a third use of (1, p)
      'x,p,n,,戊', // a type error: its key cannot be compared; u is new
      '3,q,n,maybe,己', // a type error, u duplicates row 6? no: row 6 was refused, so n is free
      '3,q,o,,庚',
      '4,q,o,false,辛', // unique u duplicates row 8
      '5,q,,true,壬', // unique f duplicates row 2
      '3,q,p,bad,癸', // invalid row whose primary key duplicates row 8: one more error
    ].join('\n')
    const r = await both(text)
    expect(r.published).toEqual(r.validated)
    expect(r.stored).toBe(r.valid)
    expect(r.published.map(([row, column, rule]) => [row, column, rule])).toEqual([
      [3, 'a, b', 'primary-key'],
      [4, 'u', 'unique'],
      [5, 'u', 'unique'],
      [5, 'a, b', 'primary-key'],
      [6, 'a', 'type'],
      [7, 'f', 'type'],
      [9, 'u', 'unique'],
      [10, 'f', 'unique'],
      [11, 'f', 'type'],
      [11, 'a, b', 'primary-key'],
    ])
  })

  it('finds duplicates across batches (a file read in several 1 MB chunks)', async () => {
    const pad = '文'.repeat(1500)
    const lines = ['a,b,u,f,note']
    for (let i = 1; i <= 800; i++) lines.push(`${i % 500},p,u${i},,${pad}`)
    const r = await both(lines.join('\n'))
    expect(r.published).toEqual(r.validated)
    expect(r.published).toHaveLength(300)
    expect(r.published[0]).toEqual([
      502,
      'a, b',
      'primary-key',
      'primary key (a, b) is already used in row 2',
    ])
    expect(r.stored).toBe(500)
  })

  it('any table: the same answer as the in-memory check (property)', async () => {
    const cell = {
      a: fc.constantFrom('1', '2', '3', 'x', ''),
      b: fc.constantFrom('p', 'q'),
      u: fc.constantFrom('m', 'n', 'o', ''),
      f: fc.constantFrom('true', 'false', '', '', '', 'bad'),
    }
    const row = fc.tuple(cell.a, cell.b, cell.u, cell.f).map((c) => `${c.join(',')},x`)
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), async (rows) => {
        const r = await both(['a,b,u,f,note', ...rows].join('\n'))
        expect(r.published).toEqual(r.validated)
        expect(r.stored).toBe(r.valid)
      }),
      { numRuns: 40 }
    )
  })

  it('a masked key column is compared on its raw values, not the masked ones stored', async () => {
    const dir = tempDir('od-keys-mask-')
    const ds = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
      filesDir: join(dir, 'files'),
    })
    const masked: TableSchema = {
      fields: [
        { name: '手机', type: 'string', mask: { type: 'mobile' }, constraints: { unique: true } },
      ],
    }
    // Both mask to 138****5678; the raw numbers differ, so neither is a duplicate.
    const r = await ds.publish({
      descriptor,
      schema: masked,
      source: writeTemp(dir, 'm.csv', '手机\n13812345678\n13899995678\n'),
    })
    expect(r).toMatchObject({ ok: true, rowCount: 2 })
  })
})
