import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type TableField,
  type TableSchema,
  validateBindingRules,
  validateContentItem,
  validateDataset,
  validateTableSchema,
  vocabularies,
} from '@gongkai/schema'
import { parseCsv } from '@gongkai/text'
import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'

// The sample workspace that `gongkai init` copies; the catalogues it binds to are the bundled ones.
const samples = fileURLToPath(new URL('../samples/', import.meta.url))
const catalogueData = fileURLToPath(new URL('../../../packages/catalogues/data/', import.meta.url))
const HOST = 'https://www.shilqu.example.gov.cn/'
const MAX_CSV_BYTES = 200 * 1024

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

/** Header and records of a CSV file, records keyed by header. */
function readCsv(path: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...body] = parseCsv(readFileSync(path, 'utf8'))
  const records = body.map((cells, k) => {
    expect(cells.length, `${path} line ${k + 2}: cell count`).toBe(header.length)
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))
  })
  return { header, records }
}

/** GB 11643 check: true for an 18-character resident ID with a real birth date and check digit. */
function isResidentId(s: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(s)) return false
  const y = +s.slice(6, 10)
  const m = +s.slice(10, 12)
  const d = +s.slice(12, 14)
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = w.reduce((acc, wk, i) => acc + wk * Number(s[i]), 0)
  return '10X98765432'[sum % 11] === s[17]
}

/** Problems of one cell against its table-schema field, in the words of the ingest report. */
function cellProblems(field: TableField, value: string): string[] {
  const c = field.constraints ?? {}
  if (value === '') return c.required ? ['required'] : []
  const problems: string[] = []
  const asNumber = Number(value)
  const typeOk = {
    string: true,
    integer: /^[+-]?\d+$/.test(value),
    number: /^[+-]?\d+(\.\d+)?$/.test(value),
    boolean: /^(true|false)$/.test(value),
    date: /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)),
    datetime: !Number.isNaN(Date.parse(value)),
    year: /^\d{4}$/.test(value),
    geopoint: /^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/.test(value),
  }[field.type]
  if (!typeOk) problems.push(`not a ${field.type}`)
  if (c.enum && !c.enum.includes(value)) problems.push('not in enum')
  if (c.pattern && !new RegExp(`^(?:${c.pattern})$`, 'u').test(value)) problems.push('pattern')
  if (typeof c.minimum === 'number' && asNumber < c.minimum) problems.push('below minimum')
  if (typeof c.maximum === 'number' && asNumber > c.maximum) problems.push('above maximum')
  return problems
}

describe('sample datasets', () => {
  const root = join(samples, 'datasets')
  const ids = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory())

  it('has the four datasets', () => {
    expect(ids.sort()).toEqual([
      'compulsory-schools',
      'elderly-care-institutions',
      'market-inspection-results',
      'minimum-living-allowance-stats',
    ])
  })

  for (const id of ids) {
    describe(id, () => {
      const descriptor = readJson(join(root, id, 'descriptor.json'))
      const schema = readJson(join(root, id, 'schema.json')) as TableSchema
      const csvPath = join(root, id, 'data.csv')

      it('descriptor is a valid dataset with the sample publisher, licence and contact', () => {
        const r = validateDataset(descriptor)
        expect(r.ok ? [] : r.errors).toEqual([])
        if (!r.ok) return
        expect(r.value.id).toBe(id)
        expect(r.value.license).toBe('https://creativecommons.org/licenses/by/4.0/')
        expect(r.value.contact?.email).toBe('opendata@shilqu.example.gov.cn')
        expect(r.value.spatial?.name).toBe('示例区')
        expect(r.value.description.match(/[\u4e00-\u9fff]/g)?.length ?? 0).toBeGreaterThanOrEqual(
          60
        )
        if (r.value.openness === 'conditional') expect(r.value.accessConditions).toBeTruthy()
      })

      it('table schema is valid and its keys name real fields', () => {
        const r = validateTableSchema(schema)
        expect(r.ok ? [] : r.errors).toEqual([])
        const names = schema.fields.map((f) => f.name)
        const keys = [schema.primaryKey ?? []].flat()
        expect(keys.length).toBeGreaterThan(0)
        for (const k of [...keys, ...(schema.filterColumns ?? [])]) expect(names).toContain(k)
      })

      it('CSV header equals the field names and every cell fits its field', () => {
        expect(statSync(csvPath).size).toBeLessThan(MAX_CSV_BYTES)
        const { header, records } = readCsv(csvPath)
        expect(header).toEqual(schema.fields.map((f) => f.name))
        expect(records.length).toBeGreaterThan(0)
        const problems: string[] = []
        records.forEach((rec, k) => {
          for (const f of schema.fields) {
            for (const p of cellProblems(f, rec[f.name] ?? ''))
              problems.push(`row ${k + 2} ${f.name}: ${p}`)
          }
        })
        expect(problems).toEqual([])
      })

      it('primary key and unique columns have no duplicates', () => {
        const { records } = readCsv(csvPath)
        const keys = [schema.primaryKey ?? []].flat()
        const seen = new Set(records.map((r) => keys.map((k) => r[k]).join('\u0000')))
        expect(seen.size).toBe(records.length)
        for (const f of schema.fields.filter((x) => x.constraints?.unique)) {
          expect(new Set(records.map((r) => r[f.name])).size, f.name).toBe(records.length)
        }
      })

      it('holds no resident ID or mobile number in any cell', () => {
        const { records } = readCsv(csvPath)
        const found = records.flatMap((r) =>
          Object.values(r).flatMap((v) => [
            ...[...v.matchAll(/(?<![0-9A-Z])\d{17}[\dX](?![0-9A-Z])/g)]
              .map((m) => m[0])
              .filter(isResidentId),
            ...[...v.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)].map((m) => m[0]),
          ])
        )
        expect(found).toEqual([])
      })
    })
  }

  it('declares a name mask on the elderly-care contact person only, and no privacy.allow', () => {
    const fields = ids.flatMap((id) =>
      (readJson(join(root, id, 'schema.json')) as TableSchema).fields.map((f) => ({ id, f }))
    )
    expect(
      fields.filter(({ f }) => f.mask).map(({ id, f }) => `${id}/${f.name}:${f.mask?.type}`)
    ).toEqual(['elderly-care-institutions/联系人:name'])
    // The institutions' addresses and switchboards (once mask: keep) pass the guard by themselves:
    // a declaration there would let a teacher's mobile through too.
    expect(fields.filter(({ f }) => f.privacy)).toEqual([])
  })
})

