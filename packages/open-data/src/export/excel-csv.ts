import { createReadStream } from 'node:fs'
import type { TableSchema } from '@gongkai/schema'
import { CsvParser, EXCEL_CSV_BOM, excelCsvRow } from '@gongkai/text'
import { openSink, type WriteResult, type WriteTarget } from './sink.js'

/**
 * Writes the Excel variant of a canonical CSV file (`data.csv` → `data-excel.csv`): UTF-8 BOM,
 * and a `'` before each cell of a `string` field (and each header label) that starts with `=`,
 * `+`, `-`, `@`, tab or CR, so Excel shows it as text instead of running it as a formula. Numbers,
 * dates and booleans are copied as they are (a negative number keeps its sign). It reads the
 * canonical file, not the store, so both always hold the same rows.
 */
export async function writeExcelCsv(
  canonicalCsv: string,
  schema: TableSchema,
  out: WriteTarget
): Promise<WriteResult> {
  const width = schema.fields.length
  const text = schema.fields.map((f) => f.type === 'string')
  const parser = new CsvParser(',')
  const decoder = new TextDecoder('utf-8')
  const sink = openSink(out)
  let rows = -1 // the header is not a row
  const write = async (records: string[][]) => {
    let chunk = ''
    for (const r of records) {
      // The header's labels are text whatever their field's type.
      chunk += excelCsvRow(r, width, rows < 0 ? undefined : text)
      rows++
    }
    if (chunk) await sink.write(chunk)
  }
  try {
    await sink.write(EXCEL_CSV_BOM)
    for await (const bytes of createReadStream(canonicalCsv, { highWaterMark: 1 << 20 }))
      await write(parser.push(decoder.decode(bytes as Buffer, { stream: true })))
    await write([...parser.push(decoder.decode()), ...parser.end()])
    await sink.close()
  } catch (err) {
    await sink.abort()
    throw err
  }
  return { bytes: sink.bytes, rows: Math.max(rows, 0) }
}
