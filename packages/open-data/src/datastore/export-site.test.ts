import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../ingest/test-files.js'
import { downloadUrl } from '../rdf/iris.js'
import { openDatastore } from './datastore.js'
import { exportSite } from './export-site.js'

const schema: TableSchema = { fields: [{ name: 'n', type: 'integer' }] }
const descriptor = (id: string, openness: Dataset['openness']): Dataset => ({
  id,
  title: id,
  description: `数据集 ${id}`,
  publisher: { id: 'changning', name: '长宁区' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness,
})

describe('exportSite', () => {
  it('exports unconditional downloads laid out like the URLs, and a catalogue without closed datasets', async () => {
    const dir = tempDir('od-site-')
    const ds = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
      filesDir: join(dir, 'files'),
    })
    await ds.publish({
      descriptor: descriptor('open', 'unconditional'),
      schema,
      source: { rows: [{ n: 1 }] },
    })
    await ds.publish({
      descriptor: descriptor('open', 'unconditional'),
      schema,
      source: { rows: [{ n: 2 }] },
    })
    await ds.publish({
      descriptor: descriptor('cond', 'conditional'),
      schema,
      source: { rows: [{ n: 1 }] },
    })
    await ds.publish({
      descriptor: descriptor('shut', 'closed'),
      schema,
      source: { rows: [{ n: 1 }] },
    })
    await ds.withdraw('open', 1, '更正')
    const out = join(dir, 'site')
    const r = await exportSite(ds, {
      outDir: out,
      baseUrl: 'https://data.example.gov.cn',
      meta: {
        title: '目录',
        description: '开放数据目录',
        publisher: { id: 'changning', name: '长宁区' },
      },
    })
    expect(r).toMatchObject({ datasets: 2, downloads: 1 })
    expect(r.files.filter((f) => f.startsWith('datasets'))).toEqual([
      'datasets/open/versions/2/data.csv',
      'datasets/open/versions/2/data-excel.csv',
      'datasets/open/versions/2/data.json',
      'datasets/open/versions/2/data.ndjson',
      'datasets/open/versions/2/data.csv-metadata.json',
    ])
    expect(readFileSync(join(out, 'datasets/open/versions/2/data.csv'), 'utf8')).toBe('n\r\n2\r\n')
    // The CSVW names its CSV by an absolute URL that maps onto the exported file beside it.
    const metaRel = 'datasets/open/versions/2/data.csv-metadata.json'
    const csvw = JSON.parse(readFileSync(join(out, metaRel), 'utf8'))
    const csvUrl = new URL(csvw.url, `https://data.example.gov.cn/${metaRel}`)
    expect(csvw.url).toBe(downloadUrl('https://data.example.gov.cn', 'open', 2, 'csv'))
    expect(readFileSync(join(out, decodeURIComponent(csvUrl.pathname.slice(1))), 'utf8')).toBe(
      'n\r\n2\r\n'
    )
    expect(csvw.tableSchema.columns[0].name).toBe('n')
    const jsonld = readFileSync(join(out, 'catalog.jsonld'), 'utf8')
    expect(jsonld).toContain('https://data.example.gov.cn/datasets/cond')
    expect(jsonld).not.toContain('/datasets/shut')
    expect(readFileSync(join(out, 'catalog.ttl'), 'utf8')).not.toContain('/datasets/shut')

    const page = await ds.catalogInput(
      'https://x.example',
      { title: 't', description: 'd', publisher: { id: 'p', name: 'P' } },
      { number: 2, size: 1 }
    )
    expect(page.datasets.map((d) => d.descriptor.id)).toEqual(['open'])
    expect(page.page).toEqual({ number: 2, size: 1, total: 2 })
  })
})
