import type { Catalogue, CatalogueEntry, EntrySource } from '@gongkai/schema'

// Catalogue layers as the pages see them: resolved catalogues whose `extends` names the catalogue
// below (the national table under Shanghai's layer under Changning's). An entry keeps its id across
// layers, so comparing the layers of one chain tells which one added a row and which changed it.

/** Source statuses in words, for readers who do not know the codes. */
export const STATUS_WORDS: Record<EntrySource['status'], string> = {
  N: '国家标准指引',
  SH: '上海市规定',
  L: '地方实践',
  '?': '待核实',
}

/** Entry properties as the official table names them (the ones a layer may replace). */
export const PROPERTY_WORDS: Record<string, string> = {
  seq: '序号',
  code: '编码',
  category: '类别',
  item: '公开事项',
  contentElements: '公开内容（要素）',
  legalBasis: '公开依据',
  timeLimit: '公开时限',
  duration: '公开时长',
  scope: '公开范围',
  responsibleBodies: '公开主体',
  channels: '公开渠道和载体',
  audience: '公开对象',
  modes: '公开方式',
  levels: '公开层级',
  fiveOpenness: '五公开',
  contactPhone: '咨询电话',
  privacy: '个人信息',
  contentCategory: '内容类别',
  recordSchema: '记录格式',
}

/** Where a row of a layered catalogue comes from. */
export interface EntryOrigin {
  /** The catalogue of the chain that added the row. */
  layer: Catalogue
  /** True when a layer above the chain's bottom added it: a row the table below lacks. */
  local: boolean
  /** Layers above the one that added it that replaced some of its properties. */
  changes: { layer: Catalogue; properties: string[] }[]
}

/**
 * The catalogue and those it builds on, bottom first (it last), looked up by the `extends` ids;
 * the chain stops where a base is unknown or repeats.
 */
export async function chainOf(
  catalogue: Catalogue,
  lookup: (id: string) => Promise<Catalogue | undefined>
): Promise<Catalogue[]> {
  const chain = [catalogue]
  let at = catalogue
  while (at.extends && !chain.some((c) => c.id === at.extends?.id)) {
    const base = await lookup(at.extends.id)
    if (!base) break
    chain.unshift(base)
    at = base
  }
  return chain
}

// Resolution shares the objects it does not change (an override copies the entry and replaces one
// property), so identity settles almost every comparison; JSON is the fallback for copies.
const changed = (a: CatalogueEntry, b: CatalogueEntry): string[] => {
  if (a === b) return []
  const x = a as unknown as Record<string, unknown>
  const y = b as unknown as Record<string, unknown>
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter(
    (k) => k !== 'id' && x[k] !== y[k] && JSON.stringify(x[k]) !== JSON.stringify(y[k])
  )
}

/** Per entry of the chain's last catalogue: the layer that added it and the layers that changed it. */
export function entryOrigins(chain: readonly Catalogue[]): Map<string, EntryOrigin> {
  const out = new Map<string, EntryOrigin>()
  const top = chain[chain.length - 1]
  if (!top) return out
  const byLayer = chain.map((c) => new Map(c.entries.map((e) => [e.id, e])))
  for (const entry of top.entries) {
    const from = byLayer.findIndex((m) => m.has(entry.id))
    const layer = chain[from] as Catalogue
    const changes: EntryOrigin['changes'] = []
    for (let i = from + 1; i < chain.length; i++) {
      const before = byLayer[i - 1]?.get(entry.id)
      const after = byLayer[i]?.get(entry.id)
      const properties = before && after ? changed(before, after) : []
      if (properties.length) changes.push({ layer: chain[i] as Catalogue, properties })
    }
    out.set(entry.id, { layer, local: from > 0, changes })
  }
  return out
}

/**
 * Per catalogue id, the catalogues that share its bottom catalogue (its field's layers), bottom
 * first, itself included; a catalogue that is no layer and has none above it stands alone.
 */
export function layerFamilies(all: readonly Catalogue[]): Map<string, Catalogue[]> {
  const byId = new Map(all.map((c) => [c.id, c]))
  const pathOf = (c: Catalogue) => {
    const path = [c.id]
    let at = c
    while (at.extends && !path.includes(at.extends.id)) {
      const base = byId.get(at.extends.id)
      if (!base) break
      path.unshift(base.id)
      at = base
    }
    return path
  }
  const groups = new Map<string, { c: Catalogue; depth: number }[]>()
  for (const c of all) {
    const path = pathOf(c)
    const bottom = path[0] as string
    groups.set(bottom, [...(groups.get(bottom) ?? []), { c, depth: path.length }])
  }
  const out = new Map<string, Catalogue[]>()
  for (const members of groups.values()) {
    const sorted = members.sort((a, b) => a.depth - b.depth).map((m) => m.c)
    for (const m of sorted) out.set(m.id, sorted)
  }
  return out
}
