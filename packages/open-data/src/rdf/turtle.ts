import { openSink, type WriteResult, type WriteTarget } from '../export/sink.js'
import type { CatalogInput } from './catalog-input.js'
import { buildCatalogGraph, buildDatasetGraph, type RdfNode, type RdfValue } from './graph.js'
import { PREFIXES } from './vocab.js'

// biome-ignore lint/suspicious/noControlCharactersInRegex: Turtle strings must escape control characters
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: same set as NEEDS_ESCAPE
const ESCAPES = /["\\\u0000-\u001f]/g
const NAMED: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}
const escapeChar = (c: string): string =>
  NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`

function quoted(s: string): string {
  return NEEDS_ESCAPE.test(s) ? `"${s.replace(ESCAPES, escapeChar)}"` : `"${s}"`
}

function term(v: RdfValue | string): string {
  if (typeof v === 'string') return quoted(v)
  const id = (v as { '@id'?: string })['@id']
  if (id !== undefined) return `<${id}>`
  const lit = v as { '@value': string; '@language'?: string; '@type'?: string }
  const q = quoted(lit['@value'])
  const lang = lit['@language']
  if (lang !== undefined) return `${q}@${lang}`
  const type = lit['@type']
  return type !== undefined ? `${q}^^${type}` : q
}

/** The `@prefix` header for our CURIEs. */
function turtlePrefixes(): string {
  let out = ''
  for (const [p, ns] of Object.entries(PREFIXES)) out += `@prefix ${p}: <${ns}> .\n`
  return out
}

/** One subject block in Turtle (keys are CURIEs over PREFIXES, so they are written as is). */
function turtleNode(node: RdfNode): string {
  const types = node['@type']
  let out = `\n<${node['@id']}> a ${typeof types === 'string' ? types : types.join(', ')}`
  const keys = Object.keys(node)
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string
    if (key.charCodeAt(0) === 64) continue // '@id', '@type'
    const value = node[key] as RdfValue | RdfValue[] | string
    if (Array.isArray(value)) {
      const n = value.length
      if (n === 0) continue
      out += ` ;\n  ${key} ${term(value[0] as RdfValue)}`
      for (let i = 1; i < n; i++) out += `, ${term(value[i] as RdfValue)}`
    } else {
      out += ` ;\n  ${key} ${term(value)}`
    }
  }
  return `${out} .\n`
}

/** Serialises nodes of the internal model as Turtle. */
export function nodesToTurtle(nodes: readonly RdfNode[]): string {
  // Close a part every ~64 K and flatten it (V8 flattens a concatenated string on character
  // access): millions of small concatenations kept alive until one final join would be promoted
  // to the old generation, and GC would then cost more than writing.
  const parts: string[] = []
  let buf = turtlePrefixes()
  for (const node of nodes) {
    buf += turtleNode(node)
    if (buf.length >= 1 << 16) {
      buf.charCodeAt(0)
      parts.push(buf)
      buf = ''
    }
  }
  parts.push(buf)
  return parts.join('')
}

/** Streams nodes as Turtle to a stream or a file path (written atomically), in ~64 KB writes. */
async function writeNodesTurtle(nodes: readonly RdfNode[], out: WriteTarget): Promise<WriteResult> {
  const sink = openSink(out)
  let buf = turtlePrefixes()
  try {
    for (const node of nodes) {
      buf += turtleNode(node)
      if (buf.length >= 1 << 16) {
        await sink.write(buf)
        buf = ''
      }
    }
    await sink.write(buf)
    await sink.close()
  } catch (err) {
    await sink.abort()
    throw err
  }
  return { bytes: sink.bytes, rows: nodes.length }
}

/** The DCAT-AP 3 catalogue (or one Hydra page of it) as Turtle; `closed` datasets never appear. */
export function catalogToTurtle(input: CatalogInput): string {
  return nodesToTurtle(buildCatalogGraph(input))
}

/** Streams the DCAT-AP 3 catalogue as Turtle to a stream or file path; `rows` counts subjects. */
export function writeCatalogTurtle(input: CatalogInput, out: WriteTarget): Promise<WriteResult> {
  return writeNodesTurtle(buildCatalogGraph(input), out)
}

/** One dataset (versions, distributions, publisher, API) as Turtle, or undefined if absent or closed. */
export function datasetToTurtle(input: CatalogInput, datasetId: string): string | undefined {
  const nodes = buildDatasetGraph(input, datasetId)
  return nodes ? nodesToTurtle(nodes) : undefined
}
