import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type HolidayDataError,
  type HolidayYearFile,
  holidayDataError,
  validateHolidayYear,
} from './holiday-year.js'

/** A validated holiday-cn year file and the file it came from. */
export interface HolidayYearSource {
  file: string
  data: HolidayYearFile
}

/** Result of reading a folder of holiday-cn year files. */
export interface ReadHolidayYearsResult {
  files: HolidayYearSource[]
  errors: HolidayDataError[]
}

/**
 * Reads every `*.json` file of `dir` (sorted by name) as a holiday-cn year file; never throws.
 * Files that cannot be read, are not JSON or have the wrong shape are reported in `errors` by file name.
 */
export function readHolidayYears(dir: string): ReadHolidayYearsResult {
  const files: HolidayYearSource[] = []
  const errors: HolidayDataError[] = []
  let names: string[]
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
  } catch (e) {
    errors.push(holidayDataError('', `cannot read the folder: ${(e as Error).message}`, dir))
    return { files, errors }
  }
  for (const name of names) {
    const file = join(dir, name)
    let json: unknown
    try {
      json = JSON.parse(readFileSync(file, 'utf8'))
    } catch (e) {
      errors.push(holidayDataError('', `not readable JSON: ${(e as Error).message}`, file))
      continue
    }
    const checked = validateHolidayYear(json, file)
    if (checked.ok) files.push({ file, data: checked.value })
    else errors.push(...checked.errors)
  }
  return { files, errors }
}
