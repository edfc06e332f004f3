import { describe, expect, it } from 'vitest'
import { migrateTableSchema } from './migrate-table-schema.js'
import { validateTableSchema } from './validators.js'

describe('migrateTableSchema', () => {
  it('turns mask keep into privacy.allow with a note naming the field, and validates after', () => {
    const old = {
      fields: [
        { name: 'id', type: 'integer' },
        { name: '办公电话', type: 'string', mask: { type: 'keep' } },
      ],
    }
    expect(validateTableSchema(old).ok).toBe(false)
    const m = migrateTableSchema(old)
    expect(m.notes).toHaveLength(1)
    expect(m.notes[0]).toContain('field "办公电话" (/fields/1)')
    expect(m.schema).toEqual({
      fields: [
        { name: 'id', type: 'integer' },
        {
          name: '办公电话',
          type: 'string',
          privacy: {
            allow: ['id_number', 'mobile', 'bank_card', 'email'],
            reason: 'migrated from mask: { type: "keep" } (reviewed and published as it is)',
          },
        },
      ],
    })
    expect(validateTableSchema(m.schema).ok).toBe(true)
  })

  it('leaves current schemas and non-schemas alone', () => {
    const current = { fields: [{ name: 'a', type: 'string', mask: { type: 'name' } }] }
    expect(migrateTableSchema(current)).toEqual({ schema: current, notes: [] })
    expect(migrateTableSchema(null)).toEqual({ schema: null, notes: [] })
  })
})
