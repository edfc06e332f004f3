import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { schemasDir } from '../scripts/generate.js'
import { labelOf, vocabularies } from './vocabularies.js'

const codes = JSON.parse(readFileSync(`${schemasDir}codes.schema.json`, 'utf8')) as {
  $defs: Record<string, { enum: string[]; description: string }>
}

// codes.schema.json def -> [vocabulary file, list]
const pairs: Record<string, [string, 'items' | 'grounds']> = {
  channelCode: ['channels', 'items'],
  fieldCode: ['fields', 'items'],
  sectorCode: ['sectors', 'items'],
  contentCategoryCode: ['content-categories', 'items'],
  attributeCode: ['disclosure-attributes', 'items'],
  opennessClass: ['openness-classes', 'items'],
  modeCode: ['modes', 'items'],
  levelCode: ['levels', 'items'],
  fiveOpennessCode: ['five-openness', 'items'],
  durationCode: ['durations', 'items'],
  triggerCode: ['triggers', 'items'],
  interpretationForm: ['interpretation-forms', 'items'],
  contentKind: ['content-kinds', 'items'],
  validityCode: ['validity', 'items'],
  withholdingGround: ['disclosure-attributes', 'grounds'],
}

describe('codes.schema.json', () => {
  it('has a vocabulary pairing for every code list', () => {
    expect(Object.keys(codes.$defs).sort()).toEqual(Object.keys(pairs).sort())
  })

  for (const [def, [file, list]] of Object.entries(pairs)) {
    it(`${def} equals the codes of vocabularies/${file}.json ${list}`, () => {
      const raw = JSON.parse(readFileSync(`${schemasDir}vocabularies/${file}.json`, 'utf8')) as {
        items: { code: string }[]
        grounds?: { code: string }[]
      }
      expect(codes.$defs[def]?.enum).toEqual((raw[list] ?? []).map((t) => t.code))
    })
  }
})

describe('vocabularies', () => {
  it('bundles every vocabulary file keyed by id', () => {
    const files = readdirSync(`${schemasDir}vocabularies`).filter((f) => f.endsWith('.json'))
    expect(Object.keys(vocabularies).sort()).toEqual(files.map((f) => f.slice(0, -5)).sort())
    expect(vocabularies.channels.items[0]?.code).toBe('gov_website')
  })

  it('labelOf finds items and grounds, and is undefined for unknown codes', () => {
    expect(labelOf('channels', 'gov_website')).toBe('政府网站')
    expect(labelOf('disclosure-attributes', 'state_secret')).toBe('国家秘密')
    expect(labelOf('channels', 'nope')).toBeUndefined()
    expect(labelOf('nope', 'gov_website')).toBeUndefined()
  })
})