describe('sample content export', () => {
  const { header, records } = readCsv(join(samples, 'content', 'site-export.csv'))
  const terms = (id: keyof typeof vocabularies, grounds = false) => {
    const v = vocabularies[id]
    const map = new Map<string, string>()
    for (const t of (grounds ? v.grounds : v.items) ?? []) {
      map.set(t.label, t.code)
      for (const a of t.aliases ?? []) map.set(a, t.code)
    }
    return map
  }
  const attributes = terms('disclosure-attributes')
  const grounds = terms('disclosure-attributes', true)
  const validity = terms('validity')
  const kinds = terms('content-kinds')
  const forms = terms('interpretation-forms')

  it('has the CMS headers and about 160 items', () => {
    expect(header).toEqual([
      '标题',
      '链接',
      '索引号',
      '发文字号',
      '发布机构',
      '主题分类',
      '栏目',
      '成文日期',
      '发布日期',
      '公开属性',
      '不予公开理由',
      '有效性',
      '类型',
      '解读形式',
      '解读对象',
    ])
    expect(records.length).toBeGreaterThanOrEqual(150)
    expect(records.length).toBeLessThanOrEqual(200)
    expect(new Set(records.map((r) => r.链接)).size).toBe(records.length)
  })

  it('every row maps to a valid content item on the sample host', () => {
    const problems: string[] = []
    records.forEach((r, k) => {
      const code = (map: Map<string, string>, text = '') =>
        text ? (map.get(text) ?? `?${text}`) : undefined
      const item = Object.fromEntries(
        Object.entries({
          url: r.链接,
          title: r.标题,
          indexNo: r.索引号 || undefined,
          docNo: r.发文字号 || undefined,
          issuer: r.发布机构 || undefined,
          topic: r.主题分类 || undefined,
          column: r.栏目 || undefined,
          formedAt: r.成文日期 || undefined,
          publishedAt: r.发布日期 || undefined,
          attribute: r.公开属性
            ? {
                code: code(attributes, r.公开属性),
                ...(r.不予公开理由 ? { ground: code(grounds, r.不予公开理由) } : {}),
              }
            : undefined,
          validity: code(validity, r.有效性),
          kind: code(kinds, r.类型),
          interpretationForm: code(forms, r.解读形式),
          interprets: r.解读对象 ? [r.解读对象] : undefined,
        }).filter(([, v]) => v !== undefined)
      )
      const result = validateContentItem(item)
      if (!result.ok)
        problems.push(
          `line ${k + 2}: ${result.errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`
        )
      if (!r.链接?.startsWith(HOST)) problems.push(`line ${k + 2}: link not on ${HOST}`)
    })
    expect(problems).toEqual([])
  })

  it('covers the cases the linker reports on', () => {
    const days = (r: Record<string, string>) =>
      (Date.parse(r.发布日期 ?? '') - Date.parse(r.成文日期 ?? '')) / 86_400_000
    const normative = records.filter((r) => r.类型 === '规范性文件')
    expect(normative.length).toBeGreaterThanOrEqual(18)
    expect(new Set(normative.map((r) => r.有效性))).toEqual(
      new Set(['现行有效', '已修改', '已废止'])
    )
    const interpretations = records.filter((r) => r.类型 === '政策解读')
    const explained = new Set(interpretations.map((r) => r.解读对象))
    const targets = new Set(records.flatMap((r) => [r.发文字号, r.链接]))
    for (const t of explained) expect(targets, `解读对象 ${t}`).toContain(t)
    expect(
      normative.filter((r) => explained.has(r.发文字号) || explained.has(r.链接)).length
    ).toBeGreaterThan(normative.length / 2)
    expect(new Set(interpretations.map((r) => r.解读形式))).toEqual(
      new Set(['文字解读', '图解', '视频', '问答'])
    )
    expect(records.filter((r) => r.公开属性 === '').length).toBeGreaterThan(0)
    expect(records.filter((r) => r.公开属性 === '依申请公开').length).toBeGreaterThan(0)
    const withheld = records.filter((r) => r.公开属性 === '不予公开')
    expect(withheld.length).toBeGreaterThan(0)
    for (const r of withheld) expect(r.不予公开理由).toBeTruthy()
    // 40+ calendar days is more than 20 working days even across a holiday week.
    expect(records.filter((r) => days(r) > 40).length).toBeGreaterThanOrEqual(5)
    expect(
      records.filter((r) => r.栏目 === '通知公告' || r.栏目 === '工作动态').length
    ).toBeGreaterThan(0)
    const years = new Set(records.map((r) => r.发布日期?.slice(0, 4)))
    expect(years).toEqual(new Set(['2021', '2022', '2023', '2024', '2025', '2026']))
  })
})

