import { openSink, type WriteResult, type WriteTarget } from '../export/sink.js'
import type { CatalogInput } from './catalog-input.js'
import { buildCatalogGraph, buildDatasetGraph, type RdfNode } from './graph.js'
import { PREFIXES } from './vocab.js'

/** The JSON-LD context we inline: prefix definitions only, so every key is a CURIE that is also valid Turtle. */
const JSONLD_CONTEXT: Readonly<Record<string, string>> = PREFIXES

/** A JSON-LD document of ours: inlined context (nothing to fetch) and a flat graph of IRI nodes. */
export interface JsonLdDocument {
  '@context': Readonly<Record<string, string>>
  '@graph': RdfNode[]
}

/** The DCAT-AP 3 catalogue (or one Hydra page of it) as JSON-LD; `closed` datasets never appear. */
export function catalogToJsonLd(input: CatalogInput): JsonLdDocument {
  return { '@context': JSONLD_CONTEXT, '@graph': buildCatalogGraph(input) }
}

/** One dataset (versions, distributions, publisher, API) as JSON-LD, or undefined if absent or closed. */
export function datasetToJsonLd(
  input: CatalogInput,
  datasetId: string
): JsonLdDocument | undefined {
  const nodes = buildDatasetGraph(input, datasetId)
  return nodes ? { '@context': JSONLD_CONTEXT, '@graph': nodes } : undefined
}

/** Streams the catalogue's JSON-LD to a stream or file path (written atomically); `rows` counts nodes. */
export async function writeCatalogJsonLd(
  input: CatalogInput,
  out: WriteTarget
): Promise<WriteResult> {
  const nodes = buildCatalogGraph(input)
  const sink = openSink(out)
  let buf = `{"@context":${JSON.stringify(JSONLD_CONTEXT)},"@graph":[`
  try {
    for (let i = 0; i < nodes.length; i++) {
      buf += (i === 0 ? '\n' : ',\n') + JSON.stringify(nodes[i])
      if (buf.length >= 1 << 16) {
        await sink.write(buf)
        buf = ''
      }
    }
    await sink.write(`${buf}\n]}\n`)
    await sink.close()
  } catch (err) {
    await sink.abort()
    throw err
  }
  return { bytes: sink.bytes, rows: nodes.length }
}
