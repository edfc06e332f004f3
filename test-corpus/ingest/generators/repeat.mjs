// A header, one row repeated `times` times, then `tailHex` bytes: large inputs without large files.
import { writeFileSync } from 'node:fs'

/** Writes the case's input to `path`; the header and tail are given as hex, so any encoding. */
export default function repeat(path, { headerHex, row, times, tailHex = '' }) {
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from(headerHex, 'hex'),
      Buffer.from(row.repeat(times)),
      Buffer.from(tailHex, 'hex'),
    ])
  )
}
