import { describe, expect, it } from 'vitest'
import { diff } from './diff.js'
import { education } from './test-fixtures.js'

describe('diff', () => {
  it('finds nothing between equal catalogues', () => {
    const d = diff(education(), education())
    expect(d).toEqual({ added: [], removed: [], changed: [], unchanged: 4, catalogue: [] })
  })
  it('reports added, removed and field-level changes by entry id', () => {
    const a = education()
    const b = education()
    b.version = '2021.1'
    const removed = b.entries.splice(0, 1)
    b.entries.push({ ...(removed[0] as (typeof b.entries)[number]), id: 'admission.new', seq: 9 })
    const scope = b.entries[0] as (typeof b.entries)[number]
    scope.timeLimit = { ...scope.timeLimit, amount: 10 } as typeof scope.timeLimit
    scope.channels[1] = { code: 'two_micro_one_app', required: true }
    scope.contentElements.push('划片地图')
    const d = diff(a, b)
    expect(d.added.map((e) => e.id)).toEqual(['admission.new'])
    expect(d.removed.map((e) => e.id)).toEqual(['admission.policy'])
    expect(d.unchanged).toBe(2)
    expect(d.changed).toEqual([
      {
        id: 'admission.scope',
        changes: [
          {
            path: '/contentElements',
            before: ['招生范围', '学区划分详细情况'],
            after: ['招生范围', '学区划分详细情况', '划片地图'],
          },
          { path: '/timeLimit/amount', before: 20, after: 10 },
          { path: '/channels/1/required', before: false, after: true },
        ],
      },
    ])
    expect(d.catalogue).toEqual([{ path: '/version', before: '2019.1', after: '2021.1' }])
  })
})
