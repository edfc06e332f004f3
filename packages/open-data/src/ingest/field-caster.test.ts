import type { TableField } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { compileCaster, INVALID } from './field-caster.js'

const cast = (field: Omit<TableField, 'name'>, raw: unknown) => {
  const c = compileCaster({ name: 'f', ...field } as TableField)
  if (typeof c === 'string') throw new Error(c)
  return c.cast(raw)
}

describe('compileCaster', () => {
  it('casts integers and numbers from text and JSON, trimming padding', () => {
    expect(cast({ type: 'integer' }, ' 42 ')).toBe(42)
    expect(cast({ type: 'integer' }, '3.5')).toBe(INVALID)
    expect(cast({ type: 'integer' }, '9007199254740993')).toBe(INVALID)
    expect(cast({ type: 'integer' }, 7)).toBe(7)
    expect(cast({ type: 'number' }, '-1.5e3')).toBe(-1500)
    expect(cast({ type: 'number' }, '1,5')).toBe(INVALID)
    expect(cast({ type: 'number' }, Number.NaN)).toBe(INVALID)
  })

  it('reads booleans including 是/否', () => {
    expect(cast({ type: 'boolean' }, '是')).toBe(true)
    expect(cast({ type: 'boolean' }, 'FALSE')).toBe(false)
    expect(cast({ type: 'boolean' }, 'yes')).toBe(INVALID)
  })

  it('normalises dates by format and rejects impossible ones', () => {
    expect(cast({ type: 'date' }, '2021-04-14')).toBe('2021-04-14')
    expect(cast({ type: 'date' }, '2021-02-29')).toBe(INVALID)
    expect(cast({ type: 'date' }, '2024-02-29')).toBe('2024-02-29')
    expect(cast({ type: 'date' }, '2021/4/14')).toBe(INVALID)
    expect(cast({ type: 'date', format: 'any' }, '2021年4月14日')).toBe('2021-04-14')
    expect(cast({ type: 'date', format: 'any' }, '2021/4/14')).toBe('2021-04-14')
    expect(cast({ type: 'date', format: '%d.%m.%Y' }, '14.04.2021')).toBe('2021-04-14')
    expect(cast({ type: 'datetime' }, '2021-04-14 08:30')).toBe('2021-04-14T08:30:00')
    expect(cast({ type: 'datetime' }, '2021-04-14T08:30:05+0800')).toBe('2021-04-14T08:30:05+08:00')
    expect(cast({ type: 'datetime' }, '2021-04-14T25:00:00')).toBe(INVALID)
    expect(cast({ type: 'year' }, '2021')).toBe(2021)
  })

  it('reads geopoints in the three Frictionless formats as "lon,lat"', () => {
    expect(cast({ type: 'geopoint' }, '121.42, 31.22')).toBe('121.42,31.22')
    expect(cast({ type: 'geopoint', format: 'array' }, '[121.42, 31.22]')).toBe('121.42,31.22')
    expect(cast({ type: 'geopoint', format: 'object' }, { lon: 121.42, lat: 31.22 })).toBe(
      '121.42,31.22'
    )
    expect(cast({ type: 'geopoint' }, '121.42, 95')).toBe(INVALID)
  })

  it('checks string formats and refuses unknown date patterns', () => {
    expect(cast({ type: 'string', format: 'email' }, 'a@b.cn')).toBe('a@b.cn')
    expect(cast({ type: 'string', format: 'email' }, 'a@b')).toBe(INVALID)
    expect(cast({ type: 'string' }, 12)).toBe('12')
    expect(compileCaster({ name: 'd', type: 'date', format: '%Q' })).toMatch(/not default, any/)
  })
})
