import { once } from 'node:events'
import { createWriteStream, statSync } from 'node:fs'
import { rename, unlink } from 'node:fs/promises'

/** Where a writer sends bytes: a stream you own (left open) or a file path (written atomically). */
export type WriteTarget = NodeJS.WritableStream | string

/** What every streaming writer resolves to. */
export interface WriteResult {
  bytes: number
  rows: number
}

/**
 * A byte sink over a stream or a file path. A path is written to a temporary sibling and renamed
 * on `close()`, so a crash or error never leaves a half-written download under the final name.
 */
export interface Sink {
  /** Encode and write one chunk; resolves at once unless the stream asked us to wait (`drain`). */
  write(chunk: string | Uint8Array): Promise<void> | undefined
  /** Bytes written so far. */
  readonly bytes: number
  /** Flush; for a path, end the file and move it into place. */
  close(): Promise<void>
  /** Give up: for a path, remove the temporary file. */
  abort(): Promise<void>
}

let tmpCounter = 0

/** Opens a sink; see {@link Sink}. */
export function openSink(target: WriteTarget): Sink {
  const ownsStream = typeof target === 'string'
  // A device such as /dev/null is written in place: renaming a temporary file over it would
  // replace the device with a regular file (it happened once, as root, to /dev/null).
  const inPlace = ownsStream && isDevice(target)
  const tmpPath = ownsStream && !inPlace ? `${target}.${process.pid}.${++tmpCounter}.tmp` : ''
  const stream: NodeJS.WritableStream = ownsStream
    ? createWriteStream(inPlace ? target : tmpPath, { highWaterMark: 1 << 20 })
    : target
  let failure: Error | undefined
  const onError = (err: Error): void => {
    failure = err
  }
  stream.on('error', onError)
  let bytes = 0

  const sink: Sink = {
    get bytes() {
      return bytes
    },
    write(chunk) {
      if (failure) return Promise.reject(failure)
      // Encoding here (not in the stream) gives the exact byte count for free.
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
      bytes += buf.length
      if (stream.write(buf)) return undefined
      return waitDrain(stream, () => failure)
    },
    async close() {
      if (failure) throw failure
      if (!ownsStream) {
        stream.off('error', onError)
        return
      }
      const done = once(stream, 'close')
      stream.end()
      await done
      if (failure) throw failure
      if (!inPlace) await rename(tmpPath, target)
    },
    async abort() {
      stream.off('error', onError)
      if (!ownsStream) return
      ;(stream as NodeJS.WritableStream & { destroy(): void }).destroy()
      if (inPlace) return
      await unlink(tmpPath).catch(() => undefined)
    },
  }
  return sink
}

function isDevice(path: string): boolean {
  try {
    const st = statSync(path)
    return st.isCharacterDevice() || st.isFIFO() || st.isSocket()
  } catch {
    return false
  }
}

async function waitDrain(
  stream: NodeJS.WritableStream,
  failed: () => Error | undefined
): Promise<void> {
  // `once` rejects if the stream emits 'error' while we wait, so a dead disk cannot hang us.
  await once(stream, 'drain')
  const err = failed()
  if (err) throw err
}
