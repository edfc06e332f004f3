import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Catalogue, validateCatalogue } from '@gongkai/schema'
import {
  type CatalogueError,
  type CatalogueResult,
  fromValidationErrors,
} from './catalogue-error.js'

/** Options of `loadCatalogue`. */
export interface LoadOptions {
  /** File name to put on every error. */
  file?: string
}

/** Entry ids must be unique in a catalogue; the schema cannot say so. */
function duplicateIds(catalogue: Catalogue, file?: string): CatalogueError[] {
  const seen = new Map<string, number>()
  const errors: CatalogueError[] = []
  catalogue.entries.forEach((entry, i) => {
    const first = seen.get(entry.id)
    if (first === undefined) seen.set(entry.id, i)
    else
      errors.push({
        ...(file === undefined ? {} : { file }),
        pointer: `/entries/${i}/id`,
        keyword: 'unique',
        message: `条目 id "${entry.id}" 重复（与 /entries/${first}/id 相同）`,
        expected: 'unique entry id',
        actual: JSON.stringify(entry.id),
      })
  })
  return errors
}

/**
 * Validates a catalogue given as parsed JSON or as JSON text; never throws.
 * @example loadCatalogue(text, { file: 'health.json' }) // { ok: true, value } | { ok: false, errors }
 */
export function loadCatalogue(
  input: unknown,
  options: LoadOptions = {}
): CatalogueResult<Catalogue> {
  const { file } = options
  let data = input
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input)
    } catch (err) {
      return {
        ok: false,
        errors: [
          {
            ...(file === undefined ? {} : { file }),
            pointer: '',
            keyword: 'json',
            message: `不是有效的 JSON：${(err as Error).message}`,
            expected: 'JSON text',
            actual: input.slice(0, 80),
          },
        ],
      }
    }
  }
  const result = validateCatalogue(data)
  if (!result.ok) return { ok: false, errors: fromValidationErrors(result.errors, file) }
  const dupes = duplicateIds(result.value, file)
  if (dupes.length > 0) return { ok: false, errors: dupes }
  return { ok: true, value: result.value }
}

/** Reads and validates one catalogue file; unreadable files are errors, not throws. */
export async function loadCatalogueFile(path: string): Promise<CatalogueResult<Catalogue>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    return {
      ok: false,
      errors: [
        {
          file: path,
          pointer: '',
          keyword: 'read',
          message: `无法读取文件：${(err as Error).message}`,
        },
      ],
    }
  }
  // A UTF-8 BOM (Windows editors) is not part of the JSON.
  return loadCatalogue(text.replace(/^\uFEFF/, ''), { file: path })
}

/** Outcome of loading a folder: the good catalogues and a report per file. */
export interface LoadDirResult {
  /** Valid catalogues, in file-name order. */
  catalogues: Catalogue[]
  /** One line per `*.json` file. */
  files: { file: string; ok: boolean; errors: CatalogueError[] }[]
  /** Every error of every file. */
  errors: CatalogueError[]
}

/** Loads every `*.json` in a folder (not recursive), keeping the valid ones and reporting the rest. */
export async function loadCatalogueDir(dir: string): Promise<LoadDirResult> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()
  } catch (err) {
    const error: CatalogueError = {
      file: dir,
      pointer: '',
      keyword: 'read',
      message: `无法读取目录：${(err as Error).message}`,
    }
    return { catalogues: [], files: [], errors: [error] }
  }
  const out: LoadDirResult = { catalogues: [], files: [], errors: [] }
  const ids = new Map<string, string>()
  for (const name of names) {
    const file = join(dir, name)
    const result = await loadCatalogueFile(file)
    let errors = result.ok ? [] : result.errors
    if (result.ok) {
      const other = ids.get(result.value.id)
      if (other !== undefined)
        errors = [
          {
            file,
            pointer: '/id',
            keyword: 'unique',
            message: `目录 id "${result.value.id}" 与 ${other} 重复`,
            expected: 'unique catalogue id',
            actual: JSON.stringify(result.value.id),
          },
        ]
      else {
        ids.set(result.value.id, file)
        out.catalogues.push(result.value)
      }
    }
    out.files.push({ file, ok: errors.length === 0, errors })
    out.errors.push(...errors)
  }
  return out
}
