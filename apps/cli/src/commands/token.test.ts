import { describe, expect, it } from 'vitest'
import { UsageError } from '../command.js'
import { parseExpiry } from './token.js'

describe('parseExpiry', () => {
  const now = new Date('2026-01-01T00:00:00Z')
  it('takes a number of days or a future ISO date, a bare date through its whole day', () => {
    expect(parseExpiry('30d', now)).toBe('2026-01-31T00:00:00.000Z')
    expect(parseExpiry('2027-02-28', now)).toBe('2027-02-28T23:59:59.000Z')
  })
  it('refuses a day the calendar does not have instead of rolling it into March', () => {
    expect(() => parseExpiry('2027-02-30', now)).toThrow(UsageError)
    expect(() => parseExpiry('2027-02-30T12:00:00Z', now)).toThrow(UsageError)
  })
})
