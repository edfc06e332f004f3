import { describe, expect, it } from 'vitest'
import { StampedCache } from './stamped-cache.js'

describe('StampedCache', () => {
  it('returns a value only under the stamp it was stored with', () => {
    const c = new StampedCache<string>()
    c.set('k', '1:1', 'a')
    expect(c.get('k', '1:1')).toBe('a')
    expect(c.get('k', '1:2')).toBeUndefined()
    expect(c.get('other', '1:1')).toBeUndefined()
    c.set('k', '1:2', 'b')
    expect(c.get('k', '1:2')).toBe('b')
    expect(c.get('k', '1:1')).toBeUndefined()
  })

  it('keeps nothing without a stamp and drops the oldest beyond its size', () => {
    const c = new StampedCache<number>(2)
    c.set('x', undefined, 1)
    expect(c.get('x', undefined)).toBeUndefined()
    c.set('a', 's', 1)
    c.set('b', 's', 2)
    c.set('c', 's', 3)
    expect(c.get('a', 's')).toBeUndefined()
    expect([c.get('b', 's'), c.get('c', 's')]).toEqual([2, 3])
  })
})
