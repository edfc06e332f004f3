import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createCalendar } from './calendar.js'
import { readHolidayYears } from './load-holiday-years.js'

const dir = mkdtempSync(join(tmpdir(), 'gongkai-calendar-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

writeFileSync(
  join(dir, '2027.json'),
  JSON.stringify({
    year: 2027,
    papers: ['https://example.invalid/2027'],
    days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }],
  })
)
writeFileSync(join(dir, '2028.json'), '{ "year": 2028, ')
writeFileSync(
  join(dir, '2029.json'),
  JSON.stringify({ year: 2029, papers: [], days: [{ date: 'x' }] })
)
writeFileSync(join(dir, 'notes.txt'), 'ignored')

describe('readHolidayYears', () => {
  it('reads good files and names the file of every problem', () => {
    const { files, errors } = readHolidayYears(dir)
    expect(files.map((f) => f.data.year)).toEqual([2027])
    expect(errors.every((e) => e.file?.startsWith(dir))).toBe(true)
    expect(errors.map((e) => `${e.file?.slice(dir.length + 1)} ${e.pointer}`)).toEqual([
      '2028.json ',
      '2029.json /days/0/name',
      '2029.json /days/0/isOffDay',
      '2029.json /days/0/date',
    ])
    expect(errors[0]?.message).toContain('2028.json')
  })

  it('reports a missing folder instead of throwing', () => {
    const { files, errors } = readHolidayYears(join(dir, 'missing'))
    expect(files).toEqual([])
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toContain('missing')
  })
})

describe('Calendar.loadHolidayYears', () => {
  it('registers the valid years on that calendar only', () => {
    const cal = createCalendar()
    const { years, errors } = cal.loadHolidayYears(dir)
    expect(years).toEqual([2027])
    expect(errors.length).toBeGreaterThan(0)
    expect(cal.lastOfficialYear()).toBe(2027)
    expect(cal.isWorkingDay('2027-01-01')).toBe(false)
    expect(cal.yearInfo(2027)?.papers).toEqual(['https://example.invalid/2027'])
    expect(createCalendar().isWorkingDay('2027-01-01')).toBe(true)
  })
})
