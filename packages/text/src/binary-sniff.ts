import { encodingFromBom } from './encoding-evidence.js'

/** How many leading bytes {@link sniffBinary} needs: the first 8 KB. */
export const BINARY_SNIFF_BYTES = 8192

const startsWith = (head: Uint8Array, magic: readonly number[]) =>
  magic.every((b, i) => head[i] === b)

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0))

// Container formats named by their first bytes; a ZIP is told apart by its first entry names.
const MAGIC: [readonly number[], string][] = [
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an Office 97–2003 document (.xls or .doc)'],
  [ascii('%PDF-'), 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [ascii('Rar!'), 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [ascii('GIF8'), 'a GIF image'],
  [ascii('SQLite format 3\0'), 'an SQLite database'],
  [ascii('{\\rtf'), 'an RTF document'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive'],
]

function zipKind(head: Uint8Array): string {
  const names = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1')
  if (names.includes('xl/')) return 'an Excel workbook (.xlsx) renamed'
  if (names.includes('word/')) return 'a Word document (.docx)'
  if (names.includes('ppt/')) return 'a PowerPoint file (.pptx)'
  if (names.includes('content.xml') || names.includes('opendocument'))
    return 'an OpenDocument file (.ods/.odt)'
  return 'a ZIP archive'
}

/** Hint printed with a refusal: what to do instead. */
export const EXPORT_CSV_HINT =
  'export the table as CSV (Excel/WPS: File › Save As › "CSV UTF-8 (Comma delimited)") and add that file'

/**
 * Tells a file that is not text from its first bytes ({@link BINARY_SNIFF_BYTES}): a known binary
 * format (Excel, Word, ZIP, PDF, images …), or any NUL byte, which no text table holds. UTF-16
 * text announced by a byte-order mark is text. Returns what the file looks like, or undefined.
 * @example sniffBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04])) // 'a ZIP archive'
 */
export function sniffBinary(head: Uint8Array): string | undefined {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipKind(head)
  for (const [magic, what] of MAGIC) if (startsWith(head, magic)) return what
  const bom = encodingFromBom(head)
  if (bom === 'utf-16le' || bom === 'utf-16be') return undefined
  const nul = head.indexOf(0)
  if (nul >= 0 && nul < BINARY_SNIFF_BYTES)
    return `a binary file (a NUL byte at offset ${nul}; UTF-16 text needs a byte-order mark)`
  return undefined
}
