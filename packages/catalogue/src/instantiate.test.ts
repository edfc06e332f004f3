import { describe, expect, it } from 'vitest'
import { findPlaceholders, instantiate } from './instantiate.js'
import { committeeTemplate } from './test-fixtures.js'

describe('instantiate', () => {
  it('fills every placeholder, recordSchema titles included, and validates', () => {
    const r = instantiate(committeeTemplate(), {
      name: '市光四村第二居委会',
      values: { 街道名称: '殷行街道' },
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const c = r.value
    expect(findPlaceholders(c)).toEqual([])
    expect(c.title).toBe('市光四村第二居委会居务公开目录')
    expect(c.organisation).toBe('殷行街道市光四村第二居委会')
    expect(c.entries[0]?.responsibleBodies).toEqual(['市光四村第二居委会'])
    expect((c.entries[0]?.recordSchema as { title?: string } | undefined)?.title).toBe(
      '市光四村第二居委会工作经费季度公开表'
    )
    // A regex quantifier is not a placeholder.
    expect(JSON.stringify(c.entries[0]?.recordSchema)).toContain('\\\\d{4}')
    expect(c.template).toBe(false)
    expect(c.placeholders).toBeUndefined()
    expect(c.instanceOf).toEqual({ id: 'rc_test', version: '2020.1' })
    expect(c.id).toMatch(/^rc_test-h[0-9a-z]+$/)
  })
  it('derives a stable id per name', () => {
    const a = instantiate(committeeTemplate(), { name: '甲居委会', values: { 街道名称: 'x' } })
    const b = instantiate(committeeTemplate(), { name: '甲居委会', values: { 街道名称: 'y' } })
    const c = instantiate(committeeTemplate(), { name: '乙居委会', values: { 街道名称: 'x' } })
    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true)
    expect(a.ok && c.ok && a.value.id !== c.value.id).toBe(true)
    const ascii = instantiate(committeeTemplate(), {
      name: 'Shiguang 4th',
      values: { 街道名称: 'x' },
    })
    expect(ascii.ok && ascii.value.id).toBe('rc_test-shiguang-4th')
  })
  it('refuses when a placeholder stays unfilled, naming where', () => {
    const r = instantiate(committeeTemplate(), { name: '甲居委会' })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.errors).toContainEqual(
        expect.objectContaining({
          pointer: '/organisation',
          keyword: 'placeholder',
          actual: '{街道名称}',
        })
      )
  })
  it('applies overrides per entry and takes id/version', () => {
    const r = instantiate(committeeTemplate(), {
      name: '甲居委会',
      values: { '{街道名称}': '殷行街道' },
      id: 'rc-jia',
      version: '2024.1',
      overrides: {
        'finance.working_funds': {
          responsibleBodies: ['甲居委会', '殷行街道办事处'],
          channels: [
            { code: 'rc_notice_board', required: true },
            { code: 'shequyun', required: false },
          ],
        },
      },
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toMatchObject({ id: 'rc-jia', version: '2024.1' })
    expect(r.value.entries[0]?.responsibleBodies).toEqual(['甲居委会', '殷行街道办事处'])
    expect(r.value.entries[0]?.channels).toHaveLength(2)
  })
  it('refuses an override of an unknown entry and an invalid result', () => {
    const unknown = instantiate(committeeTemplate(), {
      name: 'a',
      values: { 街道名称: 'b' },
      overrides: { nope: { scope: 'x' } },
    })
    expect(unknown.ok).toBe(false)
    const invalid = instantiate(committeeTemplate(), {
      name: 'a',
      values: { 街道名称: 'b' },
      overrides: { 'finance.working_funds': { channels: [] } },
    })
    expect(invalid.ok).toBe(false)
    if (!invalid.ok) expect(invalid.errors[0]?.pointer).toBe('/entries/0/channels')
  })
})
