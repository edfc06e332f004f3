import { Readable } from 'node:stream'
import type { ContentItem } from '@gongkai/schema'
import { parse } from 'csv-parse'
import { type ColumnMapping, resolveColumns } from './column-mapping.js'
import type { RawItem } from './raw-item.js'
import { toContentItem } from './raw-item.js'
import { readText } from './read-source.js'
import type { SourceReaderOptions } from './source-options.js'

/** Options of {@link readCmsCsv}. */
export interface CmsCsvOptions extends SourceReaderOptions {
  /** Field -> header; unmapped fields use the default headers (标题, 链接, 索引号 …). */
  mapping?: ColumnMapping
  /** Field separator; detected from the header line (comma, tab, semicolon) when absent. */
  delimiter?: string
}

/** Picks the separator that splits the header line into the most columns. */
function detectDelimiter(firstLine: string): string {
  let best = ','
  let bestCount = 0
  for (const d of [',', '\t', ';', '|']) {
    const n = firstLine.split(d).length - 1
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
}

/**
 * Streams the rows of a CMS CSV export as content items. Each bad row (unreadable quoting, a
 * missing URL, an invalid value) is reported with its line and skipped; the rest are kept.
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
  const first = head.value
  const delimiter =
    options.delimiter ?? detectDelimiter(first.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '')
  async function* rest() {
    yield first
    yield* { [Symbol.asyncIterator]: () => iterator }
  }
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    trim: true,
    on_skip: (err) => {
      options.onProblem({
        file: source,
        line: (err as { lines?: number } | undefined)?.lines,
        message: `unreadable CSV record: ${err?.message ?? 'unknown error'}`,
      })
      return undefined
    },
  })
  const input = Readable.from(rest())
  input.on('error', (e) => parser.destroy(e))
  input.pipe(parser)
  let header: string[] | undefined
  let fields: [keyof RawItem, number][] = []
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number; records: number }
    }>) {
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
            line: info.lines,
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
        { file: source, line: info.lines, element: `row ${info.records}` },
        options.onProblem
      )
      if (item) {
        options.onItem?.(source)
        yield item
      }
    }
  } catch (e) {
    options.onProblem({ file: source, message: `cannot read CSV: ${(e as Error).message}` })
  } finally {
    input.destroy()
  }
}
