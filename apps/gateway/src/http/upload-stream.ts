import { randomBytes } from 'node:crypto'
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Context } from 'hono'
import type { Env } from '../deps.js'
import { ApiError } from './api-error.js'

/** The dataset upload routes, whose multipart bodies are streamed instead of buffered. */
const UPLOAD_PATH = /^\/api\/v1\/datasets(\/[^/]+\/versions)?\/?$/

/** Fields other than the file (descriptor, schema) are small JSON texts: 16 MiB in all is plenty. */
const FIELD_BYTES = 16 * 1024 * 1024

/** A part's header block larger than this is not a form field. */
const HEADER_BYTES = 16 * 1024

/**
 * True for a multipart POST to a dataset upload route: the gate leaves its body to
 * {@link streamUpload} (its own size limit and idle deadline) instead of buffering it.
 */
export function isStreamedUpload(c: Context<Env>): boolean {
  return (
    c.req.method === 'POST' &&
    UPLOAD_PATH.test(c.req.path) &&
    /^\s*multipart\/form-data/i.test(c.req.header('content-type') ?? '')
  )
}

/** What {@link streamUpload} received: the text fields, and the file part in a staging file. */
export interface StreamedUpload {
  fields: Record<string, string>
  /** The staging file of the `csv` (or `file`) part; absent when the body had none. */
  file?: string
  /** The client's name of that part's file, if it gave one. */
  fileName?: string
}

/** Limits of {@link streamUpload}. */
export interface StreamUploadOptions {
  /** Folder of the staging files (created when missing). */
  dir: string
  /** Largest body in bytes (config `upload.maxBytes`). */
  maxBytes: number
  /** Longest wait for the next bytes of the body, in ms (then 408). */
  idleMs: number
  /** Names of the parts written to the staging file. */
  fileParts?: readonly string[]
}

const tooLarge = (maxBytes: number) =>
  new ApiError('payload_too_large', `upload exceeds ${maxBytes} bytes (config upload.maxBytes)`, {
    limitBytes: maxBytes,
    setting: 'upload.maxBytes',
  })

const malformed = (message: string) =>
  new ApiError('bad_request', `multipart body: ${message}`, { parameter: 'body' })

/** The boundary of a multipart Content-Type (the gate has refused bodies without one). */
function boundaryOf(type: string): string {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(type)
  const b = m?.[1] ?? m?.[2]
  if (!b) throw malformed('no boundary')
  return b
}

/** `name` and `filename` of a part's Content-Disposition header. */
function disposition(headers: string): { name?: string; filename?: string } {
  const line = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? ''
  const param = (key: string) =>
    new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(line)
  const value = (key: string) => {
    const m = param(key)
    return m ? (m[1] ?? m[2]) : undefined
  }
  return { name: value('name'), filename: value('filename') }
}

/**
 * Reads the next chunk; 408 when none comes within `ms`, and a rejection as soon as `signal`
 * aborts (the server's signal of a client that hung up: the body stream itself may just stall).
 */
async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
  signal: AbortSignal
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const idle = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error('the client closed the connection'))
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
    timer = setTimeout(() => {
      const err = new ApiError('request_timeout', `no upload bytes received for ${ms / 1000} s`, {
        limitMs: ms,
      })
      err.headers.connection = 'close'
      reject(err)
    }, ms)
    timer.unref?.()
  })
  try {
    return await Promise.race([reader.read(), idle])
  } finally {
    clearTimeout(timer)
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
}

/**
 * A streaming `multipart/form-data` splitter: the file parts go chunk by chunk to one handle,
 * the other fields are kept as text. The body is scanned for `CRLF--boundary` with a tail of
 * one delimiter length kept between chunks, so memory stays at about one chunk.
 */
class MultipartSplitter {
  private buf: Buffer = Buffer.alloc(0)
  private state: 'preamble' | 'after' | 'headers' | 'body' | 'done' = 'preamble'
  private readonly delimiter: Buffer
  private part: { name: string; file: boolean; chunks: Buffer[] } | undefined
  private fieldBytes = 0
  readonly fields: Record<string, string> = {}
  fileName: string | undefined
  sawFile = false

