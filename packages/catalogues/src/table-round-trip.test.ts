import { exportTable, importTable } from '@gongkai/catalogue'
import { describe, expect, it } from 'vitest'
import { catalogues } from './catalogues.js'

// Export then import gives the same catalogue, for every bundled catalogue.
describe('official table round trip', () => {
  for (const c of catalogues)
    it(c.id, () => {
      for (const format of ['html', 'csv', 'xlsx-csv'] as const) {
        const r = importTable(exportTable(c, format), {
          format: format === 'html' ? 'html' : 'csv',
        })
        expect(r.ok, `${format}: ${JSON.stringify(r.problems.slice(0, 3))}`).toBe(true)
        expect(r.catalogue, format).toStrictEqual(c)
      }
    })
})
