// A file of `bytes` zeros that takes no disk space: truncate() extends it sparsely.
import { closeSync, ftruncateSync, openSync } from 'node:fs'

/** Writes the case's input to `path`. */
export default function sparse(path, { bytes }) {
  const fd = openSync(path, 'w')
  try {
    ftruncateSync(fd, bytes)
  } finally {
    closeSync(fd)
  }
}