  constructor(
    boundary: string,
    private readonly fileParts: readonly string[],
    private readonly writeFile: (chunk: Buffer) => Promise<void>
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`)
    // The first delimiter has no CRLF before it; a virtual one makes every delimiter alike.
    this.buf = Buffer.from('\r\n')
  }

  get finished(): boolean {
    return this.state === 'done'
  }

  async push(chunk: Uint8Array): Promise<void> {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk)
    for (;;) if (!(await this.step())) return
  }

  /** One step of the state machine; false when it needs more bytes. */
  private async step(): Promise<boolean> {
    const d = this.delimiter
    switch (this.state) {
      case 'preamble': {
        const i = this.buf.indexOf(d)
        if (i < 0) {
          this.buf = this.buf.subarray(Math.max(0, this.buf.length - d.length))
          return false
        }
        this.buf = this.buf.subarray(i + d.length)
        this.state = 'after'
        return true
      }
      case 'after': {
        if (this.buf.length < 2) return false
        const two = this.buf.subarray(0, 2).toString('latin1')
        if (two === '--') {
          this.state = 'done'
          this.buf = Buffer.alloc(0)
          return false
        }
        if (two !== '\r\n') throw malformed('a boundary is not followed by CRLF')
        this.buf = this.buf.subarray(2)
        this.state = 'headers'
        return true
      }
      case 'headers': {
        const end = this.buf.indexOf('\r\n\r\n')
        if (end < 0) {
          if (this.buf.length > HEADER_BYTES) throw malformed('a part header is too long')
          return false
        }
        const { name, filename } = disposition(this.buf.subarray(0, end).toString('utf8'))
        this.buf = this.buf.subarray(end + 4)
        if (!name) throw malformed('a part without a name')
        const file = this.fileParts.includes(name) && !this.sawFile
        if (file) {
          this.sawFile = true
          this.fileName = filename
        }
        this.part = { name, file, chunks: [] }
        this.state = 'body'
        return true
      }
      case 'body': {
        const i = this.buf.indexOf(d)
        const keep = i < 0 ? Math.max(0, this.buf.length - d.length + 1) : i
        if (keep > 0) await this.emit(this.buf.subarray(0, keep))
        if (i < 0) {
          this.buf = this.buf.subarray(keep)
          return false
        }
        this.closePart()
        this.buf = this.buf.subarray(i + d.length)
        this.state = 'after'
        return true
      }
      default:
        return false
    }
  }

  private async emit(bytes: Buffer): Promise<void> {
    const part = this.part
    if (!part) return
    if (part.file) return this.writeFile(Buffer.from(bytes))
    this.fieldBytes += bytes.length
    if (this.fieldBytes > FIELD_BYTES)
      throw new ApiError('payload_too_large', `form fields exceed ${FIELD_BYTES} bytes`, {
        limitBytes: FIELD_BYTES,
        field: part.name,
      })
    part.chunks.push(Buffer.from(bytes))
  }

  private closePart(): void {
    const part = this.part
    this.part = undefined
    if (part && !part.file) this.fields[part.name] = Buffer.concat(part.chunks).toString('utf8')
  }
}

/**
 * Receives a multipart upload chunk by chunk: the file part (`csv` or `file`) is written to a new
 * staging file in `dir`, never held in memory. 413 before anything is written when Content-Length
 * says the body is too large, or as soon as the bytes received pass `maxBytes`; 408 after
 * `idleMs` without a byte. On any failure (a client that hangs up included) the staging file is
 * removed before the error goes on.
 */
export async function streamUpload(
  c: Context<Env>,
  options: StreamUploadOptions
): Promise<StreamedUpload> {
  const { maxBytes } = options
  const declared = Number(c.req.header('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes)
  const body = c.req.raw.body
  if (!body) throw malformed('empty body')
  // Read the signal first: the server arms it on first use, and aborts it when the client goes.
  const signal = c.req.raw.signal
  const reader = body.getReader()
  await mkdir(options.dir, { recursive: true })
  const path = join(options.dir, `${randomBytes(12).toString('hex')}.csv`)
  let handle: FileHandle | undefined
  const splitter = new MultipartSplitter(
    boundaryOf(c.req.header('content-type') ?? ''),
    options.fileParts ?? ['csv', 'file'],
    async (chunk) => {
      handle ??= await open(path, 'wx', 0o600)
      await handle.write(chunk)
    }
  )
  let received = 0
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, options.idleMs, signal).catch(
        (err: unknown) => {
          if (err instanceof ApiError) throw err
          // The client hung up or the connection broke: what arrived is no upload.
          throw new ApiError('bad_request', 'the upload was cut off before its end', {
            parameter: 'body',
            receivedBytes: received,
          })
        }
      )
      if (done) break
      received += value.length
      if (received > maxBytes) throw tooLarge(maxBytes)
      await splitter.push(value)
    }
    if (!splitter.finished) throw malformed('the body ended before its closing boundary')
    if (splitter.sawFile && !handle) handle = await open(path, 'wx', 0o600)
    await handle?.close()
    handle = undefined
    return {
      fields: splitter.fields,
      ...(splitter.sawFile ? { file: path, fileName: splitter.fileName } : {}),
    }
  } catch (err) {
    reader.cancel(err).catch(() => undefined)
    await handle?.close().catch(() => undefined)
    await rm(path, { force: true })
    throw err
  }
}
