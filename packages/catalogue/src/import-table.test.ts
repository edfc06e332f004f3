import { describe, expect, it } from 'vitest'
import { exportTable } from './export-table.js'
import { fieldFromTitle, importTable } from './import-table.js'
import { education } from './test-fixtures.js'

describe('field from the title', () => {
  it('imports a plain published table without a field option when its title names the field', () => {
    const html = exportTable(education(), 'html', { machineColumns: false })
    const r = importTable(html)
    expect(r.catalogue.field).toBe('compulsory_education')
    expect(r.ok).toBe(true)
  })

  it('takes the longest field name in the title, and none when the title names no field', () => {
    expect(fieldFromTitle('某某街道社会救助领域基层政务公开标准目录')).toBe('social_assistance')
    expect(fieldFromTitle('国有土地上房屋征收与补偿领域基层政务公开标准目录')).toBe(
      'housing_expropriation'
    )
    expect(fieldFromTitle('工作动态')).toBeUndefined()
  })
})
