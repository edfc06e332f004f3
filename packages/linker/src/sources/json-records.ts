import type { ProblemHandler } from './source-problem.js'

/** One record object cut from a JSON stream, with its line. */
export interface JsonRecord {
  value: unknown
  line: number
  index: number
}

/**
 * Streams the record objects of a JSON export without parsing the whole file: the objects of
 * the first array that holds objects (`[{…}]`, `{"data": [{…}]}`), or each top-level object of
 * JSON Lines. Each record is parsed on its own, so a malformed record is reported with its line
 * and the next ones are still read.
 */
export async function* jsonRecords(
  chunks: AsyncIterable<string>,
  file: string,
  onProblem: ProblemHandler
): AsyncGenerator<JsonRecord> {
  // Container stack: '[' or '{' per open level.
  const stack: string[] = []
  let inString = false
  let escaped = false
  let line = 1
  // Depth (stack length before the '{') at which record objects open; fixed by the first one.
  let recordDepth = -1
  let recordParent: string | undefined
  let record: string[] | undefined
  let recordLine = 0
  let index = 0
  let sawRecordArray = false

  for await (const chunk of chunks) {
    let segmentStart = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (c === 10) line++
      if (inString) {
        if (escaped) escaped = false
        else if (c === 92) escaped = true
        else if (c === 34) inString = false
        continue
      }
      if (c === 34) {
        inString = true
        continue
      }
      if (c === 123 /* { */ || c === 91 /* [ */) {
        const open = c === 123 ? '{' : '['
        // A first top-level object that holds an array of objects is a wrapper
        // (`{"total": 3, "data": [{…}]}`), not a JSON Lines record: records are one level down.
        const unwrap =
          open === '{' &&
          record !== undefined &&
          recordDepth === 0 &&
          index === 0 &&
          stack.length === 2 &&
          stack[1] === '['
        if (unwrap) record = undefined
        if (open === '{' && record === undefined) {
          const parent = stack[stack.length - 1]
          const isRecord = unwrap
            ? true
            : recordDepth === -1
              ? parent === '[' || stack.length === 0
              : stack.length === recordDepth && parent === recordParent
          if (isRecord) {
            if (recordDepth === -1 || unwrap) {
              recordDepth = stack.length
              recordParent = parent
              sawRecordArray = parent === '['
            }
            record = []
            segmentStart = i
            recordLine = line
          }
        }
        stack.push(open)
      } else if (c === 125 /* } */ || c === 93 /* ] */) {
        stack.pop()
        if (record !== undefined && stack.length === recordDepth && c === 125) {
          record.push(chunk.slice(segmentStart, i + 1))
          const text = record.join('')
          record = undefined
          try {
            yield { value: JSON.parse(text), line: recordLine, index }
          } catch (e) {
            onProblem({
              file,
              line: recordLine,
              element: `record ${index}`,
              message: `malformed JSON record: ${(e as Error).message}`,
            })
          }
          index++
        }
      }
    }
    if (record !== undefined) record.push(chunk.slice(segmentStart))
  }
  if (record !== undefined || stack.length > 0 || inString) {
    onProblem({
      file,
      line: record !== undefined ? recordLine : line,
      message: 'JSON ends before the document is complete',
    })
  }
  if (index === 0 && !sawRecordArray && recordDepth === -1) {
    onProblem({
      file,
      line: 1,
      message: 'no records found (expected an array of objects or JSON Lines)',
    })
  }
}
