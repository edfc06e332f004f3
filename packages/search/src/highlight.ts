import { normaliseWithOffsets } from './normalise.js'
import type { GramKey } from './tokens.js'
import { keysOfRun, runsOf } from './tokens.js'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string)

/** Spans [start, end) of the original text covered by one of the keys. */
export function matchSpans(text: string, keys: ReadonlySet<GramKey>): [number, number][] {
  const norm = normaliseWithOffsets(text)
  const spans: [number, number][] = []
  const mark = (a: number, b: number) => {
    const start = norm.start[a] as number
    const end = norm.end[b] as number
    const last = spans[spans.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else spans.push([start, end])
  }
  for (const run of runsOf(norm.text)) {
    if (run.kind === 'word') {
      if (keys.has(`w${run.word}`)) mark(run.at, run.at + run.word.length - 1)
      continue
    }
    const runKeys = keysOfRun(run)
    if (run.cps.length === 1) {
      if (keys.has(runKeys[0] as GramKey)) mark(run.offsets[0] as number, run.offsets[0] as number)
      continue
    }
    runKeys.forEach((k, i) => {
      if (!keys.has(k)) return
      const a = run.offsets[i] as number
      // end[] of a character's first unit already spans the whole code point.
      mark(a, run.offsets[i + 1] as number)
    })
  }
  return spans
}

const CONTEXT = 24
const WHOLE = 80

/**
 * Fragments of `text` around the spans, HTML-escaped, matches in `<mark>`, cuts shown as `…`:
 * the whole text when it is short, else up to `max` windows.
 */
export function fragments(text: string, spans: readonly [number, number][], max = 2): string[] {
  const render = (from: number, to: number) => {
    let out = from > 0 ? '…' : ''
    let at = from
    for (const [a, b] of spans) {
      if (b <= from || a >= to) continue
      const s = Math.max(a, from)
      const e = Math.min(b, to)
      out += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`
      at = e
    }
    return `${out}${escapeHtml(text.slice(at, to))}${to < text.length ? '…' : ''}`
  }
  if (text.length <= WHOLE) return [render(0, text.length)]
  const windows: [number, number][] = []
  for (const [a, b] of spans) {
    const last = windows[windows.length - 1]
    if (last && a <= last[1]) {
      last[1] = Math.min(text.length, Math.max(last[1], b + CONTEXT))
      continue
    }
    if (windows.length === max) break
    windows.push([Math.max(0, a - CONTEXT), Math.min(text.length, b + CONTEXT)])
  }
  // Never cut a surrogate pair in two.
  const fix = (i: number) => {
    const c = text.charCodeAt(i)
    return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i
  }
  return windows.map(([a, b]) => render(fix(a), b < text.length ? fix(b) : b))
}
