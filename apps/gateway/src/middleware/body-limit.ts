import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Env } from '../deps.js'
import { ApiError } from '../http/api-error.js'

/**
 * 413 beyond `maxBytes`, before the body is parsed: hono's bodyLimit checks Content-Length first
 * and, for chunked bodies, counts bytes while reading and aborts past the limit.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<Env> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `request body exceeds ${maxBytes} bytes`, {
        limitBytes: maxBytes,
      })
    },
  }) as MiddlewareHandler<Env>
}
