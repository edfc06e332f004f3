import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { topK } from './top-k.js'

describe('topK', () => {
  it('keeps the first k in order', () => {
    expect(topK(Uint32Array.of(5, 1, 4, 2, 3), 5, 2, (a, b) => a - b)).toEqual([1, 2])
    expect(topK([5, 1, 4], 2, 5, (a, b) => b - a)).toEqual([5, 1])
    expect(topK([5, 1, 4], 3, 0, (a, b) => a - b)).toEqual([])
  })

  it('equals sorting everything and keeping k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }),
        fc.integer({ min: 0, max: 320 }),
        (scores, k) => {
          const ids = scores.map((_, i) => i)
          // Ties on the score broken by id, as the index breaks them by date and id.
          const compare = (a: number, b: number) =>
            (scores[b] as number) - (scores[a] as number) || a - b
          expect(topK(ids, ids.length, k, compare)).toEqual([...ids].sort(compare).slice(0, k))
        }
      )
    )
  })
})
