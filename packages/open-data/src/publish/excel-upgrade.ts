import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { TableSchema } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { writeExcelCsv } from '../export/excel-csv.js'
import { type StoredFile, VERSION_FILES } from './version-files.js'

// The file versions published before the Excel variant was written kept instead.
const OLD_FORMAT = 'csv-bom'
const OLD_FILE = 'data-bom.csv'

/**
 * Gives versions published before `data-excel.csv` existed their Excel file, at the first open
 * of the datastore after the upgrade: written from the version's `data.csv` (so the same rows),
 * recorded in place of the old `data-bom.csv`, which is removed. Idempotent, and safe to run from
 * several processes at once (each file is written to a temporary name and renamed).
 * Returns how many versions were upgraded.
 */
export async function upgradeExcelFiles(store: Store, filesDir: string): Promise<number> {
  const old = await store.all<{
    dataset_id: string
    version: number
    table_schema: string
    files: string
  }>(
    "SELECT dataset_id, version, table_schema, files FROM od_versions WHERE status <> 'staging' AND files LIKE ?",
    [`%"${OLD_FORMAT}"%`]
  )
  let upgraded = 0
  for (const v of old) {
    const dir = join(filesDir, v.dataset_id, String(v.version))
    const csv = join(dir, VERSION_FILES.csv)
    // A version whose files are gone (a moved files folder) is left as it is, to be served a 404.
    if (!existsSync(csv)) continue
    const schema = JSON.parse(v.table_schema) as TableSchema
    const excel = await writeExcelCsv(csv, schema, join(dir, VERSION_FILES['excel-csv']))
    const files = (JSON.parse(v.files) as { format: string }[]).map((f) =>
      f.format === OLD_FORMAT
        ? ({ format: 'excel-csv', bytes: excel.bytes, mediaType: 'text/csv' } satisfies StoredFile)
        : f
    )
    await store.run('UPDATE od_versions SET files = ? WHERE dataset_id = ? AND version = ?', [
      JSON.stringify(files),
      v.dataset_id,
      v.version,
    ])
    await rm(join(dir, OLD_FILE), { force: true })
    upgraded++
  }
  return upgraded
}
