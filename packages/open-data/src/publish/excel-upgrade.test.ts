import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { openDatastore } from '../datastore/datastore.js'
import { tempDir, writeTemp } from '../ingest/test-files.js'

const descriptor: Dataset = {
  id: 'fees',
  title: '收费项目',
  description: '收费项目清单',
  publisher: { id: 'org', name: '某区' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'unconditional',
}

const schema: TableSchema = {
  fields: [
    { name: '项目', type: 'string' },
    { name: '金额', type: 'number' },
    { name: '=说明', type: 'string' },
  ],
}

const CSV = '项目,金额,=说明\n=HYPERLINK("http://x"),-5,+86 138\n@SUM(A1),3,"\tx"\n普通,1.5,-\n'

describe('Excel CSV', () => {
  it('is written at publish: BOM, and a quote before formula-like text cells only', async () => {
    const dir = tempDir('od-excel-')
    const ds = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
      filesDir: join(dir, 'files'),
    })
    const r = await ds.publish({ descriptor, schema, source: writeTemp(dir, 'fees.csv', CSV) })
    expect(r.ok).toBe(true)
    const canonical = readFileSync(ds.filePath('fees', 1, 'csv'), 'utf8')
    // The canonical CSV keeps the values exactly.
    expect(canonical).toBe(
      '项目,金额,=说明\r\n"=HYPERLINK(""http://x"")",-5,+86 138\r\n@SUM(A1),3,"\tx"\r\n普通,1.5,-\r\n'
    )
    expect(readFileSync(ds.filePath('fees', 1, 'excel-csv'), 'utf8')).toBe(
      '\uFEFF项目,金额,\'=说明\r\n"\'=HYPERLINK(""http://x"")",-5,\'+86 138\r\n\'@SUM(A1),3,\'\tx\r\n普通,1.5,\'-\r\n'
    )
  })

  it('is written for versions published before it, at the next open', async () => {
    const dir = tempDir('od-excel-old-')
    const db = join(dir, 'store.db')
    const filesDir = join(dir, 'files')
    const store = openSqliteStore(db)
    const ds = await openDatastore(store, { filesDir })
    expect(
      (await ds.publish({ descriptor, schema, source: writeTemp(dir, 'f.csv', CSV) })).ok
    ).toBe(true)
    // Make it look like a version of before: a data-bom.csv recorded as csv-bom.
    const excel = ds.filePath('fees', 1, 'excel-csv')
    const old = join(dir, 'files', 'fees', '1', 'data-bom.csv')
    renameSync(excel, old)
    await store.run('UPDATE od_versions SET files = replace(files, \'"excel-csv"\', \'"csv-bom"\')')
    writeFileSync(old, `\uFEFF${readFileSync(ds.filePath('fees', 1, 'csv'), 'utf8')}`)
    await store.close()

    const again = await openDatastore(openSqliteStore(db), { filesDir })
    expect(existsSync(old)).toBe(false)
    expect(readFileSync(excel, 'utf8')).toContain("'=HYPERLINK")
    const [v] = await again.versions('fees')
    const file = v?.files.find((f) => f.format === 'excel-csv')
    expect(file?.bytes).toBe(readFileSync(excel).length)
    expect(v?.files.some((f) => (f.format as string) === 'csv-bom')).toBe(false)
  })
})
