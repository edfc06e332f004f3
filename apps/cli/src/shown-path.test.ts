import { describe, expect, it } from 'vitest'
import { shownPath } from './shown-path.js'

describe('shownPath', () => {
  it('shows paths relative to the current folder when shorter, else absolute', () => {
    expect(shownPath('/home/a/repo', '/home/a/repo/ws')).toBe('ws')
    expect(shownPath('/home/a/repo/ws', '/home/a/repo/site')).toBe('../site')
    expect(shownPath('/home/a/repo', '/home/a/repo')).toBe('.')
    expect(shownPath('/home/a/repo/x/y/z', '/tmp/b.db')).toBe('/tmp/b.db')
  })
})
