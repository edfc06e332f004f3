import { SaxesParser } from 'saxes'
import type { ProblemHandler } from './source-problem.js'

/** One record element (`<url>`, `<item>`, `<entry>`, `<sitemap>`) read from an XML stream. */
export interface XmlRecord {
  /** Element name, e.g. `url`. */
  name: string
  /** 0-based position among the records of the file (broken ones included). */
  index: number
  /** 1-based line of the record's start tag. */
  line: number
  /** Text of descendant elements by path below the record, e.g. `loc`, `news:news/news:title`. */
  text: Map<string, string[]>
  /** Attributes of descendant elements by path, e.g. Atom `link` and `category`. */
  attributes: Map<string, Record<string, string>[]>
}

/** Options of {@link xmlRecords}. */
export interface XmlRecordsOptions {
  /** Source name used in problems. */
  file: string
  /** Names of the record elements. */
  records: readonly string[]
  onProblem: ProblemHandler
  /** Called once with the name of the root element, before any record. */
  onRoot?: (name: string) => void
  /** Called with the text before the first record (channel or feed header), at most 64 KiB. */
  onPrelude?: (text: string) => void
  /** A record longer than this many characters is skipped as broken (default 8 MiB). */
  maxRecordChars?: number
}

// Entities of HTML that CMS feeds put into XML although XML does not define them.
const HTML_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  copy: '©',
  reg: '®',
  middot: '·',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  times: '×',
  laquo: '«',
  raquo: '»',
}

const countLines = (s: string, from = 0, to = s.length) => {
  let n = 0
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++
  return n
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1)

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Streams the record elements of an XML document. The text is cut into records first and each
 * record is parsed on its own, so a malformed record is reported (with its line) and skipped
 * while the records after it are still read; a whole-document parser cannot recover like that.
 * Memory stays bounded by the largest record, whatever the size of the file.
 */
