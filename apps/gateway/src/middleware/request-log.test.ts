import { describe, expect, it } from 'vitest'
import { call, done, publishDataset, setup } from '../test-support.js'

describe('request log', () => {
  it('writes one JSON line per request: route pattern, never the path, query string or token', async () => {
    const lines: string[] = []
    const { app, store, token } = await setup({ requestLog: (l) => lines.push(l) })
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher)).status).toBe(201)
    lines.length = 0
    const q = `?${encodeURIComponent('名称')}=${encodeURIComponent('张三')}&access_token=secret-token`
    const r = await call(app, 'GET', `/api/v1/datasets/schools/rows${q}`, { token: publisher })
    await call(app, 'GET', '/no/such/path')
    expect(lines).toHaveLength(2)
    const [rows, missing] = lines.map((l) => JSON.parse(l))
    expect(rows).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      id: r.headers.get('x-request-id'),
      method: 'GET',
      route: '/api/v1/datasets/:id/rows',
      status: 400,
      ms: expect.any(Number),
      // app.request has no socket: bytes come from Content-Length when the answer has one.
      bytes: null,
    })
    expect(missing).toMatchObject({ route: '(no route)', status: 404 })
    const all = lines.join('\n')
    for (const secret of ['张三', 'secret-token', publisher, 'schools', encodeURIComponent('张三')])
      expect(all).not.toContain(secret)
    await done(store)
  })

  it('is off unless asked for', async () => {
    const { app, store } = await setup()
    const r = await call(app, 'GET', '/healthz')
    expect(r.headers.get('x-request-id')).toBeNull()
    await done(store)
  })
})
