import type { Binding } from '@gongkai/schema'

/** A `bindings` row as the content index reads it. */
export interface BindingRow {
  catalogue: string
  entry: string
  url: string
  method: Binding['method']
  rule: string | null
  confidence: number
}

/** The binding a row stores (`rule` only when there is one). */
export function toBinding(r: BindingRow): Binding {
  const b: Binding = {
    entry: { catalogue: r.catalogue, entry: r.entry },
    content: r.url,
    method: r.method,
    confidence: r.confidence,
  }
  if (r.rule) b.rule = r.rule
  return b
}
