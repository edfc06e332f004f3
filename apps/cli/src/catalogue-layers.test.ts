import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getCatalogue, getLayer } from '@gongkai/catalogues'
import type { Catalogue, CatalogueEntry, EntrySource } from '@gongkai/schema'
import { beforeAll, describe, expect, it } from 'vitest'
import { bufferIo } from './io.js'
import { main } from './main.js'

// The catalogue commands on layers: a workspace with its own street layer over the bundled
// Changning layer of 社会救助 (add, remove, override), and a template layer.

/** Runs `main` in this process, as the binary would, with recorded output. */
async function run(argv: string[], cwd: string) {
  const io = bufferIo(cwd)
  const code = await main(argv, io)
  return { code, stdout: io.stdout, stderr: io.stderr }
}

const BASE = 'social_assistance'
const TOP = 'social_assistance.changning-2021'
const STREET = 'social_assistance.street-x'
const source: EntrySource = {
  status: 'L',
  title: '示例街道政务公开工作规则',
  copies: [{ url: 'https://www.shilqu.example.gov.cn/gz.html', title: '示例街道政务公开工作规则' }],
}

function entry(id: string): CatalogueEntry {
  const first = getCatalogue(BASE)?.entries[0]
  if (!first) throw new Error('fixture: 社会救助 has no entries')
  return {
    ...structuredClone(first),
    id,
    item: { level1: '街道增补', level2: '救助事项公示' },
    source,
  }
}

function streetLayer(): Catalogue {
  const top = getLayer(TOP) as Catalogue
  const base = getCatalogue(BASE) as Catalogue
  const [removed, overridden] = base.entries.map((e) => e.id)
  return {
    id: STREET,
    title: '社会救助领域基层政务公开标准目录（示例街道）',
    kind: 'standard',
    field: 'social_assistance',
    version: '1',
    extends: { id: TOP, version: top.version },
    operations: [
      { op: 'add', entry: entry('street.relief_notice') },
      { op: 'remove', entryId: removed as string, reason: '本街道无此事项', source },
      {
        op: 'override',
        entryId: overridden as string,
        property: 'timeLimit',
        value: { type: 'qualitative', text: '实时公开', kind: 'realtime' },
        source,
      },
    ],
    entries: [],
  }
}

let cwd = ''
let ws = ''
let layer: Catalogue

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'gongkai-layers-'))
  expect((await run(['init', 'ws', '--no-samples'], cwd)).code).toBe(0)
  ws = join(cwd, 'ws')
  layer = streetLayer()
  writeFileSync(join(ws, 'catalogues', `${STREET}.json`), JSON.stringify(layer, null, 2))
})

describe('gongkai init --layer', () => {
  it('stores the level in the config, Changning 2021 by default', async () => {
    const config = (dir: string) =>
      JSON.parse(readFileSync(join(cwd, dir, 'gongkai.config.json'), 'utf8'))
    expect(config('ws').layer).toBe('changning-2021')
    const r = await run(['init', 'ws-sh', '--no-samples', '--layer', 'sh', '--json'], cwd)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).layer).toBe('sh')
    expect(config('ws-sh').layer).toBe('sh')
    const list = await run(['catalogue', 'list', '--workspace', 'ws-sh', '--json'], cwd)
    const rows = JSON.parse(list.stdout) as { id: string; top: boolean; extends: string | null }[]
    const row = (id: string) => rows.find((x) => x.id === id)
    expect(row(`${BASE}.sh`)).toMatchObject({ top: true, extends: BASE })
    expect(row(TOP)?.top).toBe(false)
    expect(row(BASE)?.top).toBe(false)
    expect(row('market_regulation')?.top).toBe(true)
    const bad = await run(['init', 'ws-bad', '--layer', 'changning'], cwd)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--layer expects national, sh, changning-2021')
  })
})

