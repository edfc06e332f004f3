import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keysOf, keysOfRun, runsOf } from './tokens.js'

describe('keysOf', () => {
  it('gives Han bigrams, lone characters and words', () => {
    const keys = keysOf('示民〔2021〕12号 ppp')
    expect(keys.filter((k) => typeof k === 'string')).toEqual(['w2021', 'w12', 'wppp'])
    expect(keys.filter((k) => typeof k === 'number')).toHaveLength(2) // 示民, 号
  })

  it('agrees with the run-by-run keys highlights use, on any text', () => {
    const chars = fc.constantFrom(...'低保标准示民号年aZ09 -〔〕、𠀋'.split(''))
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (cs) => {
        const text = cs.join('').toLowerCase()
        expect(keysOf(text)).toEqual(runsOf(text).flatMap((r) => keysOfRun(r)))
      })
    )
  })
})
