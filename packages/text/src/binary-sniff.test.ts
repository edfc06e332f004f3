import { describe, expect, it } from 'vitest'
import { sniffBinary } from './binary-sniff.js'

const zipWith = (name: string) =>
  Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0), ...Buffer.from(name)])

describe('sniffBinary', () => {
  it('names Office files, archives and other binaries', () => {
    expect(sniffBinary(zipWith('xl/workbook.xml'))).toContain('Excel workbook')
    expect(sniffBinary(zipWith('word/document.xml'))).toContain('Word document')
    expect(sniffBinary(zipWith('data.csv'))).toBe('a ZIP archive')
    expect(
      sniffBinary(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    ).toContain('.xls or .doc')
    expect(sniffBinary(Buffer.from('%PDF-1.7'))).toBe('a PDF document')
  })

  it('refuses any NUL byte, but not UTF-16 text with a byte-order mark', () => {
    expect(sniffBinary(new Uint8Array(8192))).toContain('NUL byte at offset 0')
    expect(sniffBinary(Buffer.from('a,b\n1,\u00002\n'))).toContain('offset 6')
    expect(
      sniffBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b', 'utf16le')]))
    ).toBe(undefined)
    expect(sniffBinary(Buffer.from('名称,地址\n'))).toBe(undefined)
  })
})
