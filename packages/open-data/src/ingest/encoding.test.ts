import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { createTextDecoder, detectEncoding, detectEncodingOfBytes } from './encoding.js'
import { tempDir, writeTemp } from './test-files.js'

const dir = tempDir('od-enc-')

describe('detectEncoding', () => {
  it('reads a UTF-8 BOM, UTF-16 BOMs, plain UTF-8 and GBK', async () => {
    expect(
      await detectEncoding(
        writeTemp(
          dir,
          'bom.csv',
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名称\n')])
        )
      )
    ).toBe('utf-8-bom')
    expect(
      await detectEncoding(
        writeTemp(
          dir,
          'u16.csv',
          Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('名称\n', 'utf16le')])
        )
      )
    ).toBe('utf-16le')
    expect(await detectEncoding(writeTemp(dir, 'utf8.csv', '名称,地址\n长宁,愚园路\n'))).toBe(
      'utf-8'
    )
    expect(
      await detectEncoding(
        writeTemp(dir, 'gbk.csv', iconv.encode('名称,地址\n长宁,愚园路\n', 'gbk'))
      )
    ).toBe('gb18030')
  })

  it('checks the whole file: GBK after 300 KB of ASCII is still found', async () => {
    const ascii = 'a,b\n'.repeat(75_000)
    const file = writeTemp(
      dir,
      'late.csv',
      Buffer.concat([Buffer.from(ascii), iconv.encode('招生,范围\n', 'gbk')])
    )
    expect(await detectEncoding(file)).toBe('gb18030')
  })

  it('does not mistake a UTF-8 character split across 1 MiB reads for invalid bytes', async () => {
    const pad = 'x'.repeat((1 << 20) - 1)
    const file = writeTemp(dir, 'split.csv', `${pad}招生\n`)
    expect(await detectEncoding(file)).toBe('utf-8')
  })

  it('keeps a UTF-8 file that ends in a truncated sequence UTF-8 (the bytes are an error)', async () => {
    const bytes = Buffer.from('名称')
    expect(
      await detectEncoding(writeTemp(dir, 'trunc.csv', bytes.subarray(0, bytes.length - 1)))
    ).toBe('utf-8')
    expect(detectEncodingOfBytes(Buffer.from('名称'))).toBe('utf-8')
  })
})

describe('createTextDecoder', () => {
  it('decodes GB18030 split at every byte and drops the UTF-8 BOM', () => {
    const bytes = iconv.encode('长宁区招生范围', 'gb18030')
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = createTextDecoder('gb18030')
      expect(d.write(bytes.subarray(0, cut)) + d.write(bytes.subarray(cut)) + d.end()).toBe(
        '长宁区招生范围'
      )
    }
    const u = createTextDecoder('utf-8-bom')
    expect(u.write(Buffer.from([0xef, 0xbb, 0xbf, 0x61])) + u.end()).toBe('a')
  })
})