export async function* xmlRecords(
  chunks: AsyncIterable<string>,
  options: XmlRecordsOptions
): AsyncGenerator<XmlRecord> {
  const { file, onProblem } = options
  const names = options.records.map(escapeRe).join('|')
  // `<sm:url>` in a document that binds the sitemap namespace to a prefix is still a `<url>`.
  const startRe = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?(?:${names}))(?=[\\s>/])`, 'g')
  const maxChars = options.maxRecordChars ?? 8 * 1024 * 1024
  let buf = ''
  // Records are read at `pos`; text before it is dropped only now and then, since slicing the
  // buffer after every record would copy it over and over.
  let pos = 0
  let line = 1 // line number at `linePos`
  let linePos = 0
  let root: string | undefined
  let index = 0
  let ended = false
  const iterator = chunks[Symbol.asyncIterator]()
  let prelude = options.onPrelude ? '' : undefined
  const closers = new Map<string, RegExp>()
  const recordParser = new RecordParser()

  const more = async () => {
    const next = await iterator.next()
    if (next.done) {
      ended = true
      return false
    }
    if (pos > 65536 && pos > buf.length / 2) {
      line += countLines(buf, linePos, pos)
      if (prelude !== undefined && prelude.length < 65536) prelude += buf.slice(0, pos)
      buf = buf.slice(pos)
      pos = 0
      linePos = 0
    }
    buf += next.value
    return true
  }
  const lineAt = (at: number) => {
    line += countLines(buf, linePos, at)
    linePos = at
    return line
  }

  // The root element names the format (urlset, sitemapindex, rss, feed).
  while (root === undefined) {
    const m = /<([A-Za-z_][\w.:-]*)/.exec(
      buf.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, (x) => ' '.repeat(x.length))
    )
    if (m?.[1]) {
      root = m[1]
      options.onRoot?.(root)
      break
    }
    if (!(await more())) {
      onProblem({ file, line: 1, message: 'no XML root element found' })
      return
    }
  }

  for (;;) {
    startRe.lastIndex = pos
    const start = startRe.exec(buf)
    if (!start) {
      if (ended) return
      // Keep a tail that may hold the beginning of a start tag cut by the chunk boundary.
      pos = Math.max(pos, buf.length - 64)
      await more()
      continue
    }
    const name = start[1] as string
    if (prelude !== undefined) {
      options.onPrelude?.(prelude + buf.slice(0, start.index))
      prelude = undefined
    }
    let closeRe = closers.get(name)
    if (!closeRe) {
      closeRe = new RegExp(`</${escapeRe(name)}\\s*>`, 'g')
      closers.set(name, closeRe)
    }
    let startAt = start.index
    closeRe.lastIndex = startAt
    let close = closeRe.exec(buf)
    while (!close && !ended && buf.length - startAt <= maxChars) {
      // Offsets from `pos` survive the compaction `more` may do.
      const fromOff = Math.max(startAt, buf.length - name.length - 3) - pos
      const startOff = startAt - pos
      await more()
      startAt = pos + startOff
      closeRe.lastIndex = pos + fromOff
      close = closeRe.exec(buf)
    }
    const begin = { index: startAt }
    const recordLine = lineAt(begin.index)
    // Another record starting before this one closes means this one lost its end tag.
    startRe.lastIndex = begin.index + 1
    const nextStart = startRe.exec(buf)
    if (!close || (nextStart && nextStart.index < close.index)) {
      const reason =
        close || nextStart
          ? `<${name}> has no end tag`
          : `<${name}> is not closed before the end of the file`
      onProblem({
        file,
        line: recordLine,
        element: `${localName(name)}[${index}]`,
        message: reason,
      })
      index++
      if (nextStart && (!close || nextStart.index < close.index)) {
        pos = nextStart.index
        continue
      }
      if (!close) {
        if (ended) return
        pos = begin.index + 1
        continue
      }
    }
    const end = (close as RegExpExecArray).index + (close as RegExpExecArray)[0].length
    const text = buf.slice(begin.index, end)
    const record = recordParser.parse(text, name, index, recordLine, file, onProblem)
    index++
    pos = end
    if (record) yield record
  }
}

/**
 * Parses one record element at a time with one saxes parser: `close()` resets saxes, so the
 * parser (costly to build) is reused for every record.
 */
class RecordParser {
  private readonly parser = new SaxesParser({ xmlns: false, fragment: true })
  private record!: XmlRecord
  private path: string[] = []
  private texts: string[] = []
  private error: string | undefined
  private errorLine = 0
  private prefix = ''

  constructor() {
    const parser = this.parser
    parser.on('opentag', (tag) => {
      // Children in the record's own prefix (`sm:loc` under `sm:url`) are keyed by local name.
      this.path.push(
        this.prefix && tag.name.startsWith(this.prefix)
          ? tag.name.slice(this.prefix.length)
          : tag.name
      )
      this.texts.push('')
      const key = this.path.slice(1).join('/')
      if (key && Object.keys(tag.attributes).length > 0) {
        const list = this.record.attributes.get(key) ?? []
        list.push(tag.attributes as Record<string, string>)
        this.record.attributes.set(key, list)
      }
    })
    const onText = (t: string) => {
      const n = this.texts.length
      if (n > 0) this.texts[n - 1] += t
    }
    parser.on('text', onText)
    parser.on('cdata', onText)
    parser.on('closetag', () => {
      const key = this.path.slice(1).join('/')
      const t = this.texts.pop() ?? ''
      this.path.pop()
      // A parent's text includes its children's: an Atom `type="xhtml"` title is a <div>.
      const n = this.texts.length
      if (n > 0) this.texts[n - 1] += t
      if (key) {
        const list = this.record.text.get(key) ?? []
        list.push(t.trim())
        this.record.text.set(key, list)
      }
    })
    parser.on('error', (e) => {
      if (this.error === undefined) {
        this.error = e.message.replace(/^\d+:\d+:\s*/, '')
        this.errorLine = this.record.line + parser.line - 1
      }
    })
  }

  parse(
    xml: string,
    name: string,
    index: number,
    line: number,
    file: string,
    onProblem: ProblemHandler
  ) {
    const local = localName(name)
    this.prefix = name.slice(0, name.length - local.length)
    this.record = { name: local, index, line, text: new Map(), attributes: new Map() }
    this.path = []
    this.texts = []
    this.error = undefined
    // saxes rebuilds its entity table on every reset (`close()`), so the HTML ones go back each time.
    Object.assign(this.parser.ENTITIES, HTML_ENTITIES)
    try {
      this.parser.write(xml).close()
    } catch (e) {
      this.error ??= (e as Error).message
      // A throw leaves saxes mid-document; a fresh start is the only safe state.
      this.parser._init()
    }
    if (this.error !== undefined) {
      onProblem({
        file,
        line: this.errorLine || line,
        element: `${local}[${index}]`,
        message: `malformed <${name}>: ${this.error}`,
      })
      return undefined
    }
    return this.record
  }
}