describe('sample bindings', () => {
  const rules = readJson(join(samples, 'bindings.json'))
  const urls = new Set(
    readCsv(join(samples, 'content', 'site-export.csv')).records.map((r) => r.链接)
  )

  it('is valid against binding-rules.schema.json', () => {
    const r = validateBindingRules(rules)
    expect(r.ok ? [] : r.errors).toEqual([])
  })

  it('refers only to entries of the bundled catalogues and to exported content', () => {
    const r = validateBindingRules(rules)
    if (!r.ok) throw new Error('bindings.json is invalid')
    const b = r.value
    const refs = [...(b.rules ?? []), ...(b.manual ?? []), ...(b.exclusions ?? [])].flatMap((x) =>
      x.entry ? [x.entry] : []
    )
    // A national id stands for its field: an entry may live in a layer above the national table
    // (rows no official copy supports are in the Changning layer, with their ids).
    const entryIds = (catalogue: string): string[] =>
      [catalogue, `${catalogue}.sh`, `${catalogue}.changning-2021`].flatMap((id) => {
        const file = join(catalogueData, `${id}.json`)
        if (!existsSync(file)) return []
        const data = readJson(file) as {
          entries: { id: string }[]
          operations?: { op: string; entry?: { id: string } }[]
        }
        return [
          ...data.entries.map((e) => e.id),
          ...(data.operations ?? []).flatMap((op) => (op.entry ? [op.entry.id] : [])),
        ]
      })
    for (const ref of refs) expect(entryIds(ref.catalogue), ref.catalogue).toContain(ref.entry)
    for (const c of b.catalogues ?? []) expect(entryIds(c).length).toBeGreaterThan(0)
    for (const x of [...(b.manual ?? []), ...(b.exclusions ?? [])])
      expect(urls).toContain(x.content)
    expect(b.rules?.some((x) => x.titlePattern)).toBe(true)
    expect(b.exclusions?.every((x) => x.reason)).toBe(true)
  })
})

describe('sample Atom feed', () => {
  it('is well-formed XML with entries linking to the sample site', () => {
    const parser = new SaxesParser({ xmlns: true })
    const errors: string[] = []
    const hrefs: string[] = []
    let entries = 0
    parser.on('error', (e) => errors.push(e.message))
    parser.on('opentag', (tag) => {
      if (tag.local === 'entry') entries++
      if (tag.local === 'link' && tag.attributes.rel?.value === 'alternate')
        hrefs.push(tag.attributes.href?.value ?? '')
    })
    parser.write(readFileSync(join(samples, 'content', 'feed.atom'), 'utf8')).close()
    expect(errors).toEqual([])
    expect(entries).toBeGreaterThanOrEqual(10)
    for (const h of hrefs) expect(h.startsWith(HOST)).toBe(true)
  })
})
