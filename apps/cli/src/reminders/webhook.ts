import { createHmac } from 'node:crypto'

/** The signature header's value: `sha256=` + hex HMAC-SHA256 of `timestamp + "." + body` under `secret`. */
function signWebhook(secret: string, timestamp: string, body: Uint8Array | string): string {
  const mac = createHmac('sha256', secret)
  mac.update(`${timestamp}.`)
  mac.update(body)
  return `sha256=${mac.digest('hex')}`
}

/**
 * POSTs `payload` as JSON to `url` with `X-Gongkai-Timestamp` (Unix seconds) and
 * `X-Gongkai-Signature` over the exact bytes sent. Throws on a network error, a timeout (10 s) or a
 * status other than 2xx.
 */
export async function postWebhook(
  webhook: { url: string; secret: string },
  payload: unknown,
  now: Date
): Promise<void> {
  const body = Buffer.from(JSON.stringify(payload), 'utf8')
  const timestamp = String(Math.floor(now.getTime() / 1000))
  const res = await fetch(webhook.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-gongkai-timestamp': timestamp,
      'x-gongkai-signature': signWebhook(webhook.secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  // Drain the answer so the connection is released.
  await res.arrayBuffer().catch(() => undefined)
  if (!res.ok) throw new Error(`webhook answered ${res.status}`)
}
