import {
  type CatalogInput,
  catalogToJsonLd,
  datasetToJsonLd,
  nodesToTurtle,
  type RdfNode,
} from '@gongkai/open-data'
import type { Context, Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import { checkId, checkQuery, pathId } from '../http/params.js'
import { sendJson, sendText, VARY } from '../http/respond.js'

/** What an `Accept` header asks of an RDF resource. */
export type RdfView = 'jsonld' | 'turtle' | 'html'

/**
 * The representation of an IRI an `Accept` header prefers: Turtle, JSON-LD (also for JSON, `*∕*`
 * and no header: harvesters often send nothing) or HTML (a browser, answered by a 303).
 */
export function negotiateRdf(accept: string | undefined): RdfView {
  if (!accept) return 'jsonld'
  const types = accept
    .split(',')
    .map((p, i) => {
      const [t, ...params] = p.trim().toLowerCase().split(';')
      const q = params.map((x) => /^\s*q=([\d.]+)/.exec(x)?.[1]).find(Boolean)
      return { t: (t ?? '').trim(), q: q === undefined ? 1 : Number(q), i }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const { t } of types) {
    if (t === 'text/turtle' || t === 'application/x-turtle') return 'turtle'
    if (t === 'application/ld+json' || t === 'application/json' || t === '*/*') return 'jsonld'
    if (t === 'text/html' || t === 'application/xhtml+xml') return 'html'
  }
  return 'jsonld'
}

/** The catalogue metadata every DCAT answer of the gateway shares. */
export function catalogMeta(deps: GatewayDeps) {
  return {
    title: `${deps.config.organisation.name} 开放数据目录`,
    description: `${deps.config.organisation.name} 公开的数据集（DCAT-AP 3）`,
    publisher: deps.config.organisation,
  }
}

/** 303 See Other to a portal page (for browsers asking for HTML). */
export function seeOther(c: Context<Env>, location: string): Response {
  return c.body(null, 303, { location, vary: VARY, 'cache-control': 'public, max-age=60' })
}

interface Node {
  '@id': string
  '@type'?: string | string[]
  [k: string]: unknown
}

// Resources with their own IRI: a description stops at them (they answer for themselves).
// Dataset versions are dcat:Resource: one version's description stops at the others.
const OWN_IRI_TYPES = new Set(['dcat:Dataset', 'dcat:Resource', 'dcat:Catalog', 'dcat:DataService'])

function refsOf(value: unknown, out: string[]): void {
  if (Array.isArray(value)) for (const v of value) refsOf(v, out)
  else if (value !== null && typeof value === 'object') {
    const id = (value as { '@id'?: unknown })['@id']
    if (typeof id === 'string') out.push(id)
  }
}

/**
 * The description of `iri` in a flat graph: its node, its `#fragment` nodes, and every node it
 * reaches through references, stopping at other datasets, catalogues and services.
 */
export function describeIri(graph: readonly Node[], iri: string): Node[] | undefined {
  const byId = new Map(graph.map((n) => [n['@id'], n]))
  if (!byId.has(iri)) return undefined
  const seen = new Set<string>()
  const out: Node[] = []
  const queue = [iri, ...graph.map((n) => n['@id']).filter((id) => id.startsWith(`${iri}#`))]
  while (queue.length) {
    const id = queue.shift() as string
    if (seen.has(id)) continue
    seen.add(id)
    const node = byId.get(id)
    if (!node) continue
    const types = ([] as string[]).concat(node['@type'] ?? [])
    if (id !== iri && types.some((t) => OWN_IRI_TYPES.has(t))) continue
    out.push(node)
    const refs: string[] = []
    for (const [k, v] of Object.entries(node)) if (k !== '@id' && k !== '@type') refsOf(v, refs)
    queue.push(...refs)
  }
  return out
}

/** Sends nodes as JSON-LD or Turtle, with the context of `doc` (a JSON-LD document of ours). */
async function sendNodes(
  c: Context<Env>,
  context: unknown,
  nodes: Node[],
  view: 'jsonld' | 'turtle'
): Promise<Response> {
  if (view === 'turtle') {
    // Nodes come from our own JSON-LD documents, where every node has an @type.
    return sendText(c, nodesToTurtle(nodes as RdfNode[]), {
      contentType: 'text/turtle; charset=utf-8',
      cache: 'list',
    })
  }
  return sendJson(
    c,
    { '@context': context, '@graph': nodes },
    { contentType: 'application/ld+json; charset=utf-8', cache: 'list' }
  )
}

async function catalogInput(deps: GatewayDeps): Promise<CatalogInput> {
  return deps.datastore.catalogInput(deps.config.baseUrl, catalogMeta(deps))
}

function graphOf(doc: object | undefined): { context: unknown; graph: Node[] } | undefined {
  if (!doc) return undefined
  const d = doc as { '@context'?: unknown; '@graph'?: Node[] }
  return { context: d['@context'], graph: d['@graph'] ?? [] }
}

function parseVersion(value: string | undefined): number {
  if (value === undefined || !/^[1-9]\d{0,6}$/.test(value))
    throw badParam('version', 'a version number (1, 2, …)', value)
  return Number(value)
}

/** Answers the description of `iri` taken from one dataset's graph, or 404. */
async function describeInDataset(
  c: Context<Env>,
  deps: GatewayDeps,
  id: string,
  iri: string,
  what: string,
  details: Record<string, unknown>
): Promise<Response> {
  const view = negotiateRdf(c.req.header('accept'))
  const found = graphOf(datasetToJsonLd(await catalogInput(deps), id))
  const nodes = found && describeIri(found.graph, iri)
  if (!found || !nodes) throw new ApiError('not_found', `${what} does not exist`, details)
  if (view === 'html') return seeOther(c, `${deps.config.baseUrl}/datasets/${id}`)
  return sendNodes(c, found.context, nodes, view)
}

/**
 * The IRIs DCAT mints below the base URL that are not files: one dataset version, one
 * distribution, the API (data service), one organisation. Each answers JSON-LD or Turtle by `Accept`, or 303 to the portal.
 */
export function linkedDataRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const base = () => deps.config.baseUrl
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/datasets/:id/versions/:version',
      summary:
        'One published version (its DCAT IRI): JSON-LD or Turtle by Accept; HTML → 303 to the dataset page',
      tag: 'dcat',
      produces: ['application/ld+json', 'text/turtle'],
    },
    async (c) => {
      checkQuery(c, [])
      const id = pathId(c, 'id')
      const version = parseVersion(c.req.param('version'))
      const iri = `${base()}/datasets/${encodeURIComponent(id)}/versions/${version}`
      return describeInDataset(c, deps, id, iri, `version ${version} of dataset "${id}"`, {
        dataset: id,
        version,
      })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/datasets/:id/versions/:version/distributions/:format',
      summary:
        'One distribution of a version (its DCAT IRI): JSON-LD or Turtle by Accept; HTML → 303 to the dataset page',
      tag: 'dcat',
      produces: ['application/ld+json', 'text/turtle'],
    },
    async (c) => {
      checkQuery(c, [])
      const id = pathId(c, 'id')
      const version = parseVersion(c.req.param('version'))
      const format = checkId('format', c.req.param('format'))
      const iri = `${base()}/datasets/${encodeURIComponent(id)}/versions/${version}/distributions/${format}`
      return describeInDataset(
        c,
        deps,
        id,
        iri,
        `distribution "${format}" of dataset "${id}" version ${version}`,
        { dataset: id, version, format }
      )
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1',
      summary:
        'The REST API as a DCAT data service (its IRI and endpoint URL): JSON-LD or Turtle by Accept; HTML → 303 to /docs',
      tag: 'dcat',
      produces: ['application/ld+json', 'text/turtle'],
    },
    async (c) => {
      checkQuery(c, [])
      const view = negotiateRdf(c.req.header('accept'))
      if (view === 'html') return seeOther(c, `${base()}/docs`)
      const found = graphOf(catalogToJsonLd(await catalogInput(deps)))
      const nodes = found && describeIri(found.graph, `${base()}/api/v1`)
      if (!found || !nodes) throw new ApiError('not_found', 'the API is not in the catalogue', null)
      return sendNodes(c, found.context, nodes, view)
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/organisations/:id',
      summary:
        'A publisher (its foaf:Agent IRI): JSON-LD or Turtle by Accept; HTML → 303 to its datasets in the portal',
      tag: 'dcat',
      produces: ['application/ld+json', 'text/turtle'],
    },
    async (c) => {
      checkQuery(c, [])
      const id = pathId(c, 'id')
      const view = negotiateRdf(c.req.header('accept'))
      const found = graphOf(catalogToJsonLd(await catalogInput(deps)))
      const iri = `${base()}/organisations/${encodeURIComponent(id)}`
      const nodes = found && describeIri(found.graph, iri)
      if (!found || !nodes)
        throw new ApiError('not_found', `organisation "${id}" publishes nothing here`, {
          organisation: id,
        })
      if (view === 'html')
        return seeOther(c, `${base()}/datasets?publisher=${encodeURIComponent(id)}`)
      return sendNodes(c, found.context, nodes, view)
    }
  )
}