describe('gongkai catalogue provenance', () => {
  it('answers every catalogue and the totals of each field at the workspace top', async () => {
    const r = await run(['catalogue', 'provenance', '--workspace', 'ws', '--json'], cwd)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const p = JSON.parse(r.stdout)
    expect(Object.keys(p)).toEqual(['catalogues', 'totals'])
    const street = p.catalogues.find((c: { id: string }) => c.id === STREET)
    expect(street.extends).toEqual(layer.extends)
    for (const c of p.catalogues) {
      expect(Object.keys(c)).toEqual(['id', 'extends', 'entries'])
      for (const e of c.entries) {
        expect(['N', 'SH', 'L', '?']).toContain(e.status)
        expect(typeof e.layer).toBe('string')
        for (const copy of e.copies) expect(Object.keys(copy).sort()).toEqual(['title', 'url'])
      }
    }
    // The street layer stands for the field: it builds on the Changning layer.
    const n = (getCatalogue(TOP)?.entries.length ?? 0) - 1 + 1
    const t = p.totals.social_assistance
    expect(Object.keys(t)).toEqual(['N', 'SH', 'L', '?'])
    expect(t.N + t.SH + t.L + t['?']).toBe(n)
    expect(p.totals[TOP]).toBeUndefined()
    expect(p.totals.market_regulation).toBeDefined()
  })

  it('answers one catalogue: the layer that added each entry, copies and notes', async () => {
    const r = await run(['catalogue', 'provenance', STREET, '--workspace', 'ws', '--json'], cwd)
    expect(r.code).toBe(0)
    const p = JSON.parse(r.stdout)
    expect(p.catalogues.map((c: { id: string }) => c.id)).toEqual([STREET])
    const entries = p.catalogues[0].entries as {
      id: string
      layer: string
      status: string
      copies: unknown[]
      note?: string
    }[]
    expect(entries.find((e) => e.id === 'street.relief_notice')).toMatchObject({
      status: 'L',
      layer: STREET,
      copies: source.copies,
    })
    // The others come from the national table or the layers between.
    const inBase = new Set(getCatalogue(BASE)?.entries.map((e) => e.id))
    for (const e of entries)
      expect(e.layer, e.id).toEqual(
        e.id === 'street.relief_notice'
          ? STREET
          : inBase.has(e.id)
            ? BASE
            : expect.stringMatching(/^social_assistance\.(sh|changning-2021)$/)
      )
    for (const e of entries) if (e.status === '?') expect(e.note).toBeTruthy()
    expect(Object.keys(p.totals)).toEqual(['social_assistance'])
    const text = await run(['catalogue', 'provenance', STREET, '--workspace', 'ws'], cwd)
    expect(text.stdout).toContain(`${STREET} (extends ${TOP} `)
    expect(text.stdout).toMatch(/street\.relief_notice\s+L\s+social_assistance\.street-x {2}1 copy/)
  })

  it('refuses an unknown id or two ids with exit 2', async () => {
    expect((await run(['catalogue', 'provenance', 'nope'], cwd)).code).toBe(2)
    expect((await run(['catalogue', 'provenance', BASE, TOP], cwd)).code).toBe(2)
  })
})

describe('gongkai catalogue show', () => {
  it('answers the resolved layer, by id and by file', async () => {
    const byId = await run(['catalogue', 'show', STREET, '--workspace', 'ws', '--json'], cwd)
    expect(byId.code).toBe(0)
    const c = JSON.parse(byId.stdout) as Catalogue
    expect(c.operations).toBeUndefined()
    expect(c.extends).toEqual(layer.extends)
    const ids = c.entries.map((e) => e.id)
    expect(ids).toContain('street.relief_notice')
    const removed = layer.operations?.[1] as { entryId: string }
    expect(ids).not.toContain(removed.entryId)
    expect(c.removed?.map((r) => r.id)).toEqual([removed.entryId])
    const file = join('ws', 'catalogues', `${STREET}.json`)
    const byFile = await run(['catalogue', 'show', file, '--workspace', 'ws', '--json'], cwd)
    expect(JSON.parse(byFile.stdout)).toEqual(c)
    // A bundled layer is served resolved too: the entries of the tables below it and its own.
    const top = JSON.parse((await run(['catalogue', 'show', TOP, '--json'], cwd)).stdout)
    expect(top.operations).toBeUndefined()
    expect(top.entries.length).toBe(getCatalogue(TOP)?.entries.length)
    expect(top.entries.length).toBeGreaterThanOrEqual(getCatalogue(BASE)?.entries.length ?? 0)
  })
})

