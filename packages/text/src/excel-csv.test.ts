import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv-parser.js'
import { excelCsvRow, excelText, excelTextValue, formatExcelCsv } from './excel-csv.js'

describe('excelText', () => {
  it('prefixes cells Excel would run as formulas, and nothing else', () => {
    for (const s of ['=1+1', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx'])
      expect(excelText(s)).toBe(`'${s}`)
    for (const s of ['', '1', '长宁', ' =1', "'a", 'a=b']) expect(excelText(s)).toBe(s)
    // A quote before a formula start gets one more, so one quote off always gives the value.
    expect(excelText("'=1")).toBe("''=1")
  })

  it('is undone by excelTextValue, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(excelTextValue(excelText(s))).toBe(s)
      })
    )
  })
})

describe('formatExcelCsv', () => {
  it('writes a BOM, CRLF and the prefix on text cells only', () => {
    const text = formatExcelCsv([
      ['名称', '金额'],
      ['=HYPERLINK("http://x")', -5],
    ])
    expect(text).toBe('\uFEFF名称,金额\r\n"\'=HYPERLINK(""http://x"")",-5\r\n')
  })

  it('prefixes only the columns marked as text when told', () => {
    expect(excelCsvRow(['-1', '-1'], 2, [true, false])).toBe("'-1,-1\r\n")
  })

  it('keeps every cell: parsed back, a cell is the value, or the value after one quote', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { maxLength: 5 }),
        (rows) => {
          const back = parseCsv(formatExcelCsv(rows))
          for (const [i, row] of rows.entries()) {
            for (const [k, cell] of row.entries()) {
              const got = back[i]?.[k] ?? ''
              expect(got === cell || got === `'${cell}`).toBe(true)
            }
          }
        }
      )
    )
  })
})
