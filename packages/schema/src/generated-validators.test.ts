import { readdirSync, readFileSync } from 'node:fs'
import * as ajvModule from 'ajv'
import Ajv2020 from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generatedDir, readSchemas, validatorRefs } from '../scripts/generate.js'
import { binding } from './generated/validators/binding.js'
import { bindingRules } from './generated/validators/binding-rules.js'
import { catalogue } from './generated/validators/catalogue.js'
import { catalogueEntry } from './generated/validators/catalogue-entry.js'
import { contentItem } from './generated/validators/content-item.js'
import { dataset } from './generated/validators/dataset.js'
import { tableSchema } from './generated/validators/table-schema.js'
import { timeLimit } from './generated/validators/time-limit.js'
import { vocabulary } from './generated/validators/vocabulary.js'
import { workspaceConfig } from './generated/validators/workspace-config.js'
import { createKeywords } from './keywords.js'
import { gkFormats } from './standalone-runtime.js'
import * as fixtures from './test-fixtures.js'

interface Compiled {
  (data: unknown): boolean
  errors?: unknown[] | null
}

const generated: Record<string, Compiled> = {
  binding,
  bindingRules,
  catalogue,
  catalogueEntry,
  contentItem,
  dataset,
  tableSchema,
  timeLimit,
  vocabulary,
  workspaceConfig,
}

// The same schemas compiled at run time by ajv with the generator's options: the reference the
// rewritten standalone modules (pruned constants, compact error sites, split) must match.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  discriminator: true,
  messages: false,
})
for (const [name, format] of Object.entries(gkFormats)) ajv.addFormat(name, format)
for (const def of createKeywords(ajvModule)) ajv.addKeyword(def)
for (const schema of Object.values(readSchemas())) ajv.addSchema(structuredClone(schema))

const reference = (name: string): Compiled => {
  const fn = ajv.getSchema(validatorRefs[name] as string)
  if (!fn) throw new Error(`no schema ${validatorRefs[name]}`)
  return fn as Compiled
}

const outcome = (fn: Compiled, data: unknown) => {
  const valid = fn(data)
  return { valid, errors: valid ? null : structuredClone(fn.errors) }
}

/** Variants of a valid document: each property dropped, replaced by odd values, or added. */
function variants(doc: Record<string, unknown>): unknown[] {
  const out: unknown[] = [doc, null, [], 'text', 0]
  const odd = [null, 1.5, -1, '', 'x', true, [], {}, ['x'], { a: 1 }]
  for (const key of Object.keys(doc)) {
    const { [key]: _dropped, ...rest } = doc
    out.push(rest)
    for (const value of odd) out.push({ ...doc, [key]: value })
  }
  out.push({ ...doc, unexpected: 1 })
  return out
}

describe('generated validator modules', () => {
  it('export every validator the generator names', () => {
    expect(Object.keys(generated).sort()).toEqual(Object.keys(validatorRefs).sort())
  })

  it('contain no run-time code generation', () => {
    for (const file of readdirSync(`${generatedDir}validators`)) {
      const text = readFileSync(`${generatedDir}validators/${file}`, 'utf8')
      expect(text, file).not.toMatch(/new Function|\beval\(|require\(/)
    }
  })

  it('give the same result and errors as ajv compiling the schemas at run time', () => {
    const entry = fixtures.entry() as unknown as Record<string, unknown>
    const docs: Record<string, unknown[]> = {
      catalogue: variants(fixtures.catalogue() as unknown as Record<string, unknown>),
      catalogueEntry: variants(entry),
      timeLimit: variants(entry.timeLimit as Record<string, unknown>),
      contentItem: variants(fixtures.contentItem() as unknown as Record<string, unknown>),
      dataset: variants(fixtures.dataset() as unknown as Record<string, unknown>),
      tableSchema: variants({ fields: [{ name: 'a', type: 'string' }], primaryKey: 'a' }),
      binding: variants({ url: 'https://example.gov.cn/a.html', catalogue: 'c', entry: 'e' }),
      bindingRules: variants({ rules: [], manual: [] }),
      vocabulary: variants({ id: 'modes', title: 'x', items: [{ code: 'a', label: 'A' }] }),
      workspaceConfig: variants({ organisation: { id: 'demo', name: '示例区' } }),
    }
    for (const [name, list] of Object.entries(docs)) {
      const ref = reference(name)
      for (const doc of list) {
        expect(outcome(generated[name] as Compiled, doc), name).toEqual(outcome(ref, doc))
      }
    }
  })

  it('agree with ajv on arbitrary JSON', () => {
    const names = Object.keys(generated)
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.jsonValue(), (name, doc) => {
        expect(outcome(generated[name] as Compiled, doc)).toEqual(outcome(reference(name), doc))
      }),
      { numRuns: 300 }
    )
  })
})
