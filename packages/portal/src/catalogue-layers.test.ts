import { resolveCatalogues } from '@gongkai/catalogue'
import { getLayer, layers } from '@gongkai/catalogues'
import type { Catalogue, CatalogueEntry, EntrySource } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { chainOf, entryOrigins, layerFamilies, STATUS_WORDS } from './catalogue-layers.js'
import { portalApp } from './portal-app.js'
import type { SessionStore } from './sessions.js'
import { sourceWith } from './test-source.js'

// The pages on layered catalogues: a street layer over the bundled Changning layer of 社会救助
// adds a row, replaces one row's time limit and removes another.

const TOP = 'social_assistance.changning-2021'
const STREET = 'social_assistance.street-x'
const source: EntrySource = {
  status: 'L',
  title: '示例街道政务公开工作规则',
  docNo: '示街〔2021〕1号',
  copies: [
    { url: 'https://www.shilqu.example.gov.cn/gz.html', title: '示例街道政务公开工作规则' },
    { url: 'javascript:alert(1)', title: '不可点击的副本' },
  ],
}

const national = layers.find((c) => c.id === 'social_assistance') as Catalogue
const [first, second, third] = national.entries as [CatalogueEntry, CatalogueEntry, CatalogueEntry]

const street: Catalogue = {
  id: STREET,
  title: '社会救助领域基层政务公开标准目录（示例街道）',
  kind: 'standard',
  field: 'social_assistance',
  version: '1',
  extends: { id: TOP, version: (getLayer(TOP) as Catalogue).version },
  operations: [
    {
      op: 'add',
      entry: {
        ...structuredClone(first),
        id: 'street.relief_notice',
        seq: 99,
        item: { level1: '街道增补', level2: '临时救助街道公示' },
        source,
      },
    },
    {
      op: 'override',
      entryId: second.id,
      property: 'timeLimit',
      value: { type: 'qualitative', text: '实时公开', kind: 'realtime' },
      source,
    },
    { op: 'remove', entryId: third.id, reason: '本街道无此事项', source },
  ],
  entries: [],
}

const resolved = resolveCatalogues([...layers, street])
const all = resolved.catalogues
const byId = new Map(all.map((c) => [c.id, c]))

const noSessions: SessionStore = {
  create: async () => {
    throw new Error('no sessions in this test')
  },
  get: async () => undefined,
  destroy: async () => undefined,
}
const app = portalApp(
  sourceWith({ catalogues: async () => all, catalogue: async (id) => byId.get(id) }),
  { sessions: noSessions, baseUrl: 'https://gk.test' }
)
const html = async (path: string) => (await app.request(path)).text()
/** The `<tr>` of one entry on a catalogue page. */
const row = (page: string, id: string) =>
  new RegExp(`<tr id="entry-${id.replace(/\./g, '\\.')}"[^>]*>.*?</tr>`, 's').exec(page)?.[0] ?? ''

describe('layers of a catalogue', () => {
  it('resolves the fixture', () => {
    expect(resolved.errors).toEqual([])
  })

  it('tells which layer added a row and which changed it', async () => {
    const chain = await chainOf(byId.get(STREET) as Catalogue, async (id) => byId.get(id))
    expect(chain.map((c) => c.id)).toEqual([
      'social_assistance',
      'social_assistance.sh',
      TOP,
      STREET,
    ])
    const origins = entryOrigins(chain)
    expect(origins.get('street.relief_notice')).toMatchObject({ local: true, changes: [] })
    expect(origins.get('street.relief_notice')?.layer.id).toBe(STREET)
    const changed = origins.get(second.id)
    expect(changed?.layer.id).toBe('social_assistance')
    expect(changed?.local).toBe(false)
    expect(changed?.changes.map((c) => [c.layer.id, c.properties])).toEqual([
      [STREET, ['timeLimit']],
    ])
    expect(origins.has(third.id)).toBe(false)
    expect(
      layerFamilies(all)
        .get(STREET)
        ?.map((c) => c.id)
    ).toEqual(chain.map((c) => c.id))
    expect(
      layerFamilies(all)
        .get('market_regulation')
        ?.map((c) => c.id)
    ).toEqual(['market_regulation'])
  })
})

