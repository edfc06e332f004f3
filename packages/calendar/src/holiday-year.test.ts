import { describe, expect, it } from 'vitest'
import { validateHolidayYear } from './holiday-year.js'

const good = {
  $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
  year: 2027,
  papers: ['https://example.invalid/notice-2027'],
  days: [
    { name: '元旦', date: '2026-12-31', isOffDay: true },
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: false },
  ],
}

describe('validateHolidayYear', () => {
  it('accepts the holiday-cn shape, days spilling into the previous year included', () => {
    const r = validateHolidayYear(good)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.days.map((d) => d.date)).toEqual(good.days.map((d) => d.date))
  })

  it('names the JSON pointer and what was expected', () => {
    const r = validateHolidayYear({
      year: '2027',
      papers: 'x',
      days: [
        { name: '', date: '2027-02-30', isOffDay: 'yes' },
        { name: '元旦', date: '2030-01-01', isOffDay: true },
      ],
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    const pointers = r.errors.map((e) => e.pointer)
    expect(pointers).toEqual([
      '/year',
      '/papers',
      '/days/0/name',
      '/days/0/isOffDay',
      '/days/0/date',
    ])
    expect(r.errors[4]?.message).toContain('"2027-02-30"')
  })

  it('rejects dates outside the neighbouring years and duplicates', () => {
    const r = validateHolidayYear({
      ...good,
      days: [
        ...good.days,
        { name: '元旦', date: '2027-01-01', isOffDay: false },
        { name: 'x', date: '2029-01-01', isOffDay: true },
      ],
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => e.pointer)).toEqual(['/days/3/date', '/days/4/date'])
    expect(r.errors[0]?.message).toContain('listed twice')
  })

  it('names the file when given and never throws on non-objects', () => {
    for (const bad of [null, 42, 'x', []]) {
      const r = validateHolidayYear(bad, '2027.json')
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors[0]?.message).toMatch(/^2027\.json: \//)
    }
  })
})
