import { ApiError } from './api-error.js'

/** Longest title (of a dataset, record, catalogue …) the API accepts, in characters. */
const MAX_TITLE_LENGTH = 1000

// Characters no text the API stores may hold: C0 controls but tab, LF and CR; U+FFFE and U+FFFF;
// surrogates that are not part of a pair. They break XML (Atom, RDF/XML), CSV readers and
// terminals, and never belong in 政务公开 text.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

// Objects nested deeper than this are refused rather than walked (a body is a few levels deep).
const MAX_DEPTH = 64

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

const codePoint = (c: string) =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

function refuse(pointer: string, message: string, expected: string, actual: string): never {
  throw new ApiError('bad_request', message, [
    { pointer, keyword: 'text', message, expected, actual },
  ])
}

function checkString(s: string, pointer: string, isTitle: boolean): void {
  const m = FORBIDDEN.exec(s)
  if (m) {
    refuse(
      pointer,
      `${pointer || 'the body'} holds ${codePoint(m[0])} at character ${m.index + 1}, which text may not hold (control characters other than tab, LF and CR, lone surrogates, U+FFFE, U+FFFF)`,
      'text without control characters, lone surrogates, U+FFFE or U+FFFF',
      codePoint(m[0])
    )
  }
  if (isTitle && s.length > MAX_TITLE_LENGTH)
    refuse(
      pointer,
      `${pointer} is ${s.length} characters long; a title may have at most ${MAX_TITLE_LENGTH}`,
      `at most ${MAX_TITLE_LENGTH} characters`,
      `${s.length} characters`
    )
}

/**
 * Checks every string (and key) of a request body: 400 `bad_request` naming the JSON pointer when
 * one holds a character text may not hold, or when a `title` is longer than
 * {@link MAX_TITLE_LENGTH} characters. Done once, when the body is read, so no route can store
 * such text (and no feed or export has to cope with it).
 */
export function checkBodyText(value: unknown, pointer = '', depth = 0): void {
  if (typeof value === 'string') {
    checkString(value, pointer, /\/title$/.test(pointer))
    return
  }
  if (typeof value !== 'object' || value === null) return
  if (depth > MAX_DEPTH)
    refuse(pointer, `${pointer} is nested too deeply`, `at most ${MAX_DEPTH} levels`, 'deeper')
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkBodyText(v, `${pointer}/${i}`, depth + 1)
    return
  }
  for (const [k, v] of Object.entries(value)) {
    const at = `${pointer}/${escapePointer(k)}`
    checkString(k, at, false)
    checkBodyText(v, at, depth + 1)
  }
}
