import { describe, expect, it } from 'vitest'
import { linkUrl } from './link-url.js'

describe('linkUrl', () => {
  it('keeps http, https and mailto URLs', () => {
    for (const u of ['http://a.example/x', 'https://a.example/', 'mailto:xxgk@example.gov.cn'])
      expect(linkUrl(u)).toBe(u)
  })

  it('refuses every other scheme and disguise', () => {
    for (const u of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/',
      '/relative',
      'HTTPS://UPPER.example/',
      ' https://space.example/',
      '',
    ])
      expect(linkUrl(u), u).toBeUndefined()
    expect(linkUrl(undefined)).toBeUndefined()
    expect(linkUrl(null)).toBeUndefined()
  })
})