describe('catalogue pages on layers', () => {
  it('lists each field once, at its top layer, with the other layers linked', async () => {
    const page = await html('/catalogues?field=social_assistance')
    const rows = page.match(/<tr><th scope="row">.*?<\/tr>/gs) ?? []
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain(`href="/catalogues/${STREET}"`)
    for (const id of ['social_assistance', 'social_assistance.sh', TOP])
      expect(rows[0]).toContain(`href="/catalogues/${id}"`)
  })

  it('marks the rows a local layer added with words, not colour alone', async () => {
    const page = await html(`/catalogues/${STREET}`)
    const added = row(page, 'street.relief_notice')
    expect(added).toContain('class="local"')
    expect(added).toMatch(
      /<th scope="row" data-label="一级事项">街道增补 <span class="tag tag-local">地方增补<\/span><\/th>/
    )
    expect(row(page, second.id)).not.toContain('地方增补')
    // Rows the Shanghai, Changning and street layers added: those the national table lacks.
    const inNational = new Set(national.entries.map((e) => e.id))
    const local = (byId.get(STREET)?.entries ?? []).filter((e) => !inNational.has(e.id)).length
    expect(local).toBeGreaterThan(0)
    expect(page).toContain(`增补 ${local} 项（表中标“地方增补”）`)
    // Once per such row: a phone shows the same rows as cards, never a second copy of them.
    const table = /<table class="catalogue-table">[\s\S]*?<\/table>/.exec(page)?.[0] ?? ''
    expect(table.match(/<span class="tag tag-local">地方增补<\/span>/g)).toHaveLength(local)
    expect(page.match(/<span class="tag tag-local">地方增补<\/span>/g)).toHaveLength(local)
    expect(page).toContain(`在 <a href="/catalogues/${TOP}">`)
  })

  it("shows each row's source in a details element: status in words, document, copies, layer", async () => {
    const page = await html(`/catalogues/${STREET}`)
    const added = row(page, 'street.relief_notice')
    expect(added).toMatch(
      /<details class="source"><summary>来源：地方实践<span class="sr-only">（临时救助街道公示）<\/span><\/summary>/
    )
    expect(added).toContain('<dd>地方实践（L）</dd>')
    expect(added).toContain('<dd>示例街道政务公开工作规则（示街〔2021〕1号）</dd>')
    expect(added).toContain('<a href="https://www.shilqu.example.gov.cn/gz.html">')
    expect(added).not.toContain('href="javascript:')
    expect(added).toContain('不可点击的副本')
    expect(added).toContain('由“社会救助领域基层政务公开标准目录（示例街道）”增补')
    const changed = row(page, second.id)
    expect(changed).toContain('出自“社会救助领域基层政务公开标准目录”')
    expect(changed).toContain('“社会救助领域基层政务公开标准目录（示例街道）”修改了：公开时限')
    expect(changed).toContain(`来源：${STATUS_WORDS[second.source.status]}`)
    if (second.source.note) expect(changed).toContain(`<dt>说明</dt>`)
    expect(row(page, third.id)).toBe('')
  })

  it('points from a lower layer to the one the site uses', async () => {
    const page = await html('/catalogues/social_assistance')
    expect(page).toContain(`本站该领域采用 <a href="/catalogues/${STREET}">`)
    expect(await html(`/catalogues/${STREET}`)).not.toContain('本站该领域采用')
  })

  it('shows the source on the entry page', async () => {
    const page = await html(`/catalogues/${STREET}/entries/street.relief_notice`)
    expect(page).toContain('<span class="tag tag-local">地方增补</span>')
    expect(page).toContain('<summary>来源：地方实践')
  })

  it('lists and searches the top layers only', async () => {
    const home = await html('/')
    expect(home).toContain(`href="/catalogues/${STREET}"`)
    expect(home).not.toContain('href="/catalogues/social_assistance"')
    const found = await html(
      `/search?q=${encodeURIComponent(second.item.level2 ?? first.item.level1)}`
    )
    expect(found).toContain(`/catalogues/${STREET}/entries/`)
    expect(found).not.toContain('/catalogues/social_assistance/entries/')
  })
})
