import { checkEntryPrivacy, privacyDeclarations, scanRecord } from '@gongkai/privacy'
import { describe, expect, it } from 'vitest'
import { catalogues, getRecordExamples } from './catalogues.js'

// Every bundled catalogue's record schemas against the entries' own privacy statements, and every
// valid record example through the same guard the API and the portal form run.
describe('privacy declarations of the bundled catalogues', () => {
  it("every record schema's privacy.allow is covered by its entry's privacy.mayShow", () => {
    const problems = catalogues.flatMap((c) => c.entries.flatMap((e) => checkEntryPrivacy(e)))
    expect(problems).toEqual([])
  })

  it('the 低保 publicity list declares its names, limited to the publicity period', () => {
    const entry = catalogues
      .find((c) => c.id === 'social_assistance')
      ?.entries.find((e) => e.id === 'minimum_living.review_publicity')
    expect(privacyDeclarations(entry?.recordSchema)).toEqual([
      {
        pointer: '/properties/rows/items/properties/householdHead/privacy',
        allow: ['name'],
        until: '/periodEnd',
      },
    ])
  })

  it('valid record examples pass the privacy guard; names only where declared', () => {
    for (const c of catalogues) {
      for (const e of c.entries) {
        if (!e.recordSchema) continue
        for (const [i, record] of (getRecordExamples(c.id, e.id)?.valid ?? []).entries()) {
          const blocking = scanRecord(e.recordSchema, record).filter((f) => !f.allowed)
          expect(blocking, `${c.id}.${e.id} valid[${i}]`).toEqual([])
        }
      }
    }
  })
})
