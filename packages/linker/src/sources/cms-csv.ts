import type { ContentItem } from '@gongkai/schema'
import { CsvParser, sniffDelimiter } from '@gongkai/text'
import { type ColumnMapping, resolveColumns } from './column-mapping.js'
import type { RawItem } from './raw-item.js'
import { toContentItem } from './raw-item.js'
import { readText } from './read-source.js'
import type { SourceReaderOptions } from './source-options.js'

/** Options of {@link readCmsCsv}. */
export interface CmsCsvOptions extends SourceReaderOptions {
  /** Field -> header; unmapped fields use the default headers (标题, 链接, 索引号 …). */
  mapping?: ColumnMapping
  /** Field separator; sniffed from the first rows (comma, semicolon, tab, bar) when absent. */
  delimiter?: string
}

/**
 * Streams the rows of a CMS CSV export as content items. Each bad row (unreadable quoting, a
 * missing URL, an invalid value) is reported with its line and skipped; the rest are kept. The
 * separator is sniffed from the first rows unless given; a byte-order mark is dropped.
 */
export async function* readCmsCsv(
  source: string,
  options: CmsCsvOptions
): AsyncGenerator<ContentItem> {
  const iterator = readText(source, options)[Symbol.asyncIterator]()
  const head = await iterator.next().catch((e: Error) => {
    options.onProblem({ file: source, message: `cannot read: ${e.message}` })
    return undefined
  })
  if (!head || head.done) return
  let pending: string | undefined = head.value.replace(/^\uFEFF/, '')
  const parser = new CsvParser(options.delimiter ?? sniffDelimiter(pending))
  let header: string[] | undefined
  let fields: [keyof RawItem, number][] = []
  let records = 0
  let done = false
  try {
    while (!done) {
      const lines: number[] = []
      let batch: string[][]
      if (pending !== undefined) {
        batch = parser.push(pending, lines)
        pending = undefined
      } else {
        const next = await iterator.next()
        done = next.done === true
        batch = next.done ? parser.end(lines) : parser.push(next.value, lines)
      }
      // A record the parser had to repair (broken quoting) is reported and skipped.
      const broken = new Map(parser.issues.splice(0).map((i) => [i.line, i.message]))
      for (let k = 0; k < batch.length; k++) {
        const line = lines[k] as number
        const problem = broken.get(line)
        if (problem !== undefined) {
          options.onProblem({ file: source, line, message: `unreadable CSV record: ${problem}` })
          continue
        }
        const record = (batch[k] as string[]).map((c) => c.trim())
        if (record.length === 0 || (record.length === 1 && record[0] === '')) continue
        records++
        if (!header) {
          header = record
          const columns = resolveColumns(header, options.mapping)
          fields = [...columns].map(
            ([f, col]) => [f, header?.indexOf(col) ?? -1] as [keyof RawItem, number]
          )
          const missing = (['url', 'title'] as const).filter(
            (f) => !columns.has(f) || header?.indexOf(columns.get(f) as string) === -1
          )
          if (missing.length) {
            options.onProblem({
              file: source,
              line,
              element: 'header',
              message: `no column for ${missing.join(', ')} (headers: ${header.join(', ')}); give a mapping`,
            })
            return
          }
          continue
        }
        const raw: Record<string, string> = {}
        for (const [f, i] of fields) {
          const v = i >= 0 ? record[i] : undefined
          if (v) raw[f] = v
        }
        const item = toContentItem(
          raw,
          { file: source, line, element: `row ${records}` },
          options.onProblem
        )
        if (item) {
          options.onItem?.(source)
          yield item
        }
      }
    }
  } catch (e) {
    options.onProblem({ file: source, message: `cannot read CSV: ${(e as Error).message}` })
  } finally {
    await iterator.return?.(undefined)
  }
}
