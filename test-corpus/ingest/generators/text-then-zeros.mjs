// A text head (`text`, then `row` `times` times) on a sparse body of zeros up to `bytes`.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs'

/** Writes the case's input to `path`. */
export default function textThenZeros(path, { text, row, times, bytes }) {
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, Buffer.from(text + row.repeat(times)))
    ftruncateSync(fd, bytes)
  } finally {
    closeSync(fd)
  }
}