describe('gongkai catalogue diff', () => {
  it("answers a layer's changes from a catalogue below it, with their sources", async () => {
    const r = await run(['catalogue', 'diff', TOP, STREET, '--workspace', 'ws', '--json'], cwd)
    expect(r.code).toBe(0)
    const d = JSON.parse(r.stdout)
    expect(Object.keys(d)).toEqual(['added', 'removed', 'overridden'])
    expect(d.added.map((e: CatalogueEntry) => e.id)).toEqual(['street.relief_notice'])
    const [, remove, override] = layer.operations as { entryId: string }[]
    expect(d.removed).toEqual([{ id: remove?.entryId, reason: '本街道无此事项', source }])
    const before = getCatalogue(TOP)?.entries.find((e) => e.id === override?.entryId)
    expect(d.overridden).toEqual([
      {
        id: override?.entryId,
        property: 'timeLimit',
        from: before?.timeLimit,
        to: { type: 'qualitative', text: '实时公开', kind: 'realtime' },
        source,
      },
    ])
    // With the layer given as a file.
    const file = join('ws', 'catalogues', `${STREET}.json`)
    const viaFile = await run(['catalogue', 'diff', TOP, file, '--workspace', 'ws', '--json'], cwd)
    expect(JSON.parse(viaFile.stdout)).toEqual(d)
    const text = await run(['catalogue', 'diff', TOP, STREET, '--workspace', 'ws'], cwd)
    expect(text.stdout).toContain(`1 added, 1 removed, 1 overridden from ${TOP} to ${STREET}`)
    expect(text.stdout).toContain(
      `- ${remove?.entryId}  本街道无此事项  — 示例街道政务公开工作规则 [L]`
    )
    // Through the layers between: what the Shanghai, Changning and street layers changed together.
    const deep = JSON.parse(
      (await run(['catalogue', 'diff', BASE, STREET, '--workspace', 'ws', '--json'], cwd)).stdout
    )
    const inBase = new Set(getCatalogue(BASE)?.entries.map((e) => e.id))
    const street = JSON.parse(
      (await run(['catalogue', 'show', STREET, '--workspace', 'ws', '--json'], cwd)).stdout
    ) as Catalogue
    expect(deep.added.map((e: CatalogueEntry) => e.id)).toEqual(
      street.entries.filter((e) => !inBase.has(e.id)).map((e) => e.id)
    )
    expect(deep.removed.map((x: { id: string }) => x.id)).toContain(remove?.entryId)
    expect(deep.overridden.map((x: { id: string }) => x.id)).toContain(override?.entryId)
  })

  it("answers today's comparison when the second does not build on the first", async () => {
    const r = await run(['catalogue', 'diff', STREET, TOP, '--workspace', 'ws', '--json'], cwd)
    expect(r.code).toBe(0)
    const d = JSON.parse(r.stdout)
    expect(Object.keys(d).sort()).toEqual(['added', 'catalogue', 'changed', 'removed', 'unchanged'])
    expect(d.removed.map((e: CatalogueEntry) => e.id)).toEqual(['street.relief_notice'])
    expect(d.added).toHaveLength(1)
    expect(d.changed).toHaveLength(1)
    const same = JSON.parse(
      (await run(['catalogue', 'diff', BASE, `${BASE}.sh`, '--json'], cwd)).stdout
    )
    expect(Object.keys(same)).toEqual(['added', 'removed', 'overridden'])
    expect((await run(['catalogue', 'diff', BASE], cwd)).code).toBe(2)
    expect((await run(['catalogue', 'diff', BASE, 'nope'], cwd)).code).toBe(2)
  })
})

describe('export and instantiate on layers', () => {
  it('exports the resolved layer as the official table', async () => {
    const r = await run(
      ['catalogue', 'export', STREET, '--workspace', 'ws', '--format', 'csv'],
      cwd
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('街道增补')
    const removed = getCatalogue(BASE)?.entries[0]
    // The removed row is gone, the others are inherited.
    const rows = r.stdout.split('\r\n').filter((l) => l.includes(removed?.item.level2 ?? '\u0000'))
    expect(rows.length).toBeLessThan(
      getCatalogue(BASE)?.entries.filter((e) => e.item.level2 === removed?.item.level2).length ?? 0
    )
    const file = join('ws', 'catalogues', `${STREET}.json`)
    const byFile = await run(['catalogue', 'export', file, '--workspace', 'ws'], cwd)
    expect(byFile.stdout).toContain('街道增补')
  })

  it('instantiates a template layer with its added entry', async () => {
    const template = getLayer('residents_committee') as Catalogue
    const first = template.entries[0] as CatalogueEntry
    const templateLayer: Catalogue = {
      id: 'residents_committee.street-x',
      title: '{居委会名称}居务公开目录（示例街道）',
      kind: 'residents_committee',
      version: '1',
      extends: { id: 'residents_committee', version: template.version },
      operations: [
        {
          op: 'add',
          entry: {
            ...structuredClone(first),
            id: 'street.garbage_sorting',
            item: { level1: '综合居务', level2: '垃圾分类情况' },
            source,
          },
        },
      ],
      entries: [],
    }
    writeFileSync(
      join(ws, 'catalogues', 'residents_committee.street-x.json'),
      JSON.stringify(templateLayer)
    )
    const r = await run(
      [
        'catalogue',
        'instantiate',
        'residents_committee.street-x',
        '--name',
        '示例居委会',
        '--value',
        '街道名称=示例街道',
        '--id',
        'rc-example',
        '--workspace',
        'ws',
        '--json',
      ],
      cwd
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const made = JSON.parse(readFileSync(join(ws, 'catalogues', 'rc-example.json'), 'utf8'))
    expect(made.entries.map((e: CatalogueEntry) => e.id)).toContain('street.garbage_sorting')
    expect(made.entries).toHaveLength(template.entries.length + 1)
    expect(made.instanceOf).toEqual({ id: 'residents_committee.street-x', version: '1' })
    expect(made.extends).toBeUndefined()
    expect(made.operations).toBeUndefined()
  })
})
