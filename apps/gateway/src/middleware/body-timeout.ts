import type { Context } from 'hono'
import type { Env } from '../deps.js'
import { ApiError } from '../http/api-error.js'

/** The error a body read meets when the client took too long to send it. */
class BodyTimeout extends ApiError {
  constructor(ms: number) {
    super('request_timeout', `the request body was not received within ${ms / 1000} s`, {
      limitMs: ms,
    })
    this.headers.connection = 'close'
  }
}

/**
 * Puts a deadline on receiving the request body: the body stream errors with {@link BodyTimeout}
 * (408) once `ms` have passed since the request came in, whoever is reading it (the body limit,
 * a route's JSON or multipart parser). Only the request's body is timed: answers, downloads
 * among them, take as long as they take. Returns a function that clears the timer.
 */
export function limitBodyTime(c: Context<Env>, ms: number): () => void {
  const raw = c.req.raw
  if (!raw.body) return () => undefined
  const reader = raw.body.getReader()
  let timer: ReturnType<typeof setTimeout> | undefined
  let failed: BodyTimeout | undefined
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(() => {
        failed = new BodyTimeout(ms)
        controller.error(failed)
        reader.cancel(failed).catch(() => undefined)
      }, ms)
      timer.unref?.()
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (failed) return
        if (done) {
          clearTimeout(timer)
          controller.close()
        } else controller.enqueue(value)
      } catch (err) {
        if (!failed) controller.error(err)
      }
    },
    cancel(reason) {
      clearTimeout(timer)
      return reader.cancel(reason)
    },
  })
  c.req.raw = new Request(raw, { body, duplex: 'half' } as RequestInit)
  return () => clearTimeout(timer)
}
